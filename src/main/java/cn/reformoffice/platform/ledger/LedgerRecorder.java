package cn.reformoffice.platform.ledger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.Stage;

/**
 * Writes the ledger's read model (V9__ledger.sql): the open steps, the task's entry and the
 * append-only events. Called from the reform-task process's listeners, in the engine's transaction,
 * so the ledger never disagrees with the engine; every write is keyed so that a listener that runs
 * again (a retried job) changes nothing twice. After each change the task's light is recomputed.
 * <p>Besides the event types listed in V9__ledger.sql, {@code STEP_ENDED} records a step that ended
 * without being completed (activity, unit, due date), so that {@link LedgerAsOf} knows it was no longer
 * open after that day.
 */
@Component
public class LedgerRecorder {

    /** What a refresh copies onto the entry (from the task, its parties and its open steps). */
    private static final List<String> ENTRY_COLUMNS = List.of("plan_year", "category", "stage", "deadline", "lead_unit",
            "search_text", "step_name", "step_task_id", "step_assignee", "step_unit", "step_due", "open_steps",
            "light_reason");
    /** Sets {@link #ENTRY_COLUMNS} and updated_at where one of them differs (named parameters as the columns). */
    private static final String UPDATE_ENTRY = "update ledger_entry set "
            + ENTRY_COLUMNS.stream().map(c -> c + " = :" + c).collect(Collectors.joining(", "))
            + ", updated_at = :updated_at where task_code = :code and ("
            + ENTRY_COLUMNS.stream().map(c -> c + " is distinct from :" + c).collect(Collectors.joining(" or ")) + ")";

    static final ZoneId CHINA = ZoneId.of(ReformPlatformApplication.CHINA_ZONE);

    private final JdbcClient jdbc;
    private final LedgerLights lights;
    private final WorkingCalendar calendar;
    private final OrganizationDirectory directory;

    LedgerRecorder(JdbcClient jdbc, LedgerLights lights, WorkingCalendar calendar, OrganizationDirectory directory) {
        this.directory = directory;
        this.jdbc = jdbc;
        this.lights = lights;
        this.calendar = calendar;
    }

    /** Now by the engine's clock (tests move it), and today's date in China. */
    static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    static LocalDate today() {
        return now().atZone(CHINA).toLocalDate();
    }

    public void taskCreated(long taskId, String code, Stage stage) {
        OffsetDateTime now = now().atZone(CHINA).toOffsetDateTime();
        jdbc.sql("""
                insert into ledger_entry (task_id, task_code, light, light_rank, light_changed_at, updated_at)
                values (?, ?, ?, ?, ?, ?)""").params(taskId, code, "GREEN", lightRank("GREEN"), now, now).update();
        event(Event.of(code, "STAGE").outcome(stage.name()));
        refresh(code);
    }

    public void stageChanged(String code, Stage stage) {
        event(Event.of(code, "STAGE").outcome(stage.name()));
        refresh(code);
    }

    public void stepOpened(String code, String camundaTaskId, String activityId, String stageName, String assignee,
            String unitId, LocalDate due, String quarter) {
        int updated = jdbc.sql("""
                update ledger_open_step set assignee = ?, unit_id = ?, due_date = ?, stage_name = ?
                where camunda_task_id = ?""").params(assignee, unitId, due, stageName, camundaTaskId).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into ledger_open_step (camunda_task_id, task_code, activity_id, stage_name, assignee,
                                                  unit_id, due_date, opened_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(camundaTaskId, code, activityId, stageName, assignee, unitId, due,
                            now().atZone(CHINA).toOffsetDateTime()).update();
            event(Event.of(code, "STEP_OPEN").activity(activityId, stageName).unit(unitId).task(camundaTaskId)
                    .due(due, 0).quarter(quarter));
        }
        refresh(code);
    }

    public void stepAssigned(String code, String camundaTaskId, String assignee) {
        jdbc.sql("update ledger_open_step set assignee = ? where camunda_task_id = ?").params(assignee, camundaTaskId)
                .update();
        refresh(code);
    }

    public void stepDueChanged(String code, String camundaTaskId, LocalDate due) {
        LocalDate before = jdbc.sql("select due_date from ledger_open_step where camunda_task_id = ?")
                .param(camundaTaskId).query(LocalDate.class).optional().orElse(null);
        if (due == null || due.equals(before)) {
            return;
        }
        jdbc.sql("update ledger_open_step set due_date = ? where camunda_task_id = ?").params(due, camundaTaskId)
                .update();
        event(Event.of(code, "DUE_MOVED").task(camundaTaskId).due(due, 0).detail(before == null ? null : before.toString()));
        refresh(code);
    }

    /**
     * A step was completed (or ended without completion when {@code outcome} is null and
     * {@code completed} false). Records how late it was in working days, the unit's return when a
     * decision sent work back, and the quarterly report's particulars. {@code quarter}: the quarter of a
     * reconciled report, kept on a return so that a quarter's reconciliation counts it.
     */
    public void stepClosed(String code, String camundaTaskId, String activityId, String stageName, String unitId,
            LocalDate due, boolean completed, String outcome, Report report, String quarter) {
        int wasOpen = jdbc.sql("delete from ledger_open_step where camunda_task_id = ?").param(camundaTaskId).update();
        if (!completed && wasOpen > 0) {
            // ended without completion (a parallel leader's approval no longer needed, a process ended): the step
            // is no longer open as of today, which the figures as of a date (LedgerAsOf) need to know
            event(Event.of(code, "STEP_ENDED").activity(activityId, stageName).unit(unitId).task(camundaTaskId)
                    .due(due, 0));
        }
        if (completed && jdbc.sql("select count(*) from ledger_event where camunda_task_id = ? and event_type = 'STEP_DONE'")
                .param(camundaTaskId).query(Long.class).single() == 0) {
            LocalDate today = today();
            int late = due == null ? 0 : calendar.workingDaysBetween(due, today);
            event(Event.of(code, "STEP_DONE").activity(activityId, stageName).unit(unitId).task(camundaTaskId)
                    .due(due, late).outcome(outcome));
            if (report != null) {
                boolean first = jdbc.sql("""
                        select count(*) from ledger_event where task_code = ? and event_type = 'REPORT'
                        and quarter_label = ?""").params(code, report.quarter()).query(Long.class).single() == 0;
                event(Event.of(code, "REPORT").activity(activityId, stageName).unit(unitId).task(camundaTaskId)
                        .due(due, late).outcome(report.status()).quarter(report.quarter()).firstReport(first));
                int planQuarter = first ? quarterOfPlanYear(code, report.quarter()) : 0;
                if (planQuarter > 0) {
                    jdbc.sql("update ledger_entry set report_q" + planQuarter + "_late = ? where task_code = ?")
                            .params(late, code).update();
                }
                jdbc.sql("""
                        update ledger_entry set report_quarter = ?, report_date = ?, report_due = ?, report_late_days = ?,
                               report_status = ?, report_returned = false, report_excerpt = ?
                        where task_code = ?""")
                        .params(report.quarter(), today, due, late, report.status(), excerpt(report.progress()), code)
                        .update();
            }
            if (Returns.isReturn(activityId, outcome)) {
                String returnedTo = Returns.returnedStep(activityId);
                event(Event.of(code, "RETURNED").activity(activityId, returnedTo).unit(primaryLeadUnit(code))
                        .task(camundaTaskId).outcome(outcome).quarter(quarter));
                if ("Task_ReconcileReport".equals(activityId)) {
                    jdbc.sql("update ledger_entry set report_returned = true where task_code = ?").param(code).update();
                }
            }
        }
        refresh(code);
    }

    /** A 督办单 was issued for an overdue step. */
    public void noticeIssued(String code, String camundaTaskId, String stageName, String noticeNo, LocalDate due) {
        String unitId = jdbc.sql("select unit_id from ledger_open_step where camunda_task_id = ?").param(camundaTaskId)
                .query(String.class).optional().orElse(null);
        int late = calendar.workingDaysBetween(due, today());
        event(Event.of(code, "NOTICE").activity(null, stageName).unit(unitId).task(camundaTaskId).due(due, late)
                .notice(noticeNo));
        jdbc.sql("update ledger_entry set notices_total = notices_total + 1 where task_code = ?").param(code).update();
        refresh(code);
    }

    public record Report(String quarter, String status, String progress) {
    }

    /**
     * Recomputes the task's earliest-due step and its light from the open steps, as of today: once per task and
     * transaction, just before it commits (creating a task opens its first step and changes its stage in one
     * transaction: one recomputation, not three); at once outside a transaction.
     */
    public void refresh(String code) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            refresh(code, today());
            return;
        }
        PendingRefreshes pending = (PendingRefreshes) TransactionSynchronizationManager.getResource(this);
        if (pending == null) {
            pending = new PendingRefreshes();
            TransactionSynchronizationManager.bindResource(this, pending);
            TransactionSynchronizationManager.registerSynchronization(pending);
        }
        pending.codes.add(code);
    }

    /** The tasks a transaction changed, recomputed before it commits. */
    private final class PendingRefreshes implements TransactionSynchronization {
        private final Set<String> codes = new LinkedHashSet<>();

        @Override
        public void beforeCommit(boolean readOnly) {
            LocalDate today = today();
            codes.forEach(code -> refresh(code, today));
        }

        @Override
        public void afterCompletion(int status) {
            TransactionSynchronizationManager.unbindResourceIfPossible(LedgerRecorder.this);
        }
    }

    void refresh(String code, LocalDate today) {
        record Entry(long taskId, String stage, Integer reportLate, boolean reportReturned, String reportStatus,
                String light, int year, String category, LocalDate deadline, String title) {
        }
        Optional<Entry> found = jdbc.sql("""
                select t.id, t.stage, e.report_late_days, e.report_returned, e.report_status, e.light, t.plan_year,
                       t.category, t.deadline, t.title
                from ledger_entry e join reform_task t on t.id = e.task_id where e.task_code = ?""").param(code)
                .query((rs, row) -> new Entry(rs.getLong(1), rs.getString(2), (Integer) rs.getObject(3),
                        rs.getBoolean(4), rs.getString(5), rs.getString(6), rs.getInt(7), rs.getString(8),
                        rs.getObject(9, LocalDate.class), rs.getString(10)))
                .optional();
        if (found.isEmpty()) {
            return;
        }
        Entry entry = found.get();
        record Step(String taskId, String activity, String stageName, String assignee, String unit, LocalDate due) {
        }
        List<Step> steps = jdbc.sql("""
                select camunda_task_id, activity_id, stage_name, assignee, unit_id, due_date from ledger_open_step
                where task_code = ? order by due_date, opened_at""").param(code)
                .query((rs, row) -> new Step(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDate.class)))
                .list();
        Step first = steps.isEmpty() ? null : steps.get(0);
        int overdueDays = 0;
        Integer daysToDue = null;
        Step overdueStep = null;
        for (Step step : steps) {
            if (step.due() == null) {
                continue;
            }
            if (step.due().isBefore(today)) {
                int days = Math.max(1, calendar.workingDaysBetween(step.due(), today));
                if (days > overdueDays) {
                    overdueDays = days;
                    overdueStep = step;
                }
            } else if (daysToDue == null) {
                daysToDue = calendar.workingDaysBetween(today, step.due());
            }
        }
        List<String> openNotices = jdbc.sql("""
                select r.notice_no from reminder r join ledger_open_step s on s.camunda_task_id = r.camunda_task_id
                where s.task_code = ? and r.notice_no is not null order by r.created_at""").param(code)
                .query(String.class).list();
        boolean reportLate = entry.reportLate() != null && entry.reportLate() > 0;
        LedgerLights.Light light = lights.evaluate(new LedgerLights.Facts(entry.stage(), overdueDays,
                openNotices.size(), daysToDue, reportLate, entry.reportReturned(), "behind".equals(entry.reportStatus())));
        String reason = switch (light.cause() == null ? "none" : light.cause()) {
            case "overdue" -> overdueStep == null ? light.reason()
                    : light.reason() + "：" + overdueStep.stageName() + "逾期" + overdueDays + "个工作日（" + overdueStep.due()
                            + "到期）";
            case "notice" -> light.reason() + "：" + String.join("、", openNotices);
            case "dueSoon" -> first == null || first.due() == null ? light.reason()
                    : light.reason() + "：" + first.stageName() + (daysToDue != null && daysToDue == 0 ? "今日到期"
                            : daysToDue + "个工作日后到期（" + first.due() + "）");
            case "reportLate" -> light.reason() + "：最近一次季度报送迟报" + entry.reportLate() + "个工作日";
            default -> light.reason();
        };
        OffsetDateTime now = now().atZone(CHINA).toOffsetDateTime();
        String stepName = first == null ? null : first.stageName();
        StringBuilder search = new StringBuilder(code).append('\n').append(entry.title()).append('\n')
                .append(entry.category() == null ? "" : entry.category());
        String[] leadUnit = new String[1];
        Set<List<String>> parties = new HashSet<>();
        List<KeptParty> kept = new ArrayList<>();
        // the task's parties in their order, then what ledger_party keeps of them (keepParties): one round trip
        jdbc.sql("""
                select 0, role, party_id, position, cast(null as integer), cast(null as varchar(16))
                from reform_task_party where task_id = ?
                union all
                select 1, role, party_id, 0, plan_year, light from ledger_party where task_id = ?
                order by 1, 2, 4""")
                .params(entry.taskId(), entry.taskId()).query(rs -> {
                    String role = rs.getString(2);
                    String party = rs.getString(3);
                    if (rs.getInt(1) == 1) {
                        kept.add(new KeptParty(role, party, (Integer) rs.getObject(5), rs.getString(6)));
                        return;
                    }
                    if (leadUnit[0] == null && "LEAD_UNIT".equals(role)) {
                        leadUnit[0] = party;
                    }
                    parties.add(List.of(role, party));
                    search.append('\n').append("LEADER".equals(role) ? directory.personName(party)
                            : directory.unitName(party));
                });
        // written only when something differs: the daily recomputation meets every open entry, most of them unchanged
        // (a green task far from its due date), and rewriting each one left a dead row version per entry and night
        Map<String, Object> values = new HashMap<>();
        values.put("plan_year", entry.year());
        values.put("category", entry.category());
        values.put("stage", entry.stage());
        values.put("deadline", entry.deadline());
        values.put("lead_unit", leadUnit[0]);
        values.put("search_text", truncate(search.toString().toLowerCase(java.util.Locale.ROOT), 4000));
        values.put("step_name", stepName);
        values.put("step_task_id", first == null ? null : first.taskId());
        values.put("step_assignee", first == null ? null : first.assignee());
        values.put("step_unit", first == null ? null : first.unit());
        values.put("step_due", first == null ? null : first.due());
        values.put("open_steps", steps.size());
        values.put("light_reason", truncate(reason, 400));
        jdbc.sql(UPDATE_ENTRY).params(values).param("updated_at", now).param("code", code)
                .update();
        // conditional on the light read: two nodes recomputing at once record one change
        String entryLight = light.light();
        if (!light.light().equals(entry.light())) {
            if (jdbc.sql("""
                    update ledger_entry set light = ?, light_rank = ?, light_changed_at = ?
                    where task_code = ? and light = ?""")
                    .params(light.light(), lightRank(light.light()), now, code, entry.light()).update() == 1) {
                event(Event.of(code, "LIGHT").outcome(light.light()).detail(truncate(reason, 400)));
            } else {
                entryLight = null; // another transaction changed it first: read it
            }
        }
        keepParties(entry.taskId(), parties, kept, entry.year(), entryLight);
    }

    /**
     * Brings ledger_party (V16: the entry's parties with its year and light, for a unit's light counts) in line with
     * the task's parties and the entry as this transaction leaves it: nothing when it is, the year and light when
     * only they differ, the rows again when the parties changed (a new task, an edited one). {@code kept}: its rows as
     * read with the task's parties; comparing them keeps the writes to the refreshes that change something, and mends
     * a row that went astray at the next refresh.
     */
    private record KeptParty(String role, String party, Integer year, String light) {
    }

    private void keepParties(long taskId, Set<List<String>> parties, List<KeptParty> kept, int year,
            String entryLight) {
        if (!kept.stream().map(k -> List.of(k.role(), k.party())).collect(Collectors.toSet()).equals(parties)) {
            if (!kept.isEmpty()) { // none yet: a new task
                jdbc.sql("delete from ledger_party where task_id = ?").param(taskId).update();
            }
            jdbc.sql("""
                    insert into ledger_party (task_id, role, party_id, plan_year, light)
                    select distinct p.task_id, p.role, p.party_id, e.plan_year, e.light
                    from reform_task_party p join ledger_entry e on e.task_id = p.task_id where p.task_id = ?""")
                    .param(taskId).update();
            return;
        }
        String light = entryLight != null ? entryLight : jdbc.sql("select light from ledger_entry where task_id = ?")
                .param(taskId).query(String.class).single();
        if (kept.stream().anyMatch(k -> !Objects.equals(k.year(), year) || !k.light().equals(light))) {
            jdbc.sql("update ledger_party set plan_year = ?, light = ? where task_id = ?").params(year, light, taskId)
                    .update();
        }
    }

    /**
     * The light's place in the ledger's default order, kept beside it in ledger_entry.light_rank (V15: its check
     * holds the same mapping, its index the order): red, yellow, green, unassigned, then closed and any other.
     */
    public static int lightRank(String light) {
        return switch (light) {
            case "RED" -> 0;
            case "YELLOW" -> 1;
            case "GREEN" -> 2;
            case "UNASSIGNED" -> 3;
            default -> 4;
        };
    }

    /** Recomputes every open task's light as of today (time passes: due dates approach and pass). */
    public int refreshAll() {
        lights.reload();
        List<String> codes = jdbc.sql("""
                select task_code from ledger_entry where light <> 'CLOSED' or search_text is null order by task_code""")
                .query(String.class).list();
        LocalDate today = today();
        codes.forEach(code -> refresh(code, today));
        return codes.size();
    }

    private static final java.util.regex.Pattern QUARTER = java.util.regex.Pattern.compile("(\\d{4})年第([1-4])季度");

    /** 1-4 for a quarter label of the task's plan year ("2026年第3季度"), 0 otherwise. */
    private int quarterOfPlanYear(String code, String label) {
        java.util.regex.Matcher m = label == null ? null : QUARTER.matcher(label);
        if (m == null || !m.matches()) {
            return 0;
        }
        Integer year = jdbc.sql("select plan_year from reform_task where code = ?").param(code).query(Integer.class)
                .optional().orElse(null);
        return year != null && year == Integer.parseInt(m.group(1)) ? Integer.parseInt(m.group(2)) : 0;
    }

    private String primaryLeadUnit(String code) {
        return jdbc.sql("""
                select p.party_id from reform_task_party p join reform_task t on t.id = p.task_id
                where t.code = ? and p.role = 'LEAD_UNIT' and p.position = 0""").param(code).query(String.class)
                .optional().orElse(null);
    }

    private static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 120 ? flat : flat.substring(0, 119) + "…";
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private void event(Event e) {
        Instant at = now();
        jdbc.sql("""
                insert into ledger_event (task_code, plan_year, event_type, occurred_at, occurred_on, unit_id, activity_id,
                                          stage_name, camunda_task_id, quarter_label, due_date, late_days, outcome,
                                          notice_no, detail, first_report)
                values (?, (select plan_year from reform_task where code = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(e.code, e.code, e.type, at.atZone(CHINA).toOffsetDateTime(), at.atZone(CHINA).toLocalDate(), e.unit,
                        e.activity, e.stageName, e.camundaTaskId, e.quarter, e.due, e.lateDays, e.outcome, e.noticeNo,
                        e.detail, e.firstReport)
                .update();
    }

    /** An event row being built (fields as in ledger_event). */
    private static final class Event {
        final String code;
        final String type;
        String unit;
        String activity;
        String stageName;
        String camundaTaskId;
        String quarter;
        LocalDate due;
        Integer lateDays;
        String outcome;
        String noticeNo;
        String detail;
        boolean firstReport;

        private Event(String code, String type) {
            this.code = code;
            this.type = type;
        }

        static Event of(String code, String type) {
            return new Event(code, type);
        }

        Event unit(String unitId) {
            this.unit = unitId;
            return this;
        }

        Event activity(String activityId, String stage) {
            this.activity = activityId;
            this.stageName = stage;
            return this;
        }

        Event task(String taskId) {
            this.camundaTaskId = taskId;
            return this;
        }

        Event quarter(String label) {
            this.quarter = label;
            return this;
        }

        Event due(LocalDate dueDate, int late) {
            this.due = dueDate;
            this.lateDays = late;
            return this;
        }

        Event outcome(String value) {
            this.outcome = value;
            return this;
        }

        Event notice(String no) {
            this.noticeNo = no;
            return this;
        }

        Event firstReport(boolean first) {
            this.firstReport = first;
            return this;
        }

        Event detail(String text) {
            this.detail = text;
            return this;
        }
    }
}
