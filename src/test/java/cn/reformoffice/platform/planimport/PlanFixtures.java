package cn.reformoffice.platform.planimport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.poi.xwpf.usermodel.XWPFAbstractNum;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFNumbering;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTAbstractNum;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.CTLvl;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STNumberFormat;

import cn.reformoffice.platform.planimport.ParsedPlan.ParsedTask;

/** Test inputs generated in code: Word and Excel versions of the sample plans, bad and hostile files. */
final class PlanFixtures {

    /** Plans on the test classpath ({@code src/test/resources/plans}), each with its {@code .expected.json}. */
    private static final String PLANS = "/plans/";

    private PlanFixtures() {
    }

    static byte[] plan(String name) {
        return resource(name + ".txt");
    }

    /** The expected parse result of a plan ({@code <name>.expected.json}). */
    static byte[] expected(String name) {
        return resource(name + ".expected.json");
    }

    private static byte[] resource(String file) {
        try (InputStream in = PlanFixtures.class.getResourceAsStream(PLANS + file)) {
            if (in == null) {
                throw new IllegalArgumentException("No test fixture " + PLANS + file + " on the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String planText(String name) {
        return new String(plan(name), StandardCharsets.UTF_8);
    }

    /** A Word document with one paragraph per line of the text. */
    static byte[] docx(String text) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String line : text.split("\n", -1)) {
                document.createParagraph().createRun().setText(line);
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A Word document numbered by Word itself (no number typed): headings at list level 0 (一、二、),
     * the items after each heading at level 1 (1. 2.); {@code items} alternates headings and their items,
     * a heading being an item without "（".
     */
    static byte[] numberedDocx(String title, List<String> items) {
        try (XWPFDocument document = new XWPFDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            CTAbstractNum abstractNum = CTAbstractNum.Factory.newInstance();
            abstractNum.setAbstractNumId(BigInteger.ZERO);
            level(abstractNum, 0, STNumberFormat.CHINESE_COUNTING, "%1、");
            level(abstractNum, 1, STNumberFormat.DECIMAL, "%2.");
            XWPFNumbering numbering = document.createNumbering();
            BigInteger numId = numbering.addNum(numbering.addAbstractNum(new XWPFAbstractNum(abstractNum)));
            document.createParagraph().createRun().setText(title);
            for (String item : items) {
                XWPFParagraph paragraph = document.createParagraph();
                paragraph.setNumID(numId);
                paragraph.setNumILvl(BigInteger.valueOf(item.contains("（") ? 1 : 0));
                paragraph.createRun().setText(item);
            }
            document.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void level(CTAbstractNum abstractNum, int ilvl, STNumberFormat.Enum format, String text) {
        CTLvl level = abstractNum.addNewLvl();
        level.setIlvl(BigInteger.valueOf(ilvl));
        level.addNewStart().setVal(BigInteger.ONE);
        level.addNewNumFmt().setVal(format);
        level.addNewLvlText().setVal(text);
    }

    /** Ledger columns in an unusual order, with extra columns the import ignores. */
    static final List<String> SHUFFLED_HEADERS = List.of("牵头单位", "改革任务", "序号", "备注", "领衔领导", "重点举措",
            "类别", "完成时限", "主要目标", "协同单位", "完成状态");

    /**
     * The office's ledger for a parsed plan: a title row, a header row in the given column order, one row per
     * task, the category cell merged over the rows of its category, a real date cell for the deadline.
     */
    static byte[] ledger(String title, ParsedPlan plan, List<String> headers) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet("工作台账");
            CellStyle date = workbook.createCellStyle();
            date.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("yyyy年m月d日"));
            sheet.createRow(0).createCell(0).setCellValue(title);
            sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, headers.size() - 1));
            Row header = sheet.createRow(2);
            for (int c = 0; c < headers.size(); c++) {
                header.createCell(c).setCellValue(headers.get(c));
            }
            int r = 3;
            int categoryStart = r;
            String category = null;
            int n = 0;
            for (ParsedTask task : plan.tasks()) {
                if (category != null && !category.equals(task.category())) {
                    merge(sheet, headers, categoryStart, r - 1);
                    categoryStart = r;
                }
                boolean firstOfCategory = !task.category().equals(category);
                category = task.category();
                Row row = sheet.createRow(r++);
                n++;
                for (int c = 0; c < headers.size(); c++) {
                    String value = switch (headers.get(c)) {
                        case "序号" -> String.valueOf(n);
                        case "类别" -> firstOfCategory ? task.category() : null;
                        case "改革任务" -> task.title();
                        case "主要目标" -> task.goals();
                        case "重点举措" -> measuresCell(task.measures());
                        case "领衔领导" -> String.join("、", task.leaders());
                        case "牵头单位" -> String.join("、", task.leadUnits());
                        case "协同单位" -> String.join("、", task.coopUnits());
                        case "完成状态" -> "未启动";
                        default -> null;
                    };
                    if (headers.get(c).equals("完成时限")) {
                        row.createCell(c).setCellValue(LocalDate.of(plan.year(), 12, 31));
                        row.getCell(c).setCellStyle(date);
                    } else if (value != null && !value.isEmpty()) {
                        row.createCell(c).setCellValue(value);
                    }
                }
            }
            merge(sheet, headers, categoryStart, r - 1);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void merge(Sheet sheet, List<String> headers, int first, int last) {
        int column = headers.indexOf("类别");
        if (column >= 0 && last > first) {
            sheet.addMergedRegion(new CellRangeAddress(first, last, column, column));
        }
    }

    static String measuresCell(List<String> measures) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < measures.size(); i++) {
            lines.add("（" + (i + 1) + "）" + measures.get(i));
        }
        return String.join("\n", lines);
    }

    /** A workbook with the given rows on one sheet. */
    static byte[] xlsx(String sheetName, List<List<String>> rows) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = workbook.createSheet(sheetName);
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A .docx-looking zip whose document part inflates to {@code size} bytes of spaces from a few hundred KB. */
    static byte[] zipBomb(long size) {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream(); ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
            zip.write("<Types/>".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            byte[] block = new byte[1024 * 1024];
            java.util.Arrays.fill(block, (byte) ' ');
            for (long written = 0; written < size; written += block.length) {
                zip.write(block);
            }
            zip.closeEntry();
            zip.finish();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
