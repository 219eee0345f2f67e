package cn.reformoffice.platform.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableCell;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

/** A downloaded .docx opened with POI: its paragraphs and tables as text, for the tests to read. */
public final class WordText {

    private final List<String> paragraphs = new ArrayList<>();
    private final List<List<List<String>>> tables = new ArrayList<>();
    private final List<String> all = new ArrayList<>();

    private WordText(byte[] bytes) {
        try (XWPFDocument document = new XWPFDocument(new ByteArrayInputStream(bytes))) {
            for (IBodyElement element : document.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    paragraphs.add(paragraph.getText());
                    all.add(paragraph.getText());
                } else if (element instanceof XWPFTable table) {
                    List<List<String>> rows = new ArrayList<>();
                    for (XWPFTableRow row : table.getRows()) {
                        List<String> cells = row.getTableCells().stream().map(XWPFTableCell::getText).toList();
                        rows.add(cells);
                        all.add(String.join(" | ", cells));
                    }
                    tables.add(rows);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static WordText of(byte[] bytes) {
        assertThat(bytes).as("a .docx (zip) file").isNotNull().startsWith(0x50, 0x4b);
        return new WordText(bytes);
    }

    /** The non-empty paragraphs, in order (tables left out). */
    public List<String> paragraphs() {
        return paragraphs.stream().filter(p -> !p.isBlank()).toList();
    }

    /** The first paragraph containing the text. */
    public String paragraph(String containing) {
        return paragraphs.stream().filter(p -> p.contains(containing)).findFirst()
                .orElseThrow(() -> new AssertionError("no paragraph with '" + containing + "' in " + paragraphs()));
    }

    /** The table whose header row starts with the cell. */
    public List<List<String>> table(String firstHeader) {
        return tables.stream().filter(t -> !t.isEmpty() && t.get(0).get(0).equals(firstHeader)).findFirst()
                .orElseThrow(() -> new AssertionError("no table headed '" + firstHeader + "' in " + tables));
    }

    /** The row of the table (by its first header cell) whose first cell is {@code key}. */
    public List<String> row(String firstHeader, String key) {
        return table(firstHeader).stream().filter(r -> r.get(0).equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no row '" + key + "' in table " + table(firstHeader)));
    }

    public boolean hasTable(String firstHeader) {
        return tables.stream().anyMatch(t -> !t.isEmpty() && t.get(0).get(0).equals(firstHeader));
    }

    /** Everything the document says, paragraphs and table rows in order: to compare two documents. */
    public String text() {
        return String.join("\n", all);
    }

    @Override
    public String toString() {
        return text();
    }
}
