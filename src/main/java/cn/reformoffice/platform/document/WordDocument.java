package cn.reformoffice.platform.document;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.poi.xwpf.usermodel.LineSpacingRule;
import org.apache.poi.xwpf.usermodel.ParagraphAlignment;
import org.apache.poi.xwpf.usermodel.TableRowAlign;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFRun;
import org.apache.poi.xwpf.usermodel.XWPFRun.FontCharRange;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A Word document (.docx) in the layout of the office's papers (公文): a centred title in 小标宋, headings
 * in 黑体, body text in 仿宋 三号 with a two-character first-line indent, plain tables with a header row
 * that repeats on every page. The fonts are named, not embedded: Word falls back to 宋体 where a
 * machine lacks them. Every text is a run of its own, so the office can edit the document freely.
 */
public final class WordDocument {

    public static final MediaType DOCX = MediaType
            .parseMediaType("application/vnd.openxmlformats-officedocument.wordprocessingml.document");

    private static final String TITLE_FONT = "方正小标宋简体";
    private static final String HEADING_FONT = "黑体";
    private static final String BODY_FONT = "仿宋_GB2312";
    private static final String TABLE_FONT = "宋体";
    private static final int BODY_SIZE = 16;
    private static final int TABLE_SIZE = 11;

    private final XWPFDocument document = new XWPFDocument();

    /** The centred title (二号 小标宋), optionally in red (a notice's red head). */
    public WordDocument title(String text, boolean red) {
        XWPFParagraph paragraph = paragraph(ParagraphAlignment.CENTER, 0);
        paragraph.setSpacingAfter(200);
        XWPFRun run = run(paragraph, text, TITLE_FONT, 22);
        if (red) {
            run.setColor("C00000");
        }
        return this;
    }

    /** A centred line under the title (a number, 截至 date), in 楷体 三号. */
    public WordDocument subtitle(String text) {
        XWPFParagraph paragraph = paragraph(ParagraphAlignment.CENTER, 0);
        paragraph.setSpacingAfter(200);
        run(paragraph, text, "楷体_GB2312", BODY_SIZE);
        return this;
    }

    /** A section heading (一、总体情况) in 黑体 三号, indented like body text. */
    public WordDocument heading(String text) {
        run(paragraph(ParagraphAlignment.LEFT, 640), text, HEADING_FONT, BODY_SIZE);
        return this;
    }

    /** A body paragraph with a two-character first-line indent. */
    public WordDocument paragraph(String text) {
        run(paragraph(ParagraphAlignment.BOTH, 640), text, BODY_FONT, BODY_SIZE);
        return this;
    }

    /** A body line without indent (致：…, 抄送：…). */
    public WordDocument line(String text) {
        run(paragraph(ParagraphAlignment.LEFT, 0), text, BODY_FONT, BODY_SIZE);
        return this;
    }

    /** A right-aligned line (the signature and date). */
    public WordDocument right(String text) {
        XWPFParagraph paragraph = paragraph(ParagraphAlignment.RIGHT, 0);
        paragraph.setIndentationRight(640);
        run(paragraph, text, BODY_FONT, BODY_SIZE);
        return this;
    }

    /** An empty line. */
    public WordDocument blank() {
        paragraph(ParagraphAlignment.LEFT, 0);
        return this;
    }

    /**
     * A table the width of the page: a bold header row (repeated on each page) and the rows; cells whose
     * text is a number, a percentage or a dash are centred.
     */
    public WordDocument table(List<String> headers, List<List<String>> rows) {
        XWPFTable table = document.createTable(rows.size() + 1, headers.size());
        table.setWidth("100%");
        table.setTableAlignment(TableRowAlign.CENTER);
        fill(table.getRow(0), headers, true);
        table.getRow(0).setRepeatHeader(true);
        for (int i = 0; i < rows.size(); i++) {
            fill(table.getRow(i + 1), rows.get(i), false);
        }
        paragraph(ParagraphAlignment.LEFT, 0);
        return this;
    }

    /** The document as the bytes of a .docx file. */
    public byte[] bytes() {
        try (XWPFDocument closing = document; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            closing.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A download of the document: its type, the file name (UTF-8, for Chinese names) and no caching. */
    public ResponseEntity<byte[]> download(String fileName) {
        return ResponseEntity.ok().contentType(DOCX)
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(fileName, StandardCharsets.UTF_8).build().toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .body(bytes());
    }

    private void fill(XWPFTableRow row, List<String> texts, boolean header) {
        for (int c = 0; c < texts.size(); c++) {
            XWPFTableCell cell = row.getCell(c);
            XWPFParagraph paragraph = cell.getParagraphs().get(0);
            String text = texts.get(c) == null ? "" : texts.get(c);
            paragraph.setAlignment(header || centred(text) ? ParagraphAlignment.CENTER : ParagraphAlignment.LEFT);
            cell.setVerticalAlignment(XWPFTableCell.XWPFVertAlign.CENTER);
            XWPFRun run = run(paragraph, text, header ? HEADING_FONT : TABLE_FONT, TABLE_SIZE);
            run.setBold(header);
        }
    }

    private static boolean centred(String text) {
        return text.isEmpty() || text.equals("—") || text.matches("[0-9.%（）()个工作日年月日-]+");
    }

    private XWPFParagraph paragraph(ParagraphAlignment alignment, int firstLineTwips) {
        XWPFParagraph paragraph = document.createParagraph();
        paragraph.setAlignment(alignment);
        if (firstLineTwips > 0) {
            paragraph.setFirstLineIndent(firstLineTwips);
        }
        // 28 pt exact line spacing, as 公文 are set
        paragraph.setSpacingBetween(28, LineSpacingRule.EXACT);
        return paragraph;
    }

    private static XWPFRun run(XWPFParagraph paragraph, String text, String font, int size) {
        XWPFRun run = paragraph.createRun();
        run.setText(text);
        run.setFontFamily(font, FontCharRange.eastAsia);
        run.setFontFamily(font, FontCharRange.ascii);
        run.setFontFamily(font, FontCharRange.hAnsi);
        run.setFontSize(size);
        return run;
    }
}
