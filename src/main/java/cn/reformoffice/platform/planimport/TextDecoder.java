package cn.reformoffice.platform.planimport;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import cn.reformoffice.platform.planimport.PlanTextParser.Line;

/**
 * Decodes a plain-text plan: UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030 (a superset of
 * GBK and GB2312, common on government PCs). Refuses binary data, naming the line where it starts.
 */
final class TextDecoder {

    static final Charset GB18030 = Charset.forName("GB18030");

    private TextDecoder() {
    }

    static List<Line> lines(byte[] bytes) {
        String text = decode(bytes);
        List<Line> lines = new ArrayList<>();
        int number = 1;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                lines.add(new Line(number++, text.substring(start, i)));
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        lines.add(new Line(number, text.substring(start)));
        return lines;
    }

    static String decode(byte[] bytes) {
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            return strict(bytes, 3, StandardCharsets.UTF_8);
        }
        if (startsWith(bytes, 0xFF, 0xFE)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16LE);
        }
        if (startsWith(bytes, 0xFE, 0xFF)) {
            return new String(bytes, 2, bytes.length - 2, StandardCharsets.UTF_16BE);
        }
        int binary = firstBinaryByte(bytes);
        if (binary >= 0) {
            throw new PlanFormatException("文件不是文本文件：" + lineAt(bytes, binary) + "（第" + (binary + 1)
                    + "字节）起是二进制数据；也不是 Word（.docx）或 Excel（.xlsx）文件，未导入任何任务。" + PlanText.PLAN_HINT,
                    lineAt(bytes, binary));
        }
        int utf8Error = firstError(bytes, StandardCharsets.UTF_8);
        if (utf8Error < 0) {
            return strict(bytes, 0, StandardCharsets.UTF_8);
        }
        int gbError = firstError(bytes, GB18030);
        if (gbError < 0) {
            return strict(bytes, 0, GB18030);
        }
        int at = Math.max(utf8Error, gbError);
        throw new PlanFormatException("无法识别文件的文字编码：" + lineAt(bytes, at) + "（第" + (at + 1)
                + "字节）既不是 UTF-8 也不是 GB18030/GBK 编码，未导入任何任务。请在记事本或 WPS 中将文件另存为 UTF-8 文本或 .docx 后再导入。",
                lineAt(bytes, at));
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** The first NUL or other control byte that text never holds, or -1. */
    private static int firstBinaryByte(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t' && b != '\f' && b != 0x1A) {
                return i;
            }
        }
        return -1;
    }

    /** Offset of the first byte the charset cannot decode, or -1. */
    private static int firstError(byte[] bytes, Charset charset) {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(64 * 1024);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                result = decoder.flush(out);
                return result.isError() ? in.position() : -1;
            }
            out.clear();
        }
    }

    private static String strict(byte[] bytes, int offset, Charset charset) {
        return new String(bytes, offset, bytes.length - offset, charset);
    }

    private static String lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return "第" + line + "行";
    }
}
