package cn.reformoffice.platform.planimport;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * Checks a .docx/.xlsx before POI opens it: the archive must be complete (its central directory is at
 * the end, so a truncated file fails here), hold few entries, and unzip to a bounded size. Sizes are
 * counted while actually inflating, not taken from headers, so a zip bomb costs at most the limit.
 */
final class ZipGuard {

    enum Kind {
        DOCX, XLSX
    }

    private static final int MIN_BOMB_SIZE = 1024 * 1024;
    private static final int MAX_RATIO = 100;

    private ZipGuard() {
    }

    static Kind check(byte[] bytes, String fileName, long maxUncompressed, int maxEntries) {
        String kindName = kindName(fileName);
        boolean docx = false;
        boolean xlsx = false;
        boolean other = false;
        try (ZipFile zip = new ZipFile.Builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get()) {
            long total = 0;
            int entries = 0;
            byte[] buffer = new byte[64 * 1024];
            for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
                if (++entries > maxEntries) {
                    throw new PlanFormatException(kindName + "中的文件条目超过" + maxEntries
                            + "个，不像正常的工作要点或台账，为安全起见未读取，未导入任何任务。");
                }
                String name = entry.getName();
                docx |= name.equals("word/document.xml");
                xlsx |= name.equals("xl/workbook.xml");
                other |= name.equals("content.xml") || name.equals("xl/workbook.bin") || name.startsWith("ppt/");
                long size = 0;
                try (InputStream in = zip.getInputStream(entry)) {
                    int read;
                    while ((read = in.read(buffer)) > 0) {
                        size += read;
                        total += read;
                        if (total > maxUncompressed) {
                            throw bomb(kindName, maxUncompressed);
                        }
                        if (size > MIN_BOMB_SIZE && entry.getCompressedSize() > 0
                                && size / entry.getCompressedSize() > MAX_RATIO) {
                            throw bomb(kindName, maxUncompressed);
                        }
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof PlanFormatException format) {
                throw format;
            }
            throw new PlanFormatException(kindName + "已损坏或不完整（可能未下载或复制完整），无法读取，未导入任何任务。"
                    + "请在 Word、Excel 或 WPS 中重新打开并另存后再导入。");
        }
        if (docx) {
            return Kind.DOCX;
        }
        if (xlsx) {
            return Kind.XLSX;
        }
        throw new PlanFormatException((other ? "暂不支持这种文件（OpenDocument、.xlsb 或 PowerPoint）。"
                : "文件是压缩包，但不是 Word（.docx）或 Excel（.xlsx）文件。") + "请上传年度工作要点（.docx 或 .txt）或工作台账（.xlsx），"
                + "其他格式请先另存为 .docx 或 .xlsx，未导入任何任务。");
    }

    private static PlanFormatException bomb(String kindName, long maxUncompressed) {
        return new PlanFormatException(kindName + "解压后超过" + (maxUncompressed / (1024 * 1024))
                + " MB 或压缩比异常（疑似“压缩炸弹”），为安全起见未读取，未导入任何任务。");
    }

    static String kindName(String fileName) {
        String name = fileName == null ? "" : fileName.toLowerCase();
        return name.endsWith(".docx") ? "Word 文件（.docx）"
                : name.endsWith(".xlsx") ? "Excel 文件（.xlsx）" : "Office 文件（.docx/.xlsx）";
    }
}
