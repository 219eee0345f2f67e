package cn.reformoffice.platform.score;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.organization.OrganizationFile;
import cn.reformoffice.platform.score.ScoreBoard.Detail;
import cn.reformoffice.platform.score.ScoreBoard.Item;
import cn.reformoffice.platform.score.ScoreBoard.Rule;
import cn.reformoffice.platform.score.ScoreBoard.UnitScore;

/**
 * Computes every unit's score for a period from the ledger's events (ledger_event) that occurred on or before
 * the cut-off day (the requested date, at most the period's last day), so the figures of a period as of a day
 * are the same whenever they are computed. Only the steps a unit works itself count for it (unit_id = the
 * unit: 方案制定, 季度报送, 实施并申请销号, 整改), plus the 督办单 it received and the returns of its work.
 * See docs/scores.md for the rules.
 */
@Service
public class ScoreCalculator {

    static final String REPORT = "Task_SubmitQuarterlyReport";
    static final String CLOSE_OUT = "Task_ImplementAndApplyCloseOut";

    static final String REPORTS_ON_TIME = "reportsOnTime";
    static final String REPORTS_LATE = "reportsLate";
    static final String REPORTS_MISSING = "reportsMissing";
    static final String OVERDUE_DAYS = "overdueDays";
    static final String NOTICES = "notices";
    static final String RETURNS = "returns";
    static final String TASKS_ON_TIME = "tasksOnTime";

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;
    private final OrganizationDirectory directory;
    private final ScoreProperties points;

    ScoreCalculator(JdbcClient jdbc, WorkingCalendar calendar, OrganizationDirectory directory, ScoreProperties points) {
        this.jdbc = jdbc;
        this.calendar = calendar;
        this.directory = directory;
        this.points = points;
    }

    /** The settings in force, as users see them. */
    public List<Rule> rules() {
        return List.of(
                new Rule("base", "基础分", "分", points.base(), "每个参与排名的单位以基础分起算。"),
                new Rule(REPORTS_ON_TIME, "按时报送季度报送", "份", points.reportOnTime(),
                        "本期到期的季度报送，在期限内（含当日）提交。"),
                new Rule(REPORTS_LATE, "迟报季度报送", "份", points.reportLate(), "本期到期的季度报送，超过期限后提交。"),
                new Rule(REPORTS_MISSING, "逾期未报季度报送", "份", points.reportMissing(),
                        "本期到期的季度报送，截至统计日已过期限仍未提交。"),
                new Rule(OVERDUE_DAYS, "逾期工作日", "个工作日", points.overdueDay(),
                        "本单位办理的环节在本期内逾期的工作日合计（已办结的按实际逾期，未办结的算至统计日）；"
                                + (points.overdueCap().signum() == 0 ? "不设上限。"
                                        : "本项最多扣 " + plain(points.overdueCap().negate()) + " 分。")),
                new Rule("overdueCap", "逾期工作日扣分上限", "分", points.overdueCap(), "逾期工作日一项合计的最低分值（0 为不设上限）。"),
                new Rule(NOTICES, "收到督办单", "份", points.notice(), "本期向本单位发出的督办单。"),
                new Rule(RETURNS, "工作被退回", "次", points.returned(), "本期本单位的方案、季度报送、销号申请或整改被退回。"),
                new Rule(TASKS_ON_TIME, "按时完成改革任务", "项", points.taskOnTime(),
                        "本期销号的改革任务中，本单位在完成时限内申请销号的。"));
    }

    /** Every unit's score for the period as of {@code cutoff} (within the period), ranked; and the units not ranked. */
    public Result compute(Period period, LocalDate cutoff) {
        LocalDate from = period.start();
        Map<String, Tally> tallies = new HashMap<>();
        String office = directory.officeGroupId();

        List<Step> steps = steps(from, cutoff, office);
        Map<String, Integer> memo = new HashMap<>();
        java.util.function.BiFunction<LocalDate, LocalDate, Integer> workingDays = (a, b) -> memo
                .computeIfAbsent(a + "/" + b, k -> calendar.workingDaysBetween(a, b));

        for (Step step : steps) {
            Tally tally = tallies.computeIfAbsent(step.unit(), Tally::new);
            LocalDate due = step.due();
            // 季度报送: each report (task and quarter) counts once, by its first submission, in the period it fell due in
            if (step.firstReport() && due != null && !due.isBefore(from) && !due.isAfter(period.end())) {
                String what = step.stageName(); // 2026年第3季度报送
                if (step.doneOn() != null) {
                    int late = step.lateDays() == null ? 0 : step.lateDays();
                    if (late > 0) {
                        tally.add(REPORTS_LATE, new Detail(step.code(), null, what, due, step.doneOn(), late,
                                "迟报 " + late + " 个工作日", null));
                    } else {
                        tally.add(REPORTS_ON_TIME, new Detail(step.code(), null, what, due, step.doneOn(), 0,
                                "按时报送", null));
                    }
                } else if (due.isBefore(cutoff)) {
                    int late = workingDays.apply(due, cutoff);
                    tally.add(REPORTS_MISSING, new Detail(step.code(), null, what, due, null, late,
                            "截至 " + cutoff + " 仍未报送，已逾期 " + late + " 个工作日", null));
                } else {
                    tally.active = true; // due later in the period: not yet assessed
                }
            }
            if (step.doneOn() != null && step.doneOn().isBefore(from)) {
                continue; // a report done before the period: nothing overdue in it
            }
            tally.active = true;
            if (due == null) {
                continue;
            }
            LocalDate dayBefore = from.minusDays(1);
            int days;
            int total;
            if (step.doneOn() != null) {
                total = step.lateDays() == null ? 0 : step.lateDays();
                days = total == 0 ? 0 : !due.isBefore(dayBefore) ? total
                        : workingDays.apply(dayBefore, step.doneOn());
            } else {
                total = workingDays.apply(due, cutoff);
                days = workingDays.apply(due.isBefore(dayBefore) ? dayBefore : due, cutoff);
            }
            if (days > 0) {
                String what = step.stageName();
                String note = step.doneOn() != null ? "办结时逾期 " + total + " 个工作日" : "截至 " + cutoff + " 未办结";
                if (days != total) {
                    note += "，其中本期 " + days + " 个工作日";
                }
                tally.add(OVERDUE_DAYS, days, new Detail(step.code(), null, what, due, step.doneOn(), days, note, null));
            }
        }

        jdbc.sql("""
                select task_code, unit_id, stage_name, notice_no, due_date, late_days, occurred_on from ledger_event
                where event_type = 'NOTICE' and unit_id is not null and occurred_on >= :periodStart
                  and occurred_on <= :cutoff order by occurred_on, id""")
                .param("periodStart", from).param("cutoff", cutoff)
                .query((rs, n) -> {
                    String no = rs.getString("notice_no");
                    Integer late = (Integer) rs.getObject("late_days");
                    tallies.computeIfAbsent(rs.getString("unit_id"), Tally::new).add(NOTICES, new Detail(
                            rs.getString("task_code"), null, "督办单" + (no == null ? "" : " " + no)
                                    + "（" + rs.getString("stage_name") + "）",
                            rs.getObject("due_date", LocalDate.class), rs.getObject("occurred_on", LocalDate.class),
                            late, late == null ? null : "发出时逾期 " + late + " 个工作日", null));
                    return null;
                }).list();

        jdbc.sql("""
                select task_code, unit_id, activity_id, stage_name, occurred_on from ledger_event
                where event_type = 'RETURNED' and unit_id is not null and occurred_on >= :periodStart
                  and occurred_on <= :cutoff order by occurred_on, id""")
                .param("periodStart", from).param("cutoff", cutoff)
                .query((rs, n) -> {
                    tallies.computeIfAbsent(rs.getString("unit_id"), Tally::new).add(RETURNS, new Detail(
                            rs.getString("task_code"), null, rs.getString("stage_name") + "被退回", null,
                            rs.getObject("occurred_on", LocalDate.class), null,
                            returnedBy(rs.getString("activity_id")), null));
                    return null;
                }).list();

        // reform tasks closed out in the period, by the unit of their last close-out application
        jdbc.sql("""
                select s.task_code, s.occurred_on as closed_on, d.unit_id, d.due_date, d.late_days,
                       d.occurred_on as applied_on
                from ledger_event s
                join ledger_event d on d.task_code = s.task_code and d.event_type = 'STEP_DONE'
                     and d.activity_id = :closeOut and d.occurred_on <= :cutoff and d.unit_id is not null
                     and not exists (select 1 from ledger_event d2 where d2.task_code = d.task_code
                         and d2.event_type = 'STEP_DONE' and d2.activity_id = d.activity_id
                         and d2.occurred_on <= :cutoff and d2.id > d.id)
                where s.event_type = 'STAGE' and s.outcome = 'CLOSED' and s.occurred_on >= :periodStart
                  and s.occurred_on <= :cutoff
                order by s.occurred_on, s.id""")
                .param("closeOut", CLOSE_OUT).param("periodStart", from).param("cutoff", cutoff)
                .query((rs, n) -> {
                    Tally tally = tallies.computeIfAbsent(rs.getString("unit_id"), Tally::new);
                    tally.closed++;
                    tally.active = true;
                    Integer late = (Integer) rs.getObject("late_days");
                    if (late == null || late == 0) {
                        tally.add(TASKS_ON_TIME, new Detail(rs.getString("task_code"), null, "实施并申请销号",
                                rs.getObject("due_date", LocalDate.class), rs.getObject("applied_on", LocalDate.class),
                                0, rs.getObject("closed_on", LocalDate.class) + " 销号", null));
                    }
                    return null;
                }).list();

        tallies.remove(office);
        Map<String, String> titles = titles(tallies.values());
        List<UnitScore> scores = new ArrayList<>();
        for (Tally tally : tallies.values()) {
            if (tally.active) {
                scores.add(score(tally, titles));
            }
        }
        Collator chinese = Collator.getInstance(Locale.CHINA);
        scores.sort(Comparator.comparing(UnitScore::score).reversed()
                .thenComparing(UnitScore::unitName, chinese));
        List<UnitScore> ranked = new ArrayList<>(scores.size());
        for (int i = 0; i < scores.size(); i++) {
            UnitScore s = scores.get(i);
            int rank = i > 0 && scores.get(i - 1).score().compareTo(s.score()) == 0 ? ranked.get(i - 1).rank() : i + 1;
            boolean tied = i > 0 && scores.get(i - 1).score().compareTo(s.score()) == 0
                    || i + 1 < scores.size() && scores.get(i + 1).score().compareTo(s.score()) == 0;
            ranked.add(new UnitScore(rank, tied, s.unitId(), s.unitName(), s.base(), s.score(), s.items(),
                    s.ledgerUrl()));
        }
        Set<String> rankedIds = new LinkedHashSet<>();
        ranked.forEach(s -> rankedIds.add(s.unitId()));
        List<ScoreBoard.Unit> unranked = new ArrayList<>();
        List<OrganizationFile.Unit> units = new ArrayList<>(directory.units());
        units.addAll(directory.runtimeUnits());
        units.sort(Comparator.comparing(OrganizationFile.Unit::name, chinese));
        for (OrganizationFile.Unit unit : units) {
            if (!rankedIds.contains(unit.id())) {
                unranked.add(new ScoreBoard.Unit(unit.id(), unit.name()));
            }
        }
        return new Result(ranked, unranked);
    }

    /**
     * A step of a unit's as the events up to the cut-off day have it: its due date (moved, or as done), when it
     * was done and how late, and whether it is the first submission of a quarterly report.
     */
    private record Step(String code, String taskId, String activity, String stageName, String unit,
            LocalDate openDue, LocalDate movedDue, LocalDate doneOn, LocalDate doneDue, Integer lateDays,
            boolean firstReport) {
        LocalDate due() {
            return doneOn != null && doneDue != null ? doneDue : movedDue != null ? movedDue : openDue;
        }
    }

    /**
     * The units' steps that matter for the period: open at some time in it (opened by the cut-off day, not done
     * before the period), or the first submission of a report due in it. Read in one pass over the step events
     * up to the cut-off day, leaving out the tasks closed out before the period, and joined here (one scan, no
     * correlated look-ups: 150,000 events, two years of 10,000 tasks, take about a second on a busy 2-core machine).
     */
    private List<Step> steps(LocalDate from, LocalDate cutoff, String office) {
        Set<String> closedBefore = new java.util.HashSet<>(jdbc.sql("""
                select task_code from ledger_event where event_type = 'STAGE' and outcome = 'CLOSED'
                  and occurred_on < :periodStart""").param("periodStart", from).query(String.class).list());
        record Open(String code, String taskId, String activity, String stageName, String unit, LocalDate due,
                boolean firstReport) {
        }
        record Done(LocalDate on, LocalDate due, Integer lateDays) {
        }
        List<Open> opens = new ArrayList<>();
        Map<String, Done> done = new HashMap<>();
        Map<String, LocalDate> moved = new HashMap<>();
        Set<String> reports = new java.util.HashSet<>();
        jdbc.sql("""
                select task_code, event_type, camunda_task_id, activity_id, stage_name, unit_id, quarter_label, due_date,
                       late_days, occurred_on
                from ledger_event where event_type in ('STEP_OPEN', 'STEP_DONE', 'DUE_MOVED') and occurred_on <= :cutoff
                order by id""").param("cutoff", cutoff)
                .query(rs -> {
                    String code = rs.getString(1);
                    if (closedBefore.contains(code)) {
                        return;
                    }
                    String taskId = rs.getString(3);
                    LocalDate due = rs.getObject(8, LocalDate.class);
                    switch (rs.getString(2)) {
                        case "STEP_OPEN" -> {
                            String activity = rs.getString(4);
                            String quarter = rs.getString(7);
                            // a report sent back opens again for the same quarter: only the first one is the report
                            boolean first = REPORT.equals(activity)
                                    && (quarter == null || reports.add(code + '|' + quarter));
                            String unit = rs.getString(6);
                            if (unit != null && !unit.equals(office)) {
                                opens.add(new Open(code, taskId, activity, rs.getString(5), unit, due, first));
                            }
                        }
                        case "STEP_DONE" -> done.putIfAbsent(taskId, new Done(rs.getObject(10, LocalDate.class), due,
                                (Integer) rs.getObject(9)));
                        default -> moved.put(taskId, due);
                    }
                });
        List<Step> steps = new ArrayList<>();
        for (Open o : opens) {
            Done d = done.get(o.taskId());
            Step step = new Step(o.code(), o.taskId(), o.activity(), o.stageName(), o.unit(), o.due(),
                    moved.get(o.taskId()), d == null ? null : d.on(), d == null ? null : d.due(),
                    d == null ? null : d.lateDays(), o.firstReport());
            LocalDate due = step.due();
            if (d == null || !d.on().isBefore(from) || o.firstReport() && due != null && !due.isBefore(from)) {
                steps.add(step);
            }
        }
        return steps;
    }

    /** The ranked units, best first, and the units with nothing to assess in the period. */
    public record Result(List<UnitScore> ranked, List<ScoreBoard.Unit> unranked) {
    }

    private UnitScore score(Tally tally, Map<String, String> titles) {
        List<Item> items = new ArrayList<>();
        String ledger = ledgerUrl(tally.unit);
        items.add(item(tally, REPORTS_ON_TIME, "按时报送季度报送", "份", points.reportOnTime(), titles, ledger, null));
        items.add(item(tally, REPORTS_LATE, "迟报季度报送", "份", points.reportLate(), titles, ledger, null));
        items.add(item(tally, REPORTS_MISSING, "逾期未报季度报送", "份", points.reportMissing(), titles, ledger, null));
        items.add(item(tally, OVERDUE_DAYS, "逾期工作日", "个工作日", points.overdueDay(), titles, ledger, null));
        items.add(item(tally, NOTICES, "收到督办单", "份", points.notice(), titles, ledger, null));
        items.add(item(tally, RETURNS, "工作被退回", "次", points.returned(), titles, ledger, null));
        items.add(item(tally, TASKS_ON_TIME, "按时完成改革任务", "项", points.taskOnTime(), titles, ledger,
                tally.closed == 0 ? null : "本期销号 " + tally.closed + " 项，其中按时申请销号 "
                        + tally.count(TASKS_ON_TIME) + " 项"));
        BigDecimal score = points.base();
        for (Item item : items) {
            score = score.add(item.subtotal());
        }
        return new UnitScore(0, false, tally.unit, directory.unitName(tally.unit), plain(points.base()), plain(score),
                items, ledger);
    }

    private Item item(Tally tally, String key, String label, String measure, BigDecimal each,
            Map<String, String> titles, String ledger, String note) {
        int count = tally.count(key);
        BigDecimal subtotal = each.multiply(BigDecimal.valueOf(count));
        boolean capped = false;
        if (OVERDUE_DAYS.equals(key) && points.overdueCap().signum() < 0 && subtotal.compareTo(points.overdueCap()) < 0) {
            subtotal = points.overdueCap();
            capped = true;
            note = "按上限计 " + plain(points.overdueCap()) + " 分";
        }
        List<Detail> details = tally.details.getOrDefault(key, List.of()).stream()
                .map(d -> new Detail(d.taskCode(), titles.get(d.taskCode()), d.what(), d.due(), d.date(), d.days(),
                        d.note(), "/ledger/task.html?code=" + encode(d.taskCode())))
                .toList();
        return new Item(key, label, measure, count, plain(each), plain(subtotal), capped, note, ledger, details);
    }

    private Map<String, String> titles(Iterable<Tally> tallies) {
        Set<String> codes = new LinkedHashSet<>();
        tallies.forEach(t -> t.details.values().forEach(list -> list.forEach(d -> codes.add(d.taskCode()))));
        Map<String, String> titles = new HashMap<>();
        if (!codes.isEmpty()) {
            jdbc.sql("select code, title from reform_task where code in (:codes)").param("codes", codes)
                    .query((rs, n) -> titles.put(rs.getString(1), rs.getString(2))).list();
        }
        return titles;
    }

    static String ledgerUrl(String unitId) {
        return "/ledger/index.html?unit=" + encode(unitId);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String returnedBy(String activityId) {
        return switch (activityId == null ? "" : activityId) {
            case "Task_LeaderApprovePlan" -> "领衔领导审定退回";
            case "Task_OfficeApprovePlan" -> "改革办审定退回";
            case "Task_ReconcileReport" -> "季度对账退回";
            case "Task_ReviewCloseOut" -> "销号审核退回";
            case "Task_Recheck" -> "复查未通过";
            default -> null;
        };
    }

    /** 100.0 → 100, -2.50 → -2.5: numbers as people write them (and as JSON shows them). */
    static BigDecimal plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** What was counted for one unit. */
    private static final class Tally {
        final String unit;
        final Map<String, List<Detail>> details = new LinkedHashMap<>();
        final Map<String, Integer> counts = new HashMap<>();
        int closed;
        boolean active;

        Tally(String unit) {
            this.unit = unit;
        }

        void add(String key, Detail detail) {
            add(key, 1, detail);
        }

        void add(String key, int count, Detail detail) {
            active = true;
            counts.merge(key, count, Integer::sum);
            details.computeIfAbsent(key, k -> new ArrayList<>()).add(detail);
        }

        int count(String key) {
            return counts.getOrDefault(key, 0);
        }
    }
}
