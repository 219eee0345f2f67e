package cn.reformoffice.platform.planimport;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.xwpf.usermodel.IBodyElement;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.apache.poi.xwpf.usermodel.XWPFTable;
import org.apache.poi.xwpf.usermodel.XWPFTableRow;

import cn.reformoffice.platform.planimport.LedgerParser.Row;
import cn.reformoffice.platform.planimport.LedgerParser.Sheet;
import cn.reformoffice.platform.planimport.PlanTextParser.Line;

/**
 * The paragraphs of a Word document in order, one line each (numbered 第N段), with automatic list
 * numbers (Word's 1. 2. or 一、二、) written out as the text would have them; and its tables, in case
 * the document holds the ledger as a table. Only called after {@link ZipGuard} has bounded the size.
 */
final class DocxReader {

    record Content(List<Line> paragraphs, List<Sheet> tables) {
    }

    private DocxReader() {
    }

    static Content read(byte[] bytes) {
        try (XWPFDocument document = new XWPFDocument(OPCPackage.open(new ByteArrayInputStream(bytes)))) {
            List<Line> paragraphs = new ArrayList<>();
            List<Sheet> tables = new ArrayList<>();
            Map<BigInteger, int[]> counters = new HashMap<>();
            int number = 0;
            for (IBodyElement element : document.getBodyElements()) {
                if (element instanceof XWPFParagraph paragraph) {
                    number++;
                    String text = numberLabel(paragraph, counters) + paragraph.getText();
                    for (String part : text.split("[\\n\\r\\u000B]")) {
                        paragraphs.add(new Line(number, part));
                    }
                } else if (element instanceof XWPFTable table) {
                    List<Row> rows = new ArrayList<>();
                    int rowNumber = 0;
                    for (XWPFTableRow row : table.getRows()) {
                        rows.add(new Row(++rowNumber, row.getTableCells().stream().map(cell -> cell.getText()).toList()));
                    }
                    tables.add(new Sheet("表格" + (tables.size() + 1), rows));
                }
            }
            return new Content(paragraphs, tables);
        } catch (PlanFormatException e) {
            throw e;
        } catch (Exception e) {
            throw new PlanFormatException("Word 文件（.docx）已损坏或无法读取，未导入任何任务。请在 Word 或 WPS 中重新打开并另存为 .docx 后再导入。");
        }
    }

    /** "1." or "一、" for paragraphs numbered by Word's list numbering, "" otherwise. */
    private static String numberLabel(XWPFParagraph paragraph, Map<BigInteger, int[]> counters) {
        BigInteger numId = paragraph.getNumID();
        if (numId == null) {
            return "";
        }
        String format = paragraph.getNumFmt();
        String levelText = paragraph.getNumLevelText();
        if (format == null || levelText == null || "bullet".equals(format) || "none".equals(format)) {
            return "";
        }
        int level = paragraph.getNumIlvl() == null ? 0 : Math.min(paragraph.getNumIlvl().intValue(), 8);
        int[] counter = counters.computeIfAbsent(numId, id -> new int[9]);
        counter[level]++;
        for (int deeper = level + 1; deeper < counter.length; deeper++) {
            counter[deeper] = 0;
        }
        String label = levelText;
        for (int l = 0; l <= level; l++) {
            String value = l == level ? format(Math.max(counter[l], 1), format) : String.valueOf(Math.max(counter[l], 1));
            label = label.replace("%" + (l + 1), value);
        }
        return label;
    }

    private static String format(int n, String numFmt) {
        return numFmt.startsWith("chinese") || numFmt.endsWith("Counting") || numFmt.startsWith("ideographDigital")
                ? chinese(n) : String.valueOf(n);
    }

    static String chinese(int n) {
        String digits = "零一二三四五六七八九";
        if (n < 10) {
            return String.valueOf(digits.charAt(n));
        }
        if (n < 100) {
            return (n / 10 == 1 ? "" : String.valueOf(digits.charAt(n / 10))) + "十"
                    + (n % 10 == 0 ? "" : String.valueOf(digits.charAt(n % 10)));
        }
        return String.valueOf(n);
    }
}
