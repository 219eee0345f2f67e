package cn.reformoffice.platform.lifecycle;

import java.time.LocalDate;
import java.time.ZoneId;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

import cn.reformoffice.platform.ReformPlatformApplication;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;

/**
 * The quarterly report cycle (季度报送) during implementation: the timer schedule, the label of
 * the quarter a report covers, and firing the timer now (for the office, and for demos).
 */
@Component("quarterlyReports")
public class QuarterlyReports {

    static final String TIMER_ACTIVITY = "StartEvent_QuarterEnded";

    private final String cycle;
    private final ReformTaskService tasks;
    private final ManagementService managementService;

    QuarterlyReports(@Value("${reform.quarterly-report.cycle}") String cycle, ReformTaskService tasks,
            ManagementService managementService) {
        this.cycle = cycle;
        this.tasks = tasks;
        this.managementService = managementService;
    }

    /** The timer cycle (cron-utils syntax, no year field), China time; default: 09:00 on each quarter's last day. */
    public String cycle() {
        return cycle;
    }

    /** Each report instance keeps its own quarter and decision, so an unreconciled report is not overwritten. */
    public void open(DelegateExecution execution) {
        LocalDate today = ClockUtil.getCurrentTime().toInstant()
                .atZone(ZoneId.of(ReformPlatformApplication.CHINA_ZONE)).toLocalDate();
        execution.setVariableLocal("reportQuarter", quarterLabel(today));
        execution.setVariableLocal("reportDecision", null);
    }

    static String quarterLabel(LocalDate date) {
        return date.getYear() + "年第" + ((date.getMonthValue() - 1) / 3 + 1) + "季度";
    }

    /** Fires the quarterly timer of a task in implementation now instead of at the quarter's end. */
    public void fireNow(String taskCode) {
        ReformTask task = tasks.get(taskCode);
        Job timer = task.processInstanceId() == null ? null : managementService.createJobQuery()
                .processInstanceId(task.processInstanceId()).activityId(TIMER_ACTIVITY).timers().singleResult();
        if (timer == null || task.stage() != Stage.IMPLEMENTATION) {
            throw new ResponseStatusException(HttpStatus.CONFLICT, "改革任务“" + taskCode + "”当前处于“"
                    + task.stage().label() + "”阶段，只有实施阶段的任务可以发起季度报送。");
        }
        managementService.executeJob(timer.getId());
    }
}
