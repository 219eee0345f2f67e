package cn.reformoffice.platform.ledger;

import java.time.ZoneId;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.ReformPlatformApplication;

/**
 * 汇总数据: puts the period's figures as of today (the day the timer fires: 30 June, 31 December) into the
 * process for the office's summary task; its form links to the Word document of the same day
 * ({@link SummaryDocument#link}), whose figures are computed the same way.
 */
@Component("computeSummaryDelegate")
class ComputeSummaryDelegate implements JavaDelegate {

    private final PeriodSummaries summaries;

    ComputeSummaryDelegate(PeriodSummaries summaries) {
        this.summaries = summaries;
    }

    @Override
    public void execute(DelegateExecution execution) {
        PeriodSummary summary = summaries.summarize(ClockUtil.getCurrentTime().toInstant()
                .atZone(ZoneId.of(ReformPlatformApplication.CHINA_ZONE)).toLocalDate());
        execution.setVariable("summaryTitle", summary.year() + "年" + summary.period());
        execution.setVariable("summaryText", summary.markdown());
        execution.setVariable("tasksTotal", summary.tasks());
        execution.setVariable("tasksCompleted", summary.completed());
        execution.setVariable("tasksInProgress", summary.inProgress());
        execution.setVariable("tasksPlanning", summary.planning());
        execution.setVariable("tasksImplementing", summary.implementing());
        execution.setVariable("tasksAwaitingDeployment", summary.awaitingDeployment());
        execution.setVariable("reportsOnTime", summary.reportsOnTime());
        execution.setVariable("reportsLate", summary.reportsLate());
        execution.setVariable("reportsMissing", summary.reportsMissing());
        execution.setVariable("reportsPending", summary.reportsPending());
        execution.setVariable("noticesIssued", summary.notices());
    }
}
