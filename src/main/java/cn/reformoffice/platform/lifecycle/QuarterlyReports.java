package cn.reformoffice.platform.lifecycle;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;

/**
 * The quarterly report cycle (季度报送) during implementation: the timer schedule, the label of
 * the quarter a report covers, and firing the timer now (for the office, and for demos).
 * <p>One report per reform task and quarter: every report started (by the timer or by the office) is
 * registered in {@code quarterly_report_request}, whose unique index refuses a second one for the same
 * quarter, also when two nodes fire at the same moment. After the office asked for this quarter's report
 * early, the timer's next run (which a cron cycle computes from now, i.e. this quarter's end again) is moved
 * to the next quarter's end, so the quarter is not asked for twice.
 */
@Component("quarterlyReports")
public class QuarterlyReports {

    static final String TIMER_ACTIVITY = "StartEvent_QuarterEnded";

    private final String cycle;
    private final ReformTaskService tasks;
    private final ManagementService managementService;
    private final JdbcClient jdbc;

    QuarterlyReports(@Value("${reform.quarterly-report.cycle}") String cycle, ReformTaskService tasks,
            ManagementService managementService, JdbcClient jdbc) {
        this.cycle = cycle;
        this.tasks = tasks;
        this.managementService = managementService;
        this.jdbc = jdbc;
    }

    /** The timer cycle (cron-utils syntax, no year field), China time; default: 09:00 on each quarter's last day. */
    public String cycle() {
        return cycle;
    }

    /** Each report instance keeps its own quarter and decision, so an unreconciled report is not overwritten. */
    public void open(DelegateExecution execution) {
        String quarter = quarterLabel(today());
        execution.setVariableLocal("reportQuarter", quarter);
        execution.setVariableLocal("reportDecision", null);
        String code = execution.getProcessBusinessKey();
        if (code != null && !isRequested(code, quarter)) {
            // the timer's own run (the office's request registered the quarter already)
            register(code, quarter, null);
        }
    }

    /** The label of the quarter of {@code date} as reports and the ledger's events carry it: 2026年第3季度. */
    public static String quarterLabel(LocalDate date) {
        return date.getYear() + "年第" + ((date.getMonthValue() - 1) / 3 + 1) + "季度";
    }

    private static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(ZoneId.of(ReformPlatformApplication.CHINA_ZONE))
                .toLocalDate();
    }

    /** The quarter a report started now would cover. */
    public String currentQuarter() {
        return quarterLabel(today());
    }

    /** Whether the report of the task for the quarter has been started (by the office or the timer). */
    public boolean isRequested(String taskCode, String quarter) {
        return jdbc.sql("select count(*) from quarterly_report_request where task_code = ? and quarter_label = ?")
                .params(taskCode, quarter).query(Long.class).single() > 0;
    }

    /** Whether the office may ask for the task's report now: in implementation, with its quarterly timer. */
    public boolean canFire(ReformTask task) {
        return timerOf(task).isPresent() && task.stage() == Stage.IMPLEMENTATION;
    }

    private Optional<Job> timerOf(ReformTask task) {
        return task.processInstanceId() == null ? Optional.empty() : Optional.ofNullable(managementService
                .createJobQuery().processInstanceId(task.processInstanceId()).activityId(TIMER_ACTIVITY).timers()
                .singleResult());
    }

    private void register(String taskCode, String quarter, String actorId) {
        jdbc.sql("""
                insert into quarterly_report_request (task_code, quarter_label, requested_by, created_at)
                values (?, ?, ?, ?)""").params(taskCode, quarter, actorId, OffsetDateTime.now()).update();
    }

    /**
     * Fires the quarterly timer of a task in implementation now instead of at the quarter's end: 409 outside
     * implementation and when this quarter's report has been started already. Returns the quarter.
     */
    @Transactional
    public String fireNow(String taskCode, String actorId) {
        ReformTask task = tasks.get(taskCode);
        Job timer = timerOf(task).orElse(null);
        if (timer == null || task.stage() != Stage.IMPLEMENTATION) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "改革任务“" + taskCode + "”当前处于“"
                    + task.stage().label() + "”阶段，只有实施阶段的任务可以发起季度报送。");
        }
        String quarter = currentQuarter();
        if (isRequested(taskCode, quarter)) {
            throw alreadyRequested(taskCode, quarter);
        }
        try {
            // before the job runs: a second request for the quarter (another node) waits here and is refused
            register(taskCode, quarter, actorId);
            managementService.executeJob(timer.getId());
        } catch (DuplicateKeyException | OptimisticLockingException e) {
            throw alreadyRequested(taskCode, quarter);
        }
        postponeNextTimer(task, quarter);
        return quarter;
    }

    /** The cycle's next run after an early report would ask for the same quarter again: move it a quarter on. */
    private void postponeNextTimer(ReformTask task, String quarter) {
        timerOf(task).ifPresent(next -> {
            Date due = next.getDuedate();
            if (due != null && quarter.equals(quarterLabel(due.toInstant()
                    .atZone(ZoneId.of(ReformPlatformApplication.CHINA_ZONE)).toLocalDate()))) {
                Date after = new CycleBusinessCalendar().resolveDuedate(cycle, new Date(due.getTime() + 1000));
                managementService.setJobDuedate(next.getId(), after);
            }
        });
    }

    private static ResponseStatusException alreadyRequested(String taskCode, String quarter) {
        return new ResponseStatusException(HttpStatus.CONFLICT, "改革任务“" + taskCode + "”的" + quarter
                + "报送已经发起，同一季度不能重复发起。请在任务办理中查看该季度报送的办理情况。");
    }
}
