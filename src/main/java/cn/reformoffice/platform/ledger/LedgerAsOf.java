package cn.reformoffice.platform.ledger;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.task.Stage;

/**
 * The ledger of a plan year as it stood at the end of a day, computed from the append-only
 * {@code ledger_event} rows recorded on or before that day (China dates), not from the tasks' current
 * state: the figures of a year-end total run again next March are those of 31 December.
 * <ul>
 * <li>A task counts once its first STAGE event is on or before the day; its stage is its last STAGE
 * event up to the day.</li>
 * <li>A step is open at the end of the day when opened (STEP_OPEN) on or before it and neither done
 * (STEP_DONE) nor ended without completion (STEP_ENDED) by then; its due date is the latest one up to
 * the day (STEP_OPEN, then DUE_MOVED). A step that ended before STEP_ENDED was recorded, and so has no
 * closing event while no longer open, is left out.</li>
 * <li>A quarterly report is one per task and quarter (a returned report opens the quarter's step
 * again): submitted on time or late by its first REPORT event up to the day (working days late as
 * recorded), otherwise 逾期未报 when its due date was before the day, else 尚未到期.</li>
 * <li>Overdue: a step open at the end of the day whose due date was before it, by
 * {@code max(1, working days from the due date to the day)}, as the ledger's light counts.</li>
 * </ul>
 * Parties (lead units, leaders) are those of the task now, the ledger keeping no history of them; a lead
 * unit is given once, when a 待分配 task is assigned, so a task 待分配 on the day has none.
 */
@Component
public class LedgerAsOf {

    static final String QUARTERLY_REPORT = "Task_SubmitQuarterlyReport";

    private final JdbcClient jdbc;
    private final WorkingCalendar calendar;

    LedgerAsOf(JdbcClient jdbc, WorkingCalendar calendar) {
        this.jdbc = jdbc;
        this.calendar = calendar;
    }

    /** A reform task of the year as of the day; {@code leadUnit} is its primary lead unit (null: 待分配). */
    public record TaskAsOf(String code, String title, String category, Stage stage, String leadUnit,
            List<String> leaders) {
    }

    /** A step of a task; {@code doneOn} null while open at the end of the day. */
    public record StepAsOf(String camundaTaskId, String code, String activityId, String stageName, String unitId,
            LocalDate openedOn, LocalDate due, LocalDate doneOn, Integer lateDays, int overdueDays) {

        public boolean open() {
            return doneOn == null;
        }

        /** Done late, or open and past its due date at the end of the day. */
        public boolean wasOverdue() {
            return open() ? overdueDays > 0 : lateDays != null && lateDays > 0;
        }
    }

    public enum ReportStatus {
        ON_TIME, LATE, MISSING, PENDING
    }

    /** The quarterly report of a task for a quarter. */
    public record ReportAsOf(String code, String quarter, String unitId, LocalDate due, LocalDate submittedOn,
            Integer lateDays, ReportStatus status) {
    }

    /** A 督办单 issued on or before the day. */
    public record NoticeAsOf(String code, String unitId, String stageName, String noticeNo, LocalDate issuedOn) {
    }

    /** The year's ledger at the end of {@code asOf}. */
    public record Snapshot(int year, LocalDate asOf, List<TaskAsOf> tasks, List<StepAsOf> steps,
            List<ReportAsOf> reports, List<NoticeAsOf> notices) {

        public long count(Stage... stages) {
            Set<Stage> wanted = Set.of(stages);
            return tasks.stream().filter(t -> wanted.contains(t.stage())).count();
        }

        public long reports(ReportStatus status) {
            return reports.stream().filter(r -> r.status() == status).count();
        }

        /** Steps open and past due at the end of the day, most overdue first. */
        public List<StepAsOf> overdueOpenSteps() {
            return steps.stream().filter(s -> s.open() && s.overdueDays() > 0)
                    .sorted(java.util.Comparator.comparingInt(StepAsOf::overdueDays).reversed()
                            .thenComparing(StepAsOf::code).thenComparing(StepAsOf::openedOn))
                    .toList();
        }

        public TaskAsOf task(String code) {
            return tasks.stream().filter(t -> t.code().equals(code)).findFirst().orElse(null);
        }
    }

    private record Event(String code, String type, LocalDate on, String unit, String activity, String stageName,
            String camundaTaskId, String quarter, LocalDate due, Integer lateDays, String outcome, String noticeNo) {
    }

    public Snapshot of(int year, LocalDate asOf) {
        Map<String, TaskAsOf> tasks = tasks(year);
        List<Event> events = jdbc.sql("""
                select e.task_code, e.event_type, e.occurred_on, e.unit_id, e.activity_id, e.stage_name,
                       e.camunda_task_id, e.quarter_label, e.due_date, e.late_days, e.outcome, e.notice_no
                from ledger_event e join reform_task t on t.code = e.task_code
                where t.plan_year = ? and e.occurred_on <= ?
                order by e.occurred_at, e.id""").params(year, asOf)
                .query((rs, n) -> new Event(rs.getString(1), rs.getString(2), rs.getObject(3, LocalDate.class),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, LocalDate.class), (Integer) rs.getObject(10), rs.getString(11),
                        rs.getString(12)))
                .list();
        // steps closed at any time, and steps open now: a step with neither ended unrecorded (before STEP_ENDED)
        Set<String> closedEver = new HashSet<>(jdbc.sql("""
                select distinct e.camunda_task_id from ledger_event e join reform_task t on t.code = e.task_code
                where t.plan_year = ? and e.event_type in ('STEP_DONE', 'STEP_ENDED')""").param(year)
                .query(String.class).list());
        Set<String> openNow = new HashSet<>(jdbc.sql("""
                select s.camunda_task_id from ledger_open_step s join reform_task t on t.code = s.task_code
                where t.plan_year = ?""").param(year).query(String.class).list());

        Map<String, Stage> stages = new HashMap<>();
        Map<String, MutableStep> steps = new LinkedHashMap<>();
        List<Event> reportEvents = new ArrayList<>();
        List<NoticeAsOf> notices = new ArrayList<>();
        for (Event e : events) {
            switch (e.type()) {
                case "STAGE" -> stages.put(e.code(), Stage.valueOf(e.outcome()));
                case "STEP_OPEN" -> steps.putIfAbsent(e.camundaTaskId(), new MutableStep(e));
                case "DUE_MOVED" -> {
                    MutableStep step = steps.get(e.camundaTaskId());
                    if (step != null && e.due() != null) {
                        step.due = e.due();
                    }
                }
                case "STEP_DONE" -> {
                    MutableStep step = steps.get(e.camundaTaskId());
                    if (step != null && step.closedOn == null) {
                        step.closedOn = e.on();
                        step.done = true;
                        step.lateDays = e.lateDays();
                    }
                }
                case "STEP_ENDED" -> {
                    MutableStep step = steps.get(e.camundaTaskId());
                    if (step != null && step.closedOn == null) {
                        step.closedOn = e.on();
                    }
                }
                case "REPORT" -> reportEvents.add(e);
                case "NOTICE" -> notices.add(new NoticeAsOf(e.code(), e.unit(), e.stageName(), e.noticeNo(), e.on()));
                default -> { }
            }
        }

        List<TaskAsOf> asOfTasks = new ArrayList<>();
        tasks.values().forEach(t -> {
            Stage stage = stages.get(t.code());
            if (stage != null) {
                // lead units are given once, when a task is assigned (待分配 → 方案制定), and not changed after
                asOfTasks.add(new TaskAsOf(t.code(), t.title(), t.category(), stage,
                        stage == Stage.AWAITING_ASSIGNMENT ? null : t.leadUnit(), List.copyOf(t.leaders())));
            }
        });

        for (MutableStep step : steps.values()) {
            String id = step.opened.camundaTaskId();
            // ended before STEP_ENDED was recorded: when is unknown
            step.endedUnrecorded = step.closedOn == null && !openNow.contains(id) && !closedEver.contains(id);
        }
        List<StepAsOf> asOfSteps = new ArrayList<>();
        for (MutableStep step : steps.values()) {
            Event opened = step.opened;
            boolean open = step.closedOn == null;
            if (step.endedUnrecorded) {
                continue;
            }
            if (!open && !step.done) {
                continue; // ended without completion by the day
            }
            int overdue = open && step.due != null && step.due.isBefore(asOf)
                    ? Math.max(1, calendar.workingDaysBetween(step.due, asOf)) : 0;
            asOfSteps.add(new StepAsOf(opened.camundaTaskId(), opened.code(), opened.activity(), opened.stageName(),
                    opened.unit(), opened.on(), step.due, open ? null : step.closedOn, step.lateDays, overdue));
        }

        return new Snapshot(year, asOf, List.copyOf(asOfTasks), List.copyOf(asOfSteps),
                reports(year, asOf, steps, reportEvents), List.copyOf(notices));
    }

    /** One report per task and quarter of the year, by its first step; submitted by its first REPORT event. */
    private List<ReportAsOf> reports(int year, LocalDate asOf, Map<String, MutableStep> steps, List<Event> reportEvents) {
        record Key(String code, String quarter) {
        }
        Map<Key, List<MutableStep>> byQuarter = new LinkedHashMap<>();
        Map<String, Key> keyOfStep = new HashMap<>();
        for (MutableStep step : steps.values()) {
            if (!QUARTERLY_REPORT.equals(step.opened.activity())) {
                continue;
            }
            String quarter = step.opened.quarter() != null ? step.opened.quarter() : quarterLabel(step.opened.on());
            if (!quarter.startsWith(year + "年")) {
                continue;
            }
            Key key = new Key(step.opened.code(), quarter);
            byQuarter.computeIfAbsent(key, k -> new ArrayList<>()).add(step);
            keyOfStep.put(step.opened.camundaTaskId(), key);
        }
        Map<Key, Event> submitted = new HashMap<>();
        for (Event report : reportEvents) {
            Key key = keyOfStep.get(report.camundaTaskId());
            if (key != null) {
                submitted.putIfAbsent(key, report);
            }
        }
        List<ReportAsOf> reports = new ArrayList<>();
        byQuarter.forEach((key, quarterSteps) -> {
            MutableStep first = quarterSteps.get(0);
            Event report = submitted.get(key);
            if (report != null) {
                boolean late = report.lateDays() != null && report.lateDays() > 0;
                reports.add(new ReportAsOf(key.code(), key.quarter(), first.opened.unit(), report.due() != null
                        ? report.due() : first.due, report.on(), report.lateDays(),
                        late ? ReportStatus.LATE : ReportStatus.ON_TIME));
                return;
            }
            boolean stillOpen = quarterSteps.stream().anyMatch(s -> s.closedOn == null && !s.endedUnrecorded);
            if (!stillOpen) {
                return; // ended without a report (the task's process ended): nothing is owed
            }
            ReportStatus status = first.due != null && first.due.isBefore(asOf) ? ReportStatus.MISSING
                    : ReportStatus.PENDING;
            reports.add(new ReportAsOf(key.code(), key.quarter(), first.opened.unit(), first.due, null, null, status));
        });
        reports.sort(java.util.Comparator.comparing(ReportAsOf::quarter).thenComparing(ReportAsOf::code));
        return List.copyOf(reports);
    }

    static String quarterLabel(LocalDate date) {
        return date.getYear() + "年第" + ((date.getMonthValue() - 1) / 3 + 1) + "季度";
    }

    private Map<String, TaskAsOf> tasks(int year) {
        Map<String, TaskAsOf> tasks = new LinkedHashMap<>();
        Map<Long, String> codes = new HashMap<>();
        jdbc.sql("select id, code, title, category from reform_task where plan_year = ? order by code").param(year)
                .query((rs, n) -> {
                    codes.put(rs.getLong(1), rs.getString(2));
                    tasks.put(rs.getString(2), new TaskAsOf(rs.getString(2), rs.getString(3), rs.getString(4), null,
                            null, new ArrayList<>()));
                    return null;
                }).list();
        jdbc.sql("""
                select p.task_id, p.role, p.party_id from reform_task_party p join reform_task t on t.id = p.task_id
                where t.plan_year = ? and p.role in ('LEAD_UNIT', 'LEADER') order by p.task_id, p.role, p.position""")
                .param(year).query((rs, n) -> {
                    String code = codes.get(rs.getLong(1));
                    TaskAsOf task = tasks.get(code);
                    if ("LEADER".equals(rs.getString(2))) {
                        task.leaders().add(rs.getString(3));
                    } else if (task.leadUnit() == null) {
                        tasks.put(code, new TaskAsOf(code, task.title(), task.category(), null, rs.getString(3),
                                task.leaders()));
                    }
                    return null;
                }).list();
        return tasks;
    }

    private static final class MutableStep {
        final Event opened;
        LocalDate due;
        LocalDate closedOn;
        boolean done;
        boolean endedUnrecorded;
        Integer lateDays;

        MutableStep(Event opened) {
            this.opened = opened;
            this.due = opened.due();
        }
    }
}
