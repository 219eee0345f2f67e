package cn.reformoffice.platform.ledger.export;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ledger.LedgerFilter;
import cn.reformoffice.platform.ledger.LedgerQuery;
import cn.reformoffice.platform.ledger.LedgerRow;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.Stage;

/**
 * The ledger (工作台账) as the office's spreadsheet, in the layout the plan import reads back
 * ({@code planimport.LedgerParser}: a title naming the year above a header row with 序号, 类别, 改革任务,
 * 主要目标, 重点举措, 领衔领导, 牵头单位, 协同单位, 完成时限), followed by 进展情况, 完成状态, 红黄绿 and 备注.
 * Rows are streamed from {@link LedgerQuery#forEach} into a streaming workbook, so 10,000 tasks are never
 * in memory at once.
 */
@Component
class LedgerExport {

    static final String[] HEADERS = { "序号", "类别", "改革任务", "主要目标", "重点举措", "领衔领导", "牵头单位", "协同单位",
            "完成时限", "进展情况", "完成状态", "红黄绿", "备注" };
    private static final int[] WIDTHS = { 6, 14, 28, 36, 44, 12, 18, 20, 12, 44, 10, 9, 30 };
    static final int LIGHT_COLUMN = 11;

    /** The light's fill (RRGGBB) and whether its label is white; 待分配 has none. */
    static final Map<String, String> LIGHT_FILLS = Map.of("RED", "FF0000", "YELLOW", "FFFF00", "GREEN", "00B050",
            "CLOSED", "BFBFBF");

    private final LedgerQuery query;
    private final OrganizationDirectory directory;

    LedgerExport(LedgerQuery query, OrganizationDirectory directory) {
        this.query = query;
        this.directory = directory;
    }

    /** 2026年全面深化改革工作台账（截至2026年11月30日）; several years read 2025—2026年. */
    String title(LedgerFilter filter, List<String> scope, LocalDate asOf) {
        List<Integer> years = filter.year() != null ? List.of(filter.year()) : query.years(filter, scope);
        String year = years.isEmpty() ? String.valueOf(asOf.getYear())
                : years.size() == 1 ? String.valueOf(years.get(0)) : years.get(0) + "—" + years.get(years.size() - 1);
        return year + "年全面深化改革工作台账（截至" + Sheets.chineseDate(asOf) + "）";
    }

    /** Writes the workbook of the filter's tasks the scope may see (its rows in temporary files). */
    Sheets write(LedgerFilter filter, List<String> scope, String title) {
        Sheets sheets = new Sheets();
        try {
            Sheet sheet = sheets.workbook.createSheet("工作台账");
            int[] next = { sheets.start(sheet, title, conditions(filter), HEADERS, WIDTHS) };
            query.forEach(filter, scope, row -> write(sheets, sheet.createRow(next[0]++), row));
            return sheets;
        } catch (RuntimeException e) {
            sheets.close();
            throw e;
        }
    }

    private static void write(Sheets sheets, Row out, LedgerRow row) {
        Sheets.cell(out, 0, row.seq(), sheets.integer);
        Sheets.cell(out, 1, row.category(), sheets.text);
        Sheets.cell(out, 2, row.title(), sheets.text);
        Sheets.cell(out, 3, row.goals(), sheets.text);
        Sheets.cell(out, 4, row.measures(), sheets.text);
        Sheets.cell(out, 5, names(row.leaders()), sheets.center);
        Sheets.cell(out, 6, names(row.leadUnits()), sheets.center);
        Sheets.cell(out, 7, names(row.coopUnits()), sheets.center);
        Sheets.cell(out, 8, row.deadline(), sheets.date);
        Sheets.cell(out, 9, progress(row), sheets.text);
        Sheets.cell(out, 10, completion(row.stage()), sheets.center);
        String fill = LIGHT_FILLS.get(row.light());
        CellStyle light = fill == null ? sheets.center : sheets.fill(fill, "RED".equals(row.light())
                || "GREEN".equals(row.light()));
        Sheets.cell(out, LIGHT_COLUMN, row.lightLabel(), light);
        Sheets.cell(out, 12, remarks(row), sheets.text);
    }

    /**
     * 完成状态 as the office's year-end figures count it ({@code PeriodSummary}): 已完成 once closed out
     * (已销号), 推进中 in implementation and close-out review, 未启动 before (待分配, 方案制定, 方案审定).
     */
    static String completion(String stage) {
        return switch (Stage.valueOf(stage)) {
            case CLOSED -> "已完成";
            case IMPLEMENTATION, CLOSE_OUT_REVIEW -> "推进中";
            default -> "未启动";
        };
    }

    /**
     * 进展情况: the latest quarterly report (quarter, when submitted, how late, the unit's excerpt, its own
     * assessment, whether the office returned it), then the step the task is at, with who holds it and when
     * it is due.
     */
    static String progress(LedgerRow row) {
        List<String> lines = new ArrayList<>();
        LedgerRow.Report report = row.report();
        if (report != null) {
            String when = report.date() == null ? "" : "（" + report.date() + "报送"
                    + (report.lateDays() != null && report.lateDays() > 0 ? "，迟报" + report.lateDays() + "个工作日" : "")
                    + "）";
            lines.add((report.quarter() == null ? "最近一次报送" : report.quarter()) + when
                    + (report.excerpt() == null ? "" : "：" + report.excerpt()));
            if (report.statusLabel() != null) {
                lines.add("单位自评：" + report.statusLabel());
            }
            if (report.returned()) {
                lines.add("改革办已退回，待补充");
            }
        }
        if (row.stepName() != null && !Stage.CLOSED.name().equals(row.stage())) {
            List<String> about = new ArrayList<>();
            if (row.stepHolder() != null) {
                about.add(row.stepHolder() + "办理");
            }
            if (row.stepDue() != null) {
                about.add(row.stepDue() + "到期");
            }
            lines.add("当前环节：" + row.stepName() + (about.isEmpty() ? "" : "（" + String.join("，", about) + "）"));
        }
        return String.join("\n", lines);
    }

    /**
     * 备注: why the light is red or yellow (or the task 待分配; green and 已销号 say it all), how many 督办单
     * were issued, the task's code in the platform.
     */
    static String remarks(LedgerRow row) {
        List<String> lines = new ArrayList<>();
        if (row.lightReason() != null && !"GREEN".equals(row.light()) && !"CLOSED".equals(row.light())) {
            lines.add(row.lightReason());
        }
        if (row.noticesTotal() > 0) {
            lines.add("督办单" + row.noticesTotal() + "份");
        }
        lines.add("任务编号：" + row.code());
        return String.join("\n", lines);
    }

    private static String names(List<LedgerRow.Party> parties) {
        return parties.stream().map(LedgerRow.Party::name).collect(Collectors.joining("、"));
    }

    /** The filters chosen, for the line under the title; null when the export is unfiltered. */
    String conditions(LedgerFilter f) {
        List<String> parts = new ArrayList<>();
        if (f.year() != null) {
            parts.add("年度：" + f.year());
        }
        if (f.category() != null) {
            parts.add("类别：" + f.category());
        }
        if (f.leader() != null) {
            parts.add("领衔领导：" + directory.personName(f.leader()));
        }
        if (f.unit() != null) {
            parts.add("单位：" + directory.unitName(f.unit()));
        }
        if (f.stage() != null) {
            parts.add("阶段：" + Stage.valueOf(f.stage()).label());
        }
        if (f.light() != null) {
            parts.add("红黄绿：" + LedgerRow.lightLabel(f.light()));
        }
        if (f.overdue()) {
            parts.add("只看逾期");
        }
        if (f.q() != null) {
            parts.add("搜索：“" + f.q() + "”");
        }
        return parts.isEmpty() ? null : "筛选条件　" + String.join("；", parts);
    }
}
