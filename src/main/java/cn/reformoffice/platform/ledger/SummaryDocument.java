package cn.reformoffice.platform.ledger;

import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import cn.reformoffice.platform.document.WordDocument;
import cn.reformoffice.platform.ledger.LedgerAsOf.ReportAsOf;
import cn.reformoffice.platform.ledger.LedgerAsOf.ReportStatus;
import cn.reformoffice.platform.ledger.LedgerAsOf.Snapshot;
import cn.reformoffice.platform.ledger.LedgerAsOf.StepAsOf;
import cn.reformoffice.platform.ledger.LedgerAsOf.TaskAsOf;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.Stage;

/**
 * The half-year summary (半年小结) or year-end total (年终总账) as a Word document the office edits and
 * sends upward: the figures of {@link PeriodSummary} in the words of published summaries, the quarterly
 * reports per quarter, a table per category and per lead unit, and the steps overdue at the end of the
 * day. Everything is computed as of the end of {@code asOf} from the ledger's events
 * ({@link LedgerAsOf}), so the document of a day reads the same whenever it is made. It carries no
 * time of its own making.
 */
@Component
public class SummaryDocument {

    /** The city of an office named like 江安市委改革办 (or 江安县委改革办…). */
    private static final Pattern AREA = Pattern.compile("^(.+[市县区州盟旗])委.*");

    private final PeriodSummaries summaries;
    private final OrganizationDirectory directory;
    private final Collator chinese = Collator.getInstance(Locale.CHINA);

    SummaryDocument(PeriodSummaries summaries, OrganizationDirectory directory) {
        this.summaries = summaries;
        this.directory = directory;
    }

    /** Where the office downloads the document of a day (relative: works behind any host name). */
    public static String link(LocalDate asOf) {
        return "/api/ledger/summary.docx?asOf=" + asOf;
    }

    /** The end of the half-year of a day: 30 June or 31 December. */
    public static LocalDate periodEnd(LocalDate day) {
        return day.getMonthValue() <= 6 ? LocalDate.of(day.getYear(), 6, 30) : LocalDate.of(day.getYear(), 12, 31);
    }

    /** The document's title: 江安市2026年全面深化改革工作半年小结 (全市… when the office's name names no city). */
    public String title(PeriodSummary summary) {
        return area() + summary.year() + "年全面深化改革工作" + summary.period();
    }

    /** The file name offered for download. */
    public String fileName(PeriodSummary summary) {
        return title(summary) + "（截至" + summary.asOf() + "）.docx";
    }

    private String area() {
        Matcher matcher = AREA.matcher(directory.office().name() == null ? "" : directory.office().name());
        return matcher.matches() ? matcher.group(1) : "全市";
    }

    public record Built(PeriodSummary summary, String fileName, WordDocument document) {
    }

    public Built build(LocalDate asOf) {
        Snapshot snapshot = summaries.snapshot(asOf);
        PeriodSummary summary = PeriodSummary.of(snapshot);
        String day = PeriodSummary.chinese(asOf);
        String shortDay = asOf.getMonthValue() + "月" + asOf.getDayOfMonth() + "日";
        WordDocument doc = new WordDocument().title(title(summary), false).subtitle("（截至" + day + "）");

        doc.heading("一、总体情况").paragraph(summary.opening());
        doc.paragraph("推进中的" + summary.inProgress() + "项任务中，处于方案制定、审定阶段的" + summary.planning()
                + "项，处于实施及销号审核阶段的" + summary.implementing() + "项。需等待上级部署的" + summary.awaitingDeployment()
                + "项为尚未明确牵头单位、待分配部署的任务。");
        doc.paragraph("截至" + shortDay + "，共发出督办单" + summary.notices() + "份；逾期未办结的环节" + summary.overdueSteps()
                + "个" + (summary.overdueSteps() > 0 ? "（见第五部分）" : "") + "。");

        doc.heading("二、季度报送情况").paragraph(summary.reportsSentence());
        quarters(doc, snapshot);

        doc.heading("三、分类推进情况");
        categories(doc, snapshot);

        doc.heading("四、牵头单位推进情况");
        units(doc, snapshot);
        if (summary.awaitingDeployment() > 0) {
            doc.paragraph("需等待上级部署的" + summary.awaitingDeployment() + "项任务尚未明确牵头单位，未列入上表。");
        }

        doc.heading("五、逾期任务清单");
        overdue(doc, snapshot, shortDay);

        doc.blank().right(directory.office().name()).right(day);
        return new Built(summary, fileName(summary), doc);
    }

    private static void quarters(WordDocument doc, Snapshot snapshot) {
        Map<String, List<ReportAsOf>> byQuarter = new LinkedHashMap<>();
        snapshot.reports().forEach(r -> byQuarter.computeIfAbsent(r.quarter(), q -> new ArrayList<>()).add(r));
        if (byQuarter.isEmpty()) {
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        byQuarter.forEach((quarter, reports) -> rows.add(reportRow(quarter, reports)));
        rows.add(reportRow("合计", snapshot.reports()));
        doc.table(List.of("季度", "按时报送", "逾期报送", "逾期未报", "尚未到期", "按时报送率"), rows);
    }

    private static List<String> reportRow(String label, List<ReportAsOf> reports) {
        long onTime = count(reports, ReportStatus.ON_TIME);
        long late = count(reports, ReportStatus.LATE);
        long missing = count(reports, ReportStatus.MISSING);
        return List.of(label, String.valueOf(onTime), String.valueOf(late), String.valueOf(missing),
                String.valueOf(count(reports, ReportStatus.PENDING)),
                PeriodSummary.percent(onTime, onTime + late + missing));
    }

    private static long count(List<ReportAsOf> reports, ReportStatus status) {
        return reports.stream().filter(r -> r.status() == status).count();
    }

    private void categories(WordDocument doc, Snapshot snapshot) {
        Map<String, List<TaskAsOf>> byCategory = new LinkedHashMap<>();
        snapshot.tasks().stream().sorted(Comparator.comparing((TaskAsOf t) -> t.category() == null)
                .thenComparing(t -> t.category() == null ? "" : t.category(), chinese))
                .forEach(t -> byCategory.computeIfAbsent(t.category() == null || t.category().isBlank() ? "未分类"
                        : t.category(), c -> new ArrayList<>()).add(t));
        List<List<String>> rows = new ArrayList<>();
        byCategory.forEach((category, tasks) -> rows.add(categoryRow(category, tasks)));
        rows.add(categoryRow("合计", snapshot.tasks()));
        doc.table(List.of("类别", "任务数", "已完成", "推进中", "完成率"), rows);
    }

    private static List<String> categoryRow(String label, List<TaskAsOf> tasks) {
        long completed = tasks.stream().filter(t -> t.stage() == Stage.CLOSED).count();
        long inProgress = tasks.stream().filter(t -> t.stage() != Stage.CLOSED && t.stage() != Stage.AWAITING_ASSIGNMENT)
                .count();
        return List.of(label, String.valueOf(tasks.size()), String.valueOf(completed), String.valueOf(inProgress),
                PeriodSummary.percent(completed, tasks.size()));
    }

    private void units(WordDocument doc, Snapshot snapshot) {
        List<String> units = snapshot.tasks().stream().map(TaskAsOf::leadUnit).filter(u -> u != null).distinct()
                .sorted(Comparator.comparing(directory::unitName, chinese)).toList();
        List<List<String>> rows = new ArrayList<>();
        for (String unit : units) {
            List<TaskAsOf> tasks = snapshot.tasks().stream().filter(t -> unit.equals(t.leadUnit())).toList();
            Predicate<String> ofUnit = unit::equals;
            long overdueSteps = snapshot.steps().stream().filter(s -> ofUnit.test(s.unitId()) && s.wasOverdue())
                    .count();
            long notices = snapshot.notices().stream().filter(n -> ofUnit.test(n.unitId())).count();
            List<ReportAsOf> reports = snapshot.reports().stream().filter(r -> ofUnit.test(r.unitId())).toList();
            long onTime = count(reports, ReportStatus.ON_TIME);
            long due = onTime + count(reports, ReportStatus.LATE) + count(reports, ReportStatus.MISSING);
            rows.add(List.of(directory.unitName(unit), String.valueOf(tasks.size()),
                    String.valueOf(tasks.stream().filter(t -> t.stage() == Stage.CLOSED).count()),
                    String.valueOf(overdueSteps), String.valueOf(notices), PeriodSummary.percent(onTime, due)));
        }
        doc.table(List.of("牵头单位", "任务数", "已完成", "逾期环节", "督办单", "按时报送率"), rows);
    }

    private void overdue(WordDocument doc, Snapshot snapshot, String shortDay) {
        List<StepAsOf> steps = snapshot.overdueOpenSteps();
        if (steps.isEmpty()) {
            doc.paragraph("截至" + shortDay + "，无逾期未办结的环节。");
            return;
        }
        doc.paragraph("截至" + shortDay + "，以下" + steps.size() + "个环节逾期未办结（按逾期工作日从多到少排列）：");
        List<List<String>> rows = new ArrayList<>();
        int seq = 0;
        for (StepAsOf step : steps) {
            TaskAsOf task = snapshot.task(step.code());
            String unit = step.unitId() != null ? step.unitId() : task == null ? null : task.leadUnit();
            rows.add(List.of(String.valueOf(++seq), step.code(), task == null ? "" : task.title(),
                    unit == null ? "—" : directory.unitName(unit), step.stageName(), PeriodSummary.chinese(step.due()),
                    String.valueOf(step.overdueDays())));
        }
        doc.table(List.of("序号", "任务编号", "改革任务", "责任单位", "逾期环节", "应办结日期", "逾期工作日"), rows);
    }
}
