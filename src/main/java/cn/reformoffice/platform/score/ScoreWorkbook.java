package cn.reformoffice.platform.score;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * The unit scores as an Excel file (.xlsx): sheet 考核排名 (rank, unit, score, and for each item its count and
 * points), sheet 扣分加分明细 (what was counted, task by task) and sheet 计分规则 (the points in force).
 */
final class ScoreWorkbook {

    static final String RANKING = "考核排名";
    static final String DETAILS = "扣分加分明细";
    static final String RULES = "计分规则";

    private ScoreWorkbook() {
    }

    static byte[] write(ScoreBoard board) {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Styles styles = new Styles(workbook);
            ranking(workbook.createSheet(RANKING), board, styles);
            details(workbook.createSheet(DETAILS), board, styles);
            rules(workbook.createSheet(RULES), board, styles);
            workbook.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String title(ScoreBoard board) {
        return board.periodLabel() + "单位考核得分（统计截至 " + board.asOf() + (board.periodEnded() ? "，考核期已结束" : "")
                + "）";
    }

    private static void ranking(Sheet sheet, ScoreBoard board, Styles styles) {
        List<ScoreBoard.Item> template = board.rows().isEmpty() ? List.of() : board.rows().get(0).items();
        int columns = 4 + template.size() * 2 + 1;
        Row title = sheet.createRow(0);
        text(title, 0, title(board), styles.title);
        sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, columns - 1));

        Row header = sheet.createRow(1);
        int c = 0;
        for (String name : List.of("排名", "单位", "得分", "基础分")) {
            text(header, c++, name, styles.header);
        }
        for (ScoreBoard.Item item : template) {
            text(header, c++, item.label() + "（" + item.measure() + "）", styles.header);
            text(header, c++, item.label() + "（分）", styles.header);
        }
        text(header, c, "备注", styles.header);

        int r = 2;
        for (ScoreBoard.UnitScore score : board.rows()) {
            Row row = sheet.createRow(r++);
            c = 0;
            number(row, c++, BigDecimal.valueOf(score.rank()), styles.number);
            text(row, c++, score.unitName(), styles.text);
            number(row, c++, score.score(), styles.number);
            number(row, c++, score.base(), styles.number);
            for (ScoreBoard.Item item : score.items()) {
                number(row, c++, BigDecimal.valueOf(item.count()), styles.number);
                number(row, c++, item.subtotal(), styles.number);
            }
            String note = score.tied() ? "并列" : "";
            ScoreBoard.Item overdue = score.items().stream().filter(ScoreBoard.Item::capped).findFirst().orElse(null);
            if (overdue != null) {
                note = (note.isEmpty() ? "" : note + "；") + overdue.label() + overdue.note();
            }
            text(row, c, note, styles.text);
        }
        for (ScoreBoard.Unit unit : board.unranked()) {
            Row row = sheet.createRow(r++);
            text(row, 0, "—", styles.text);
            text(row, 1, unit.unitName(), styles.text);
            for (int i = 2; i < columns - 1; i++) {
                text(row, i, "", styles.text);
            }
            text(row, columns - 1, "本期无考核事项，不参与排名", styles.text);
        }
        sheet.createFreezePane(2, 2);
        sheet.setColumnWidth(0, 6 * 256);
        sheet.setColumnWidth(1, 24 * 256);
        for (int i = 2; i < columns - 1; i++) {
            sheet.setColumnWidth(i, (i < 4 ? 8 : 13) * 256);
        }
        sheet.setColumnWidth(columns - 1, 30 * 256);
    }

    private static void details(Sheet sheet, ScoreBoard board, Styles styles) {
        Row header = sheet.createRow(0);
        List<String> names = List.of("排名", "单位", "考核项目", "分值", "任务编号", "改革任务", "环节或事项", "期限",
                "日期", "工作日", "说明");
        for (int i = 0; i < names.size(); i++) {
            text(header, i, names.get(i), styles.header);
        }
        int r = 1;
        for (ScoreBoard.UnitScore score : board.rows()) {
            for (ScoreBoard.Item item : score.items()) {
                for (ScoreBoard.Detail d : item.details()) {
                    Row row = sheet.createRow(r++);
                    number(row, 0, BigDecimal.valueOf(score.rank()), styles.number);
                    text(row, 1, score.unitName(), styles.text);
                    text(row, 2, item.label(), styles.text);
                    number(row, 3, item.points(), styles.number);
                    text(row, 4, d.taskCode(), styles.text);
                    text(row, 5, d.taskTitle(), styles.text);
                    text(row, 6, d.what(), styles.text);
                    text(row, 7, date(d.due()), styles.text);
                    text(row, 8, date(d.date()), styles.text);
                    if (d.days() == null) {
                        text(row, 9, "", styles.text);
                    } else {
                        number(row, 9, BigDecimal.valueOf(d.days()), styles.number);
                    }
                    text(row, 10, d.note(), styles.text);
                }
            }
        }
        sheet.createFreezePane(0, 1);
        int[] widths = { 6, 20, 16, 6, 12, 28, 26, 12, 12, 8, 36 };
        for (int i = 0; i < widths.length; i++) {
            sheet.setColumnWidth(i, widths[i] * 256);
        }
    }

    private static void rules(Sheet sheet, ScoreBoard board, Styles styles) {
        Row title = sheet.createRow(0);
        text(title, 0, title(board), styles.title);
        Row period = sheet.createRow(1);
        text(period, 0, "考核期 " + board.periodStart() + " 至 " + board.periodEnd() + "，参与排名单位 "
                + board.rankedUnits() + " 个", styles.text);
        Row header = sheet.createRow(3);
        text(header, 0, "项目", styles.header);
        text(header, 1, "分值", styles.header);
        text(header, 2, "计量", styles.header);
        text(header, 3, "说明", styles.header);
        int r = 4;
        for (ScoreBoard.Rule rule : board.rules()) {
            Row row = sheet.createRow(r++);
            text(row, 0, rule.label(), styles.text);
            number(row, 1, rule.points(), styles.number);
            text(row, 2, "base".equals(rule.key()) || "overdueCap".equals(rule.key()) ? rule.measure()
                    : "每" + rule.measure(), styles.text);
            text(row, 3, rule.description(), styles.text);
        }
        sheet.setColumnWidth(0, 20 * 256);
        sheet.setColumnWidth(1, 8 * 256);
        sheet.setColumnWidth(2, 12 * 256);
        sheet.setColumnWidth(3, 60 * 256);
    }

    private static String date(LocalDate day) {
        return day == null ? "" : day.toString();
    }

    private static void text(Row row, int column, String value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(style);
    }

    private static void number(Row row, int column, BigDecimal value, CellStyle style) {
        Cell cell = row.createCell(column);
        cell.setCellValue(value.doubleValue());
        cell.setCellStyle(style);
    }

    private static final class Styles {
        final CellStyle title;
        final CellStyle header;
        final CellStyle text;
        final CellStyle number;

        Styles(XSSFWorkbook workbook) {
            Font bold = workbook.createFont();
            bold.setBold(true);
            Font big = workbook.createFont();
            big.setBold(true);
            big.setFontHeightInPoints((short) 14);
            title = workbook.createCellStyle();
            title.setFont(big);
            header = bordered(workbook);
            header.setFont(bold);
            header.setWrapText(true);
            header.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
            header.setFillPattern(FillPatternType.SOLID_FOREGROUND);
            text = bordered(workbook);
            number = bordered(workbook);
        }

        private static CellStyle bordered(XSSFWorkbook workbook) {
            CellStyle style = workbook.createCellStyle();
            style.setBorderTop(BorderStyle.THIN);
            style.setBorderBottom(BorderStyle.THIN);
            style.setBorderLeft(BorderStyle.THIN);
            style.setBorderRight(BorderStyle.THIN);
            return style;
        }
    }
}
