package cn.reformoffice.platform.ledger.export;

import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ledger.export.QuarterlyReconciliation.Line;
import cn.reformoffice.platform.ledger.export.QuarterlyReconciliation.Punctuality;
import cn.reformoffice.platform.ledger.export.QuarterlyReconciliation.Result;
import cn.reformoffice.platform.ledger.export.QuarterlyReconciliation.Totals;

/**
 * The quarter's reconciliation (季度对账表) as a workbook: sheet 对账明细 with one row per task asked for the
 * quarter's report, sheet 单位汇总 with the figures of each unit and the total.
 */
@Component
class QuarterlyExport {

    static final String[] LINE_HEADERS = { "序号", "任务编号", "改革任务", "牵头单位", "发起日期", "报送截止日期", "报送日期",
            "状态", "退回次数", "单位自评", "进展摘要" };
    private static final int[] LINE_WIDTHS = { 6, 14, 30, 18, 12, 13, 12, 16, 9, 12, 50 };
    static final int STATUS_COLUMN = 7;
    static final String[] UNIT_HEADERS = { "序号", "牵头单位", "应报", "按时", "迟报", "未报", "待报", "退回", "按时率" };
    private static final int[] UNIT_WIDTHS = { 6, 28, 8, 8, 8, 8, 8, 8, 10 };

    /** Fill (RRGGBB) of the status cell: green on time, yellow late, red missing, orange returned. */
    static final Map<String, String> STATUS_FILLS = Map.of(Punctuality.ON_TIME.name(), "C6EFCE",
            Punctuality.LATE.name(), "FFEB9C", Punctuality.MISSING.name(), "FFC7CE", "RETURNED", "FCD5B4");

    static String title(Result result) {
        return result.quarter().chinese() + "改革任务报送对账表（截至" + Sheets.chineseDate(result.asOf()) + "）";
    }

    Sheets write(Result result) {
        Sheets sheets = new Sheets();
        try {
            lines(sheets, result);
            units(sheets, result);
            return sheets;
        } catch (RuntimeException e) {
            sheets.close();
            throw e;
        }
    }

    private static void lines(Sheets sheets, Result result) {
        Sheet sheet = sheets.workbook.createSheet("对账明细");
        Totals t = result.total();
        long returnedPending = result.lines().stream().filter(Line::awaitingResubmission).count();
        String summary = "应报" + t.asked() + "项：按时" + t.onTime() + "项，迟报" + t.late() + "项，未报" + t.missing()
                + "项，待报" + t.pending() + "项；退回补充" + t.returned() + "项（待重新报送" + returnedPending + "项）";
        int next = sheets.start(sheet, title(result), summary, LINE_HEADERS, LINE_WIDTHS);
        int seq = 0;
        for (Line line : result.lines()) {
            Row row = sheet.createRow(next++);
            Sheets.cell(row, 0, ++seq, sheets.integer);
            Sheets.cell(row, 1, line.code(), sheets.center);
            Sheets.cell(row, 2, line.title(), sheets.text);
            Sheets.cell(row, 3, line.unitName(), sheets.center);
            Sheets.cell(row, 4, line.requestedOn(), sheets.date);
            Sheets.cell(row, 5, line.due(), sheets.date);
            Sheets.cell(row, 6, line.reportedOn(), sheets.date);
            String fill = STATUS_FILLS.get(line.awaitingResubmission() ? "RETURNED" : line.punctuality().name());
            CellStyle status = fill == null ? sheets.center : sheets.fill(fill, false);
            Sheets.cell(row, STATUS_COLUMN, line.status(), status);
            Sheets.cell(row, 8, line.returns(), sheets.integer);
            Sheets.cell(row, 9, line.selfAssessment(), sheets.center);
            Sheets.cell(row, 10, line.excerpt(), sheets.text);
        }
    }

    private static void units(Sheets sheets, Result result) {
        Sheet sheet = sheets.workbook.createSheet("单位汇总");
        int next = sheets.start(sheet, result.quarter().chinese() + "报送情况汇总（截至" + Sheets.chineseDate(result.asOf())
                + "）", "按时率 = 按时 ÷（按时 + 迟报 + 未报），尚未到期的待报不计入；退回指被改革办退回补充过的报送（其按时与否按首次报送计）",
                UNIT_HEADERS, UNIT_WIDTHS);
        int seq = 0;
        for (Totals unit : result.units()) {
            totals(sheets, sheet.createRow(next++), String.valueOf(++seq), unit, false);
        }
        totals(sheets, sheet.createRow(next), "", result.total(), true);
        sheet.addMergedRegion(new CellRangeAddress(next, next, 0, 1));
    }

    private static void totals(Sheets sheets, Row row, String seq, Totals t, boolean sum) {
        CellStyle number = sum ? sheets.totalInteger : sheets.integer;
        if (sum) {
            Sheets.cell(row, 0, "合计", sheets.totalText);
            Sheets.cell(row, 1, "", sheets.totalText);
        } else {
            Sheets.cell(row, 0, Integer.parseInt(seq), sheets.integer);
            Sheets.cell(row, 1, t.unitName(), sheets.text);
        }
        int[] values = { t.asked(), t.onTime(), t.late(), t.missing(), t.pending(), t.returned() };
        for (int i = 0; i < values.length; i++) {
            Sheets.cell(row, 2 + i, values[i], number);
        }
        Double rate = t.onTimeRate();
        if (rate == null) {
            Sheets.cell(row, 8, "—", sum ? sheets.totalText : sheets.center);
        } else {
            Sheets.cell(row, 8, rate, sum ? sheets.totalPercent : sheets.percent);
        }
    }
}
