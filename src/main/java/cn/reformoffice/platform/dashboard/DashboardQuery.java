package cn.reformoffice.platform.dashboard;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Collator;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.deployment.Database;
import cn.reformoffice.platform.ledger.LedgerQuery;
import cn.reformoffice.platform.ledger.LedgerRow;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.Stage;

/**
 * The figures of the dashboard (督查督办驾驶舱) for one plan year, each one SQL aggregate over the
 * ledger's read model (ledger_entry, ledger_party, ledger_event; V9__ledger.sql, V16; on PostgreSQL
 * ledger_tally, V17): no engine history is read and no task is visited in a loop. {@code scope} as in
 * {@code LedgerQuery}: null means every task (the office), otherwise the user's id and unit ids, and only
 * the tasks they lead, co-lead or cooperate on count.
 * Today and this week (from Monday) are China dates by the engine's clock.
 */
@Component
public class DashboardQuery {

    static final ZoneId CHINA = ZoneId.of(ReformPlatformApplication.CHINA_ZONE);
    private static final List<String> LIGHTS = List.of("RED", "YELLOW", "GREEN", "CLOSED", "UNASSIGNED");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    private static final int RED_LIST_LIMIT = 200;
    private static final String TASKS = " from ledger_entry e";

    private final JdbcClient jdbc;
    private final Database database;
    private final OrganizationDirectory directory;
    /** The grouped count's transaction (PostgreSQL): its planner setting ends with it. */
    private final TransactionTemplate readOnly;

    DashboardQuery(JdbcClient jdbc, Database database, OrganizationDirectory directory,
            PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.database = database;
        this.directory = directory;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        // a transaction of its own even when called inside another: the setting must not outlive the statement
        this.readOnly.setPropagationBehavior(TransactionTemplate.PROPAGATION_REQUIRES_NEW);
    }

    /** Everything the dashboard shows, in one answer. */
    public record Dashboard(int year, List<Integer> years, LocalDate today, LocalDate weekStart, boolean everyTask,
            Summary summary, List<Slice> lights, List<Slice> stages, List<Category> categories,
            List<Slice> overdueByUnit, List<String> quarters, List<UnitReports> reports, List<Month> notices,
            List<RedItem> redThisWeek) {
    }

    /** Headline figures of the year's tasks. */
    public record Summary(long tasks, long red, long overdue, long closed, long notices, long reportsOnTime,
            long reportsLate) {
    }

    /** A count under a filter value of the ledger (a light, a stage, a unit id) with its Chinese name. */
    public record Slice(String id, String name, long count) {
    }

    /** A category's tasks and how many of them are closed out (已销号); {@code name} null: no category. */
    public record Category(String name, String label, long total, long closed) {
    }

    /** The quarterly reports a unit submitted, per quarter: on time (0 working days late) and late. */
    public record UnitReports(String unitId, String unitName, List<QuarterReports> quarters) {
    }

    public record QuarterReports(String quarter, long onTime, long late) {
    }

    /** 督办单 issued in a month ({@code month} 2026-03, {@code label} 3月, or 2027年1月 outside the year). */
    public record Month(String month, String label, long count) {
    }

    /** A task that turned red this week: when (China time, 2026-03-31 09:00), why, and whether it still is. */
    public record RedItem(String code, String title, int year, String reason, String at, boolean stillRed) {
    }

    public static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
    }

    /** How the year's entries are counted: {@link #dashboard(int, List)} picks the fastest for database and scope. */
    enum Counting {
        /** PostgreSQL, every task (the office): the counts kept in ledger_tally, overdue tasks from their index. */
        TALLY,
        /** PostgreSQL, a user's tasks: the entries grouped by the database. */
        GROUPED,
        /** H2: the entries streamed and counted here. */
        IN_JAVA
    }

    public Dashboard dashboard(int year, List<String> scope) {
        return dashboard(year, scope, !database.isPostgres() ? Counting.IN_JAVA
                : scope == null ? Counting.TALLY : Counting.GROUPED);
    }

    Dashboard dashboard(int year, List<String> scope, Counting counting) {
        LocalDate today = today();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Map<String, Object> params = new HashMap<>();
        params.put("year", year);
        params.put("today", today);
        params.put("monday", monday);
        String scoped = "";
        if (scope != null) {
            // the user's tasks as the ledger selects them (ledger_party, V16)
            scoped = LedgerQuery.inScope("e.task_id");
            params.put("scope", LedgerQuery.scopeParties(scope));
        }
        String where = " where e.plan_year = :year" + scoped;
        String tasks = TASKS + where;

        // lights, stages, categories, overdue tasks and their lead units, and the first submissions of the plan
        // year's quarterly reports, on time and late, by lead unit: one pass over the year's entries
        if (counting == Counting.TALLY && scope != null) {
            throw new IllegalArgumentException("ledger_tally counts every task, not a user's");
        }
        Tally tally = switch (counting) {
            case TALLY -> kept(tasks, params);
            case GROUPED -> groupedInDatabase(tasks, params);
            case IN_JAVA -> countedHere(tasks, params, today);
        };
        List<Slice> lights = lights(tally.byLight);
        List<Slice> stages = stages(tally.byStage);
        List<Category> categories = categories(tally.byCategory);
        List<Slice> overdue = new ArrayList<>();
        tally.overdueByUnit.forEach((unit, n) -> overdue.add(new Slice(unit, directory.unitName(unit), n)));
        sortByCountThenName(overdue);

        TreeSet<String> quarters = new TreeSet<>();
        List<UnitReports> reports = reports(year, tally.reportsByUnit, quarters);
        long onTime = reports.stream().flatMap(r -> r.quarters().stream()).mapToLong(QuarterReports::onTime).sum();
        long late = reports.stream().flatMap(r -> r.quarters().stream()).mapToLong(QuarterReports::late).sum();
        List<Month> notices = notices(year, scoped, params);

        long total = stages.stream().mapToLong(Slice::count).sum();
        long red = lights.stream().filter(s -> "RED".equals(s.id())).mapToLong(Slice::count).sum();
        long closed = stages.stream().filter(s -> Stage.CLOSED.name().equals(s.id())).mapToLong(Slice::count).sum();
        Summary summary = new Summary(total, red, tally.overdueTasks, closed, notices.stream().mapToLong(Month::count).sum(),
                onTime, late);
        return new Dashboard(year, years(year, today, scoped, params), today, monday, scope == null, summary, lights,
                stages, categories, overdue, List.copyOf(quarters), reports, notices, redThisWeek(scoped, params));
    }

    /**
     * The year's entries counted by light, stage, category (with the closed ones), lead unit (overdue tasks and the
     * first submissions of each quarter's report, on time and late) and overdue tasks in all.
     */
    private static final class Tally {
        final Map<String, Long> byLight = new HashMap<>();
        final Map<String, Long> byStage = new HashMap<>();
        final Map<String, long[]> byCategory = new LinkedHashMap<>();
        final Map<String, Long> overdueByUnit = new HashMap<>();
        /** Per lead unit: quarter 1 on time, quarter 1 late, quarter 2 on time, … */
        final Map<String, long[]> reportsByUnit = new HashMap<>();
        long overdueTasks;

        /**
         * {@code count} entries alike in light, stage, category and lead unit, {@code overdue} of them overdue;
         * {@code reports} as in {@link #reportsByUnit}.
         */
        void add(String light, String stage, String category, String leadUnit, long count, long overdue,
                long[] reports) {
            add(light, stage, category, leadUnit, count, reports);
            addOverdue(leadUnit, overdue);
        }

        /** {@code count} entries alike in light, stage, category and lead unit; {@code reports} as above. */
        void add(String light, String stage, String category, String leadUnit, long count, long[] reports) {
            byLight.merge(light, count, Long::sum);
            byStage.merge(stage, count, Long::sum);
            long[] totals = byCategory.computeIfAbsent(category, k -> new long[2]);
            totals[0] += count;
            totals[1] += Stage.CLOSED.name().equals(stage) ? count : 0;
            if (leadUnit != null) {
                for (int i = 0; i < reports.length; i++) {
                    if (reports[i] > 0) {
                        reportsByUnit.computeIfAbsent(leadUnit, k -> new long[8])[i] += reports[i];
                    }
                }
            }
        }

        /** {@code overdue} entries of a lead unit (or of none) overdue. */
        void addOverdue(String leadUnit, long overdue) {
            overdueTasks += overdue;
            if (leadUnit != null && overdue > 0) {
                overdueByUnit.merge(leadUnit, overdue, Long::sum);
            }
        }
    }

    /**
     * PostgreSQL, every task: the year's counts as ledger_tally keeps them (a few hundred groups, whatever rows of
     * changes are not folded yet summed in), and the overdue entries counted by lead unit from ix_ledger_entry_overdue
     * (V17), which reads those entries alone. 10,000 tasks (643 groups, 4,100 overdue entries): the office's dashboard
     * in 3.4 ms instead of 6.8 ms grouping the year's entries (median of 200 calls), the request's median 4.8–5.0 ms
     * instead of 8.8–10.2 ms.
     */
    private Tally kept(String tasks, Map<String, Object> params) {
        Tally tally = new Tally();
        jdbc.sql("select light, stage, category, lead_unit, " + DashboardTally.SUMS + " from ledger_tally"
                + " where plan_year = :year group by light, stage, category, lead_unit having sum(entries) <> 0")
                .params(params)
                .query(rs -> {
                    tally.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            quarters(rs, 6));
                });
        jdbc.sql("select e.lead_unit, count(*)" + tasks + " and e.step_due < :today group by e.lead_unit")
                .params(params)
                .query(rs -> {
                    tally.addOverdue(rs.getString(1), rs.getLong(2));
                });
        return tally;
    }

    /**
     * PostgreSQL: the year's entries grouped by light, stage, category and lead unit (a few hundred groups at 10,000
     * tasks), read in the order of the covering index ix_ledger_entry_dashboard (V12) without sorting or hashing,
     * each group's overdue tasks and quarterly reports counted alongside. Streaming the 10,000 entries to count them
     * here cost twice as long (PostgreSQL sending and the driver decoding every row).
     * <p>PostgreSQL's planner prefers hashing the four text keys once the table is compact and its statistics fresh
     * (a year's 10,000 entries in 575 pages: a sequential scan and a hash aggregate, 8.1–8.4 ms, against 4.4–4.8 ms
     * reading the covering index in group order; it chose the index only while the table held dead row versions).
     * Hash aggregation is turned off for this statement alone ({@code set local}, in its own read-only transaction),
     * so the index's order is used whatever the table's state. (H2 runs this path only in DashboardGroupingIT.)
     */
    private Tally groupedInDatabase(String tasks, Map<String, Object> params) {
        return readOnly.execute(status -> {
            if (database.isPostgres()) {
                jdbc.sql("set local enable_hashagg = off").update();
            }
            return grouped(tasks, params);
        });
    }

    private Tally grouped(String tasks, Map<String, Object> params) {
        // each quarter's reports (the column not null) and late ones; on time is the difference: one filter a quarter
        // instead of two (10,000 entries on PostgreSQL: 0.6 ms less)
        StringBuilder reports = new StringBuilder();
        for (int q = 1; q <= 4; q++) {
            reports.append(", count(e.report_q").append(q).append("_late)")
                    .append(", count(*) filter (where e.report_q").append(q).append("_late > 0)");
        }
        Tally tally = new Tally();
        jdbc.sql("select e.light, e.stage, e.category, e.lead_unit, count(*), count(*) filter (where e.step_due < :today)"
                + reports + tasks + " group by e.light, e.stage, e.category, e.lead_unit")
                .params(params)
                .query(rs -> {
                    tally.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
                            rs.getLong(6), quarters(rs, 7));
                });
        return tally;
    }

    /**
     * A group's quarterly reports as {@link Tally#reportsByUnit} holds them (quarter 1 on time, quarter 1 late, …) from
     * the columns from {@code first} on: each quarter's reports, then how many of them were late.
     */
    private static long[] quarters(ResultSet rs, int first) throws SQLException {
        long[] counts = new long[8];
        for (int q = 0; q < 4; q++) {
            long late = rs.getLong(first + 1 + 2 * q);
            counts[2 * q] = rs.getLong(first + 2 * q) - late;
            counts[2 * q + 1] = late;
        }
        return counts;
    }

    /**
     * H2: one pass over the year's entries, counted here (H2's GROUP BY over these text columns took four times as
     * long as streaming the rows to count them in Java).
     */
    private Tally countedHere(String tasks, Map<String, Object> params, LocalDate today) {
        Tally tally = new Tally();
        java.sql.Date todayDate = java.sql.Date.valueOf(today);
        jdbc.sql("select e.light, e.stage, e.category, e.lead_unit, e.step_due, e.report_q1_late, e.report_q2_late,"
                + " e.report_q3_late, e.report_q4_late" + tasks)
                .params(params)
                .query(rs -> {
                    java.sql.Date due = rs.getDate(5);
                    long[] reports = new long[8];
                    for (int q = 0; q < 4; q++) {
                        int late = rs.getInt(6 + q);
                        if (!rs.wasNull()) {
                            reports[2 * q + (late > 0 ? 1 : 0)] = 1;
                        }
                    }
                    tally.add(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), 1,
                            due != null && due.before(todayDate) ? 1 : 0, reports);
                });
        return tally;
    }

    private List<Integer> years(int year, LocalDate today, String scoped, Map<String, Object> params) {
        TreeSet<Integer> years = new TreeSet<>(Comparator.reverseOrder());
        // the first and the last plan year (read from the year index) and every year between
        jdbc.sql("select min(e.plan_year), max(e.plan_year) from ledger_entry e where 1 = 1" + scoped).params(params)
                .query((rs, n) -> {
                    int first = rs.getInt(1);
                    int last = rs.getInt(2);
                    for (int y = first; !rs.wasNull() && first > 0 && y <= last; y++) {
                        years.add(y);
                    }
                    return null;
                }).list();
        years.add(today.getYear());
        years.add(year);
        return List.copyOf(years);
    }

    private static List<Slice> lights(Map<String, Long> counts) {
        List<Slice> slices = new ArrayList<>();
        for (String light : LIGHTS) {
            slices.add(new Slice(light, LedgerRow.lightLabel(light), counts.getOrDefault(light, 0L)));
        }
        return slices;
    }

    private static List<Slice> stages(Map<String, Long> counts) {
        List<Slice> slices = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            slices.add(new Slice(stage.name(), stage.label(), counts.getOrDefault(stage.name(), 0L)));
        }
        return slices;
    }

    private static List<Category> categories(Map<String, long[]> counts) {
        List<Category> categories = new ArrayList<>();
        counts.forEach((name, totals) -> categories.add(new Category(name, name == null ? "未分类" : name, totals[0],
                totals[1])));
        Collator chinese = Collator.getInstance(Locale.CHINA);
        categories.sort(Comparator.comparingLong(Category::total).reversed()
                .thenComparing(Category::label, chinese));
        return categories;
    }

    /**
     * The quarterly reports of the year's tasks by lead unit and quarter of the plan year: the first submission of
     * each task and quarter counts (a report returned and submitted again is one report), on time when it was 0
     * working days late ({@code ledger_entry.report_q1_late} … {@code report_q4_late}).
     */
    private List<UnitReports> reports(int year, Map<String, long[]> byUnit, TreeSet<String> quarters) {
        List<UnitReports> reports = new ArrayList<>();
        byUnit.forEach((unit, sums) -> {
            List<QuarterReports> byQuarter = new ArrayList<>();
            for (int q = 1; q <= 4; q++) {
                long onTime = sums[2 * (q - 1)];
                long late = sums[2 * (q - 1) + 1];
                if (onTime + late > 0) {
                    String label = year + "年第" + q + "季度";
                    quarters.add(label);
                    byQuarter.add(new QuarterReports(label, onTime, late));
                }
            }
            reports.add(new UnitReports(unit, directory.unitName(unit), List.copyOf(byQuarter)));
        });
        Collator chinese = Collator.getInstance(Locale.CHINA);
        reports.sort(Comparator.comparingLong((UnitReports r) -> -r.quarters().stream()
                .mapToLong(q -> q.onTime() + q.late()).sum()).thenComparing(UnitReports::unitName, chinese));
        return reports;
    }

    /** 督办单 issued for the year's tasks, by month: January to December of the year and any month outside with some. */
    private List<Month> notices(int year, String scoped, Map<String, Object> params) {
        Map<YearMonth, Long> counts = new TreeMap<>();
        // counted by day in the index's order and summed by month here: grouping by extract(year/month) computed
        // both for every notice (PostgreSQL, 1,646 notices of 10,000 tasks: 1.1 ms against 0.4 ms)
        jdbc.sql("select ev.occurred_on, count(*) from ledger_event ev"
                + (scoped.isEmpty() ? "" : " join ledger_entry e on e.task_code = ev.task_code")
                + " where ev.event_type = 'NOTICE' and ev.plan_year = :year" + scoped + " group by ev.occurred_on")
                .params(params).query(rs -> { // a row callback (with braces: not a result set extractor)
                    counts.merge(YearMonth.from(rs.getObject(1, LocalDate.class)), rs.getLong(2), Long::sum);
                });
        YearMonth first = YearMonth.of(year, 1);
        YearMonth last = YearMonth.of(year, 12);
        for (YearMonth month : counts.keySet()) {
            first = month.isBefore(first) ? month : first;
            last = month.isAfter(last) ? month : last;
        }
        List<Month> months = new ArrayList<>();
        for (YearMonth m = first; !m.isAfter(last); m = m.plusMonths(1)) {
            String label = m.getYear() == year ? m.getMonthValue() + "月" : m.getYear() + "年" + m.getMonthValue() + "月";
            months.add(new Month(m.toString(), label, counts.getOrDefault(m, 0L)));
        }
        return months;
    }

    /**
     * Tasks (of any plan year) whose light turned red from Monday of this week to today, the latest such change
     * of each task first.
     */
    private List<RedItem> redThisWeek(String scoped, Map<String, Object> params) {
        Map<String, Object> limited = new HashMap<>(params);
        limited.put("limit", RED_LIST_LIMIT);
        return jdbc.sql("""
                select ev.task_code, t.title, t.plan_year, ev.detail, ev.occurred_at, e.light
                from ledger_event ev join reform_task t on t.code = ev.task_code join ledger_entry e on e.task_id = t.id
                where ev.event_type = 'LIGHT' and ev.outcome = 'RED' and ev.occurred_on between :monday and :today
                  and ev.id = (select max(x.id) from ledger_event x where x.task_code = ev.task_code
                               and x.event_type = 'LIGHT' and x.outcome = 'RED'
                               and x.occurred_on between :monday and :today)""" + scoped
                + " order by ev.occurred_at desc, ev.id desc fetch first :limit rows only").params(limited)
                .query((rs, n) -> new RedItem(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class).atZoneSameInstant(CHINA).format(MINUTE),
                        "RED".equals(rs.getString(6))))
                .list();
    }

    private static void sortByCountThenName(List<Slice> slices) {
        Collator chinese = Collator.getInstance(Locale.CHINA);
        slices.sort(Comparator.comparingLong(Slice::count).reversed().thenComparing(Slice::name, chinese));
    }
}
