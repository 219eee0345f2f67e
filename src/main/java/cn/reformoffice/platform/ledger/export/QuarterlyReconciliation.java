package cn.reformoffice.platform.ledger.export;

import java.text.Collator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.TaskRecord;

/**
 * 一季一对账: which tasks were asked for a quarter's report, and whether each was submitted on time, late, not
 * at all, is not yet due, or was returned for more detail, as of a day. Everything is read from the ledger's
 * append-only events ({@code ledger_event}) that occurred on or before that day, and from the submitted
 * reports' own records, none of which change later: the figures of a day computed again next year are the
 * same.
 * <ul>
 * <li>a task was asked for the quarter when a 季度报送 step was opened with the quarter's label (STEP_OPEN);
 * the unit asked is the step's unit, its due date the step's, moved by an approved extension (DUE_MOVED);
 * <li>按时 / 迟报（N个工作日）: the first submission (REPORT) of the quarter and its working days late;
 * <li>未报: not submitted and the due date has passed; 待报: not submitted, not yet due;
 * <li>退回补充: the office returned the quarter's report (RETURNED) and the unit has not submitted again.
 * </ul>
 * A returned report counts as 按时 or 迟报 by its first submission in the totals, and in 退回.
 */
@Component
class QuarterlyReconciliation {

    static final String REPORT_STEP = "Task_SubmitQuarterlyReport";
    static final String RECONCILE_STEP = "Task_ReconcileReport";

    enum Punctuality {
        ON_TIME("按时"), LATE("迟报"), MISSING("未报"), PENDING("待报");

        final String label;

        Punctuality(String label) {
            this.label = label;
        }
    }

    /** One task's report of the quarter. {@code excerpt}: of the latest submission. */
    record Line(String code, String title, String unitId, String unitName, LocalDate requestedOn, LocalDate due,
            LocalDate reportedOn, int lateDays, Punctuality punctuality, int returns, boolean awaitingResubmission,
            String selfAssessment, String excerpt) {

        String status() {
            if (awaitingResubmission) {
                return "退回补充";
            }
            return punctuality == Punctuality.LATE ? "迟报（" + lateDays + "个工作日）" : punctuality.label;
        }
    }

    /** A unit's figures (or all units'): 应报 = 按时 + 迟报 + 未报 + 待报; 退回 counts reports returned at least once. */
    record Totals(String unitId, String unitName, int asked, int onTime, int late, int missing, int pending,
            int returned) {

        /** 按时 over the reports that are due or in (待报 left out); null when there are none. */
        Double onTimeRate() {
            int decided = onTime + late + missing;
            return decided == 0 ? null : (double) onTime / decided;
        }

        Totals plus(Line line) {
            return new Totals(unitId, unitName, asked + 1, onTime + is(line, Punctuality.ON_TIME),
                    late + is(line, Punctuality.LATE), missing + is(line, Punctuality.MISSING),
                    pending + is(line, Punctuality.PENDING), returned + (line.returns() > 0 ? 1 : 0));
        }

        private static int is(Line line, Punctuality punctuality) {
            return line.punctuality() == punctuality ? 1 : 0;
        }
    }

    record Result(Quarter quarter, LocalDate asOf, List<Line> lines, List<Totals> units, Totals total) {
    }

    private final JdbcClient jdbc;
    private final OrganizationDirectory directory;
    private final ObjectMapper json;

    QuarterlyReconciliation(JdbcClient jdbc, OrganizationDirectory directory, ObjectMapper json) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.json = json;
    }

    private record Event(long id, String code, String type, LocalDate on, String unit, String camundaTaskId,
            String quarter, LocalDate due, Integer lateDays, String outcome) {
    }

    /** What is being accumulated for a task while its events are read in order. */
    private static final class Acc {
        final String code;
        final String unit;
        final LocalDate requestedOn;
        final String firstStep;
        LocalDate due;
        LocalDate reportedOn;
        int lateDays;
        int returns;
        boolean awaiting;
        String selfAssessment;
        String lastReportStep;

        Acc(Event open) {
            code = open.code();
            unit = open.unit();
            requestedOn = open.on();
            firstStep = open.camundaTaskId();
            due = open.due();
        }
    }

    Result compute(Quarter quarter, LocalDate asOf) {
        String label = quarter.label();
        List<Event> events = jdbc.sql("""
                select e.id, e.task_code, e.event_type, e.occurred_on, e.unit_id, e.camunda_task_id, e.quarter_label,
                       e.due_date, e.late_days, e.outcome
                from ledger_event e
                where e.occurred_on <= :asOf
                  and e.task_code in (select s.task_code from ledger_event s
                                      where s.event_type = 'STEP_OPEN' and s.quarter_label = :quarter
                                        and s.occurred_on <= :asOf)
                  and (e.event_type = 'REPORT'
                       or (e.event_type = 'STEP_OPEN' and e.quarter_label = :quarter)
                       or (e.event_type = 'RETURNED' and e.activity_id = :reconcile)
                       or (e.event_type = 'DUE_MOVED' and e.camunda_task_id in (
                               select s.camunda_task_id from ledger_event s
                               where s.event_type = 'STEP_OPEN' and s.quarter_label = :quarter)))
                order by e.id""")
                .param("asOf", asOf).param("quarter", label).param("reconcile", RECONCILE_STEP)
                .query((rs, n) -> new Event(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, LocalDate.class), rs.getString(5), rs.getString(6), rs.getString(7),
                        rs.getObject(8, LocalDate.class), (Integer) rs.getObject(9), rs.getString(10)))
                .list();

        Map<String, Acc> tasks = new LinkedHashMap<>();
        Map<String, String> lastReportQuarter = new HashMap<>();
        for (Event e : events) {
            Acc acc = tasks.get(e.code());
            switch (e.type()) {
                case "STEP_OPEN" -> {
                    if (acc == null) {
                        tasks.put(e.code(), new Acc(e));
                    }
                }
                case "DUE_MOVED" -> {
                    if (acc != null && acc.reportedOn == null && e.camundaTaskId() != null
                            && e.camundaTaskId().equals(acc.firstStep) && e.due() != null) {
                        acc.due = e.due();
                    }
                }
                case "REPORT" -> {
                    lastReportQuarter.put(e.code(), e.quarter());
                    if (acc != null && label.equals(e.quarter())) {
                        if (acc.reportedOn == null) {
                            acc.reportedOn = e.on();
                            acc.lateDays = e.lateDays() == null ? 0 : Math.max(0, e.lateDays());
                            if (e.due() != null) {
                                acc.due = e.due();
                            }
                        }
                        acc.awaiting = false;
                        acc.selfAssessment = e.outcome();
                        acc.lastReportStep = e.camundaTaskId();
                    }
                }
                case "RETURNED" -> {
                    // returns recorded before they carried the quarter: the task's latest report's quarter
                    String returnedQuarter = e.quarter() != null ? e.quarter() : lastReportQuarter.get(e.code());
                    if (acc != null && label.equals(returnedQuarter) && acc.reportedOn != null) {
                        acc.returns++;
                        acc.awaiting = true;
                    }
                }
                default -> { }
            }
        }

        Map<String, String> titles = new HashMap<>();
        Map<String, String> excerpts = new HashMap<>();
        if (!tasks.isEmpty()) {
            jdbc.sql("""
                    select t.code, t.title from reform_task t
                    where t.code in (select s.task_code from ledger_event s
                                     where s.event_type = 'STEP_OPEN' and s.quarter_label = :quarter)""")
                    .param("quarter", label).query((rs, n) -> titles.put(rs.getString(1), rs.getString(2))).list();
            jdbc.sql("""
                    select r.camunda_task_id, r.fields_json from reform_task_record r
                    where r.activity_id = :step
                      and r.camunda_task_id in (select s.camunda_task_id from ledger_event s
                                                where s.event_type = 'REPORT' and s.quarter_label = :quarter
                                                  and s.occurred_on <= :asOf)""")
                    .param("step", REPORT_STEP).param("quarter", label).param("asOf", asOf)
                    .query((rs, n) -> excerpts.put(rs.getString(1), excerpt(progressOf(rs.getString(2))))).list();
        }

        List<Line> lines = new ArrayList<>();
        for (Acc acc : tasks.values()) {
            Punctuality punctuality = acc.reportedOn != null ? (acc.lateDays > 0 ? Punctuality.LATE : Punctuality.ON_TIME)
                    : acc.due != null && acc.due.isBefore(asOf) ? Punctuality.MISSING : Punctuality.PENDING;
            lines.add(new Line(acc.code, titles.get(acc.code), acc.unit, acc.unit == null ? null : directory.unitName(acc.unit),
                    acc.requestedOn, acc.due, acc.reportedOn, acc.lateDays, punctuality, acc.returns, acc.awaiting,
                    selfAssessment(acc.selfAssessment), acc.lastReportStep == null ? null : excerpts.get(acc.lastReportStep)));
        }
        lines.sort(Comparator.comparing(Line::code));

        Map<String, Totals> byUnit = new LinkedHashMap<>();
        Totals total = new Totals(null, "合计", 0, 0, 0, 0, 0, 0);
        for (Line line : lines) {
            String unit = line.unitId() == null ? "" : line.unitId();
            byUnit.put(unit, byUnit.getOrDefault(unit, new Totals(line.unitId(),
                    line.unitName() == null ? "（未指定单位）" : line.unitName(), 0, 0, 0, 0, 0, 0)).plus(line));
            total = total.plus(line);
        }
        Collator chinese = Collator.getInstance(Locale.CHINA);
        List<Totals> units = new ArrayList<>(byUnit.values());
        units.sort((a, b) -> chinese.compare(a.unitName(), b.unitName()));
        return new Result(quarter, asOf, lines, units, total);
    }

    private String progressOf(String fieldsJson) {
        try {
            List<TaskRecord.RecordedField> fields = json.readValue(fieldsJson,
                    new TypeReference<List<TaskRecord.RecordedField>>() {
                    });
            return fields.stream().filter(f -> "reportProgress".equals(f.key()) && f.value() != null)
                    .map(f -> f.value().toString()).findFirst().orElse(null);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** As the ledger keeps it: whitespace flattened, at most 120 characters. */
    static String excerpt(String text) {
        if (text == null) {
            return null;
        }
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 120 ? flat : flat.substring(0, 119) + "…";
    }

    private static String selfAssessment(String status) {
        return cn.reformoffice.platform.ledger.LedgerRow.reportStatusLabel(status);
    }
}
