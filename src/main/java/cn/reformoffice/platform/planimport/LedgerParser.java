package cn.reformoffice.platform.planimport;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import cn.reformoffice.platform.planimport.ParsedPlan.ParsedTask;

/**
 * Reads the office's ledger (工作台账) given as rows of cell texts: finds the header row by column
 * names (order free, title rows above allowed), then one task per row. Category cells may be merged
 * or left blank below the first row of a category, or categories may be rows of their own.
 */
final class LedgerParser {

    record Sheet(String name, List<Row> rows) {
    }

    record Row(int number, List<String> cells) {
        String cell(Integer column) {
            return column == null || column >= cells.size() || cells.get(column) == null ? "" : cells.get(column);
        }
    }

    enum Column {
        SEQ("序号", List.of("序号", "编号")),
        CATEGORY("类别", List.of("类别", "改革领域", "领域", "分类", "改革类别", "任务类别", "所属领域")),
        TITLE("改革任务", List.of("改革任务", "任务名称", "改革事项", "重点任务", "重点改革任务", "改革项目", "工作任务")),
        GOALS("主要目标", List.of("主要目标", "工作目标", "改革目标", "预期目标", "目标")),
        MEASURES("重点举措", List.of("重点举措", "主要举措", "具体举措", "工作举措", "主要措施", "重点措施", "具体措施",
                "举措", "措施")),
        LEADERS("领衔领导", List.of("领衔领导", "领衔市领导", "牵头市领导", "牵头领导")),
        LEAD_UNITS("牵头单位", List.of("牵头单位", "牵头部门", "责任单位", "责任部门")),
        COOP_UNITS("协同单位", List.of("协同单位", "配合单位", "协同部门", "配合部门", "成员单位", "协办单位", "参与单位")),
        DEADLINE("完成时限", List.of("完成时限", "完成时间", "完成期限", "时限"));

        final String label;
        final List<String> aliases;

        Column(String label, List<String> aliases) {
            this.label = label;
            this.aliases = aliases;
        }
    }

    static final List<String> TEMPLATE_HEADERS = List.of("序号", "类别", "改革任务", "主要目标", "重点举措", "领衔领导",
            "牵头单位", "协同单位", "完成时限", "成果形式", "备注");
    private static final List<Column> REQUIRED = List.of(Column.TITLE, Column.LEAD_UNITS);
    private static final int HEADER_SEARCH_ROWS = 20;
    private static final Pattern HEADING_NUMBER = Pattern.compile(
            "^(?:[一二三四五六七八九十]{1,3}\\s*[、.．]|[（(]\\s*[一二三四五六七八九十]{1,3}\\s*[)）]|\\d{1,3}\\s*[、.．](?!\\d))\\s*");
    private static final Pattern MEASURE_MARKER = Pattern.compile("[（(]\\s*\\d{1,3}\\s*[)）]|[\\u2460-\\u2473]|(?m)^\\s*\\d{1,3}\\s*[.．、)）](?!\\d)");
    private static final Pattern CATEGORY_ROW = Pattern.compile(
            "^(?:[一二三四五六七八九十]{1,3}\\s*[、.．]|[（(]\\s*[一二三四五六七八九十]{1,3}\\s*[)）])");
    private static final Pattern NOTE_ROW = Pattern.compile("^(注|备注|说明|合计|填表说明)\\s*[:：]?.*");

    private final String format;
    private final String fileName;

    /** @param fileName the uploaded file's name, which may carry the year (2024年工作台账.xlsx) */
    LedgerParser(String format, String fileName) {
        this.format = format;
        this.fileName = fileName;
    }

    /** The header of the first sheet that has one, or null. */
    static Header findHeader(List<Sheet> sheets) {
        Header best = null;
        for (Sheet sheet : sheets) {
            for (Row row : sheet.rows()) {
                if (row.number() > HEADER_SEARCH_ROWS) {
                    break;
                }
                Map<Column, Integer> columns = columns(row);
                Header candidate = new Header(sheet, row, columns);
                if (columns.keySet().containsAll(REQUIRED)) {
                    return candidate;
                }
                if (columns.size() >= 2 && (best == null || columns.size() > best.columns().size())) {
                    best = candidate;
                }
            }
        }
        return best;
    }

    record Header(Sheet sheet, Row row, Map<Column, Integer> columns) {
        boolean complete() {
            return columns.keySet().containsAll(REQUIRED);
        }

        String where() {
            return "工作表“" + sheet.name() + "”第" + row.number() + "行";
        }
    }

    private static Map<Column, Integer> columns(Row row) {
        Map<Column, Integer> columns = new EnumMap<>(Column.class);
        for (int i = 0; i < row.cells().size(); i++) {
            String header = normaliseHeader(row.cell(i));
            if (header.isEmpty() || header.length() > 20) {
                continue;
            }
            for (Column column : Column.values()) {
                if (!columns.containsKey(column) && column.aliases.stream().anyMatch(header::startsWith)) {
                    columns.put(column, i);
                    break;
                }
            }
        }
        return columns;
    }

    private static String normaliseHeader(String text) {
        return PlanText.clean(text).replaceAll("[（(][^）)]*[）)]", "").replaceAll("[\\s*＊:：]", "");
    }

    ParsedPlan parse(List<Sheet> sheets, int maxTasks) {
        Header header = findHeader(sheets);
        if (header == null) {
            throw new PlanFormatException("没有找到工作台账的表头（已检查每个工作表的前" + HEADER_SEARCH_ROWS
                    + "行），未导入任何任务。表头应包含“改革任务”和“牵头单位”列，还可有“序号、类别、主要目标、重点举措、领衔领导、"
                    + "协同单位、完成时限”等列，列的顺序不限。可下载台账模板对照填写。");
        }
        if (!header.complete()) {
            String missing = REQUIRED.stream().filter(c -> !header.columns().containsKey(c)).map(c -> "“" + c.label + "”")
                    .collect(Collectors.joining("、"));
            throw new PlanFormatException(header.where() + "像是表头，但缺少必需的列：" + missing
                    + "，未导入任何任务。表头应包含“改革任务”和“牵头单位”列，列的顺序不限；可下载台账模板对照填写。", header.where());
        }
        Sheet sheet = header.sheet();
        Map<Column, Integer> col = header.columns();
        List<String> warnings = new ArrayList<>();

        String title = null;
        Integer year = null;
        for (Row row : sheet.rows()) {
            if (row.number() >= header.row().number()) {
                break;
            }
            String text = row.cells().stream().map(PlanText::clean).filter(s -> !s.isEmpty()).distinct()
                    .collect(Collectors.joining(" "));
            if (!text.isEmpty() && title == null) {
                title = text.length() <= 60 ? text : null;
            }
            if (year == null) {
                year = PlanText.firstYear(text);
            }
        }
        if (year == null) {
            year = PlanText.firstYear(sheet.name());
        }
        if (year == null && fileName != null) {
            year = PlanText.firstYear(fileName.replaceAll("(20\\d{2})(?!\\s*年)", "$1年"));
        }

        List<RowTask> rows = new ArrayList<>();
        String currentCategory = null;
        for (Row row : sheet.rows()) {
            if (row.number() <= header.row().number()) {
                continue;
            }
            String where = "工作表“" + sheet.name() + "”第" + row.number() + "行";
            String rawTitle = PlanText.clean(row.cell(col.get(Column.TITLE)));
            List<String> filled = row.cells().stream().map(PlanText::clean).filter(s -> !s.isEmpty()).toList();
            List<String> distinct = filled.stream().distinct().toList();
            if (distinct.size() == 1 && NOTE_ROW.matcher(distinct.get(0)).matches()) {
                continue;
            }
            // a category row: one text alone, merged across the row, or numbered 一、/（一） in the task column
            if (distinct.size() == 1 && distinct.get(0).length() <= 40 && (rawTitle.isEmpty() || filled.size() > 1
                    || CATEGORY_ROW.matcher(rawTitle).lookingAt())) {
                currentCategory = stripNumber(distinct.get(0));
                continue;
            }
            if (rawTitle.isEmpty()) {
                continue;
            }
            String category = PlanText.clean(row.cell(col.get(Column.CATEGORY)));
            if (!category.isEmpty()) {
                currentCategory = stripNumber(category);
            }
            if (rows.size() >= maxTasks) {
                throw new PlanFormatException("表格中的任务超过" + maxTasks + "项的上限（" + where + "），未导入任何任务。请拆分后分批导入。",
                        where);
            }
            rows.add(new RowTask(row, where, currentCategory, rawTitle));
        }
        if (rows.isEmpty()) {
            throw new PlanFormatException("已在" + header.where() + "找到表头，但表头下没有任务行，未导入任何任务。请在“改革任务”列填写任务名称。",
                    header.where());
        }
        if (year == null) {
            year = rows.stream().map(r -> PlanText.firstYear(r.row().cell(col.get(Column.DEADLINE))))
                    .filter(y -> y != null).collect(Collectors.groupingBy(y -> y, Collectors.counting())).entrySet()
                    .stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
        }

        List<String> categories = new ArrayList<>(new LinkedHashSet<>(
                rows.stream().map(r -> r.category() == null ? "" : r.category()).toList()));
        List<ParsedTask> tasks = new ArrayList<>();
        Map<String, Integer> seqs = new java.util.HashMap<>();
        for (RowTask r : rows) {
            Row row = r.row();
            List<String> taskWarnings = new ArrayList<>();
            String key = r.category() == null ? "" : r.category();
            int seq = seqs.merge(key, 1, Integer::sum);
            String taskTitle = HEADING_NUMBER.matcher(r.title()).replaceFirst("");
            String goals = PlanText.clean(row.cell(col.get(Column.GOALS)));
            int stop = taskTitle.indexOf('。');
            if (stop > 0 && taskTitle.length() > 40) {
                goals = (taskTitle.substring(stop + 1).strip() + "\n" + goals).strip();
                taskTitle = taskTitle.substring(0, stop);
            }
            taskTitle = taskTitle.replaceAll("[。.；;，,：:\\s]+$", "");
            String deadlineText = PlanText.clean(row.cell(col.get(Column.DEADLINE)));
            LocalDate deadline = PlanText.deadline(deadlineText, year);
            if (!deadlineText.isEmpty() && deadline == null) {
                taskWarnings.add(r.where() + "无法识别完成时限“" + PlanText.quote(deadlineText) + "”");
            }
            tasks.add(new ParsedTask(categories.indexOf(key) + 1, r.category(), seq, taskTitle,
                    PlanText.blankToNull(goals), measures(row.cell(col.get(Column.MEASURES))),
                    PlanText.names(row.cell(col.get(Column.LEADERS))),
                    PlanText.names(row.cell(col.get(Column.LEAD_UNITS))),
                    PlanText.names(row.cell(col.get(Column.COOP_UNITS))), deadline, r.where(), taskWarnings,
                    List.of()));
        }
        categories.remove("");
        return new ParsedPlan(format, title, null, year, categories, tasks, warnings);
    }

    private record RowTask(Row row, String where, String category, String title) {
    }

    private static String stripNumber(String heading) {
        return HEADING_NUMBER.matcher(PlanText.clean(heading)).replaceFirst("").replaceAll("[。.：:\\s]+$", "");
    }

    /** Measures in one cell: "(1)…(2)…", one per line, or a single text. */
    static List<String> measures(String cell) {
        String text = PlanText.clean(cell);
        if (text.isEmpty()) {
            return List.of();
        }
        Matcher marker = MEASURE_MARKER.matcher(text);
        List<Integer> starts = new ArrayList<>();
        List<Integer> ends = new ArrayList<>();
        while (marker.find()) {
            starts.add(marker.start());
            ends.add(marker.end());
        }
        List<String> measures = new ArrayList<>();
        if (starts.isEmpty()) {
            text.lines().map(PlanText::clean).filter(s -> !s.isEmpty()).forEach(measures::add);
            return measures;
        }
        if (starts.get(0) > 0 && !text.substring(0, starts.get(0)).isBlank()) {
            measures.add(PlanText.clean(text.substring(0, starts.get(0))));
        }
        for (int i = 0; i < starts.size(); i++) {
            String item = PlanText.clean(text.substring(ends.get(i), i + 1 < starts.size() ? starts.get(i + 1)
                    : text.length())).replaceAll("[；;\\s]+$", "");
            if (!item.isEmpty()) {
                measures.add(item.replace('\n', ' '));
            }
        }
        return measures;
    }
}
