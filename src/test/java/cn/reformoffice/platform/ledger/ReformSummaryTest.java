package cn.reformoffice.platform.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * 半年一小结: quarterly reports of three tasks (on time, late, missing), one task still drafting and one
 * awaiting assignment (需等待上级部署) give the office's half-year task its figures, at 10:00 China time on
 * 30 June, as of that day from the ledger's events: what happens later does not change them. The task's
 * form links to the Word document of the same day.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:summarytest;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false" })
@DirtiesContext
class ReformSummaryTest {

    @Autowired ReformTaskService reformTasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired FormService formService;
    @Autowired PeriodSummaries summaries;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void halfYearSummaryCountsTasksAndQuarterlyReportsFromData() {
        ClockUtil.setCurrentTime(china(2026, 3, 2, 10));
        List<ReformTask> implementing = List.of(implementing("SUM-1"), implementing("SUM-2"), implementing("SUM-3"));
        reformTasks.createAndStart(new NewReformTask("SUM-4", 2026, "测试", "方案制定中的任务", null, null, List.of(),
                List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        reformTasks.createAwaitingAssignment(new NewReformTask("SUM-5", 2026, "测试", "待分配任务", null, null,
                List.of(), List.of(), List.of(), LocalDate.of(2026, 12, 31)), "office1");

        // Q1 reports at 2026-03-31 09:00, due 5 working days later (Qingming 04-04..06 off): 2026-04-08
        ClockUtil.setCurrentTime(china(2026, 3, 31, 9));
        implementing.forEach(task -> managementService.executeJob(quarterTimer(task).getId()));
        assertThat(report(implementing.get(0)).getDueDate()).isEqualTo(china(2026, 4, 8, 18));
        ClockUtil.setCurrentTime(china(2026, 4, 7, 11));
        submit(report(implementing.get(0)));
        ClockUtil.setCurrentTime(china(2026, 4, 10, 11));
        submit(report(implementing.get(1)));

        ClockUtil.setCurrentTime(china(2026, 6, 30, 10));
        Job halfYear = managementService.createJobQuery().processDefinitionKey("reform-summary").timers()
                .singleResult();
        // (its due date follows the real date of deployment; the next one follows the engine clock)
        // the Q2 timers are due at 09:00 the same day, but not executed here: Q2 reports are not counted
        managementService.executeJob(halfYear.getId());

        Task summary = taskService.createTaskQuery().processDefinitionKey("reform-summary").singleResult();
        assertThat(summary.getName()).isEqualTo("2026年半年小结");
        assertThat(taskService.createTaskQuery().taskId(summary.getId()).taskCandidateGroup("office").count())
                .isEqualTo(1);
        Map<String, Object> figures = runtimeService.getVariables(summary.getProcessInstanceId());
        assertThat(figures).containsEntry("tasksTotal", 5L).containsEntry("tasksInProgress", 4L)
                .containsEntry("tasksPlanning", 1L).containsEntry("tasksImplementing", 3L)
                .containsEntry("tasksAwaitingDeployment", 1L).containsEntry("tasksCompleted", 0L)
                .containsEntry("reportsOnTime", 1L).containsEntry("reportsLate", 1L)
                .containsEntry("reportsMissing", 1L).containsEntry("reportsPending", 0L);
        assertThat((String) figures.get("summaryText")).contains("全年改革任务 **5** 项", "已完成（已销号） **0** 项（0%）",
                "推进中 **4** 项（方案制定、审定阶段 1 项，实施及销号审核阶段 3 项）", "需等待上级部署（待分配牵头单位） **1** 项",
                "按时 **1** 份", "逾期报送 **1** 份", "逾期未报 **1** 份", "按时报送率 33.3%");
        // the form links to the Word document of the same day (computed when the form is opened)
        assertThat((String) formService.getTaskFormVariables(summary.getId()).getValue("ctxDocuments", String.class))
                .contains("(/api/ledger/summary.docx?asOf=2026-06-30)", "下载2026年半年小结");
        assertThat(managementService.createJobQuery().processDefinitionKey("reform-summary").timers().singleResult()
                .getDuedate()).isEqualTo(china(2026, 12, 31, 10));

        // later: the missing report comes in, a plan is submitted, the 待分配 task is assigned; the figures as of
        // 30 June stay those of 30 June, while those as of today have moved on
        ClockUtil.setCurrentTime(china(2026, 7, 10, 11));
        submit(report(implementing.get(2)));
        complete(reformTasks.get("SUM-4"), "Task_DraftPlan", Map.of("planMeasures", "措施", "planMilestones", "节点",
                "planResults", "成果"));
        reformTasks.assignAndStart("SUM-5", List.of("wjw"), List.of(), "office1");
        PeriodSummary june = summaries.summarize(LocalDate.of(2026, 6, 30));
        assertThat(june).extracting(PeriodSummary::tasks, PeriodSummary::inProgress, PeriodSummary::planning,
                PeriodSummary::awaitingDeployment, PeriodSummary::reportsOnTime, PeriodSummary::reportsLate,
                PeriodSummary::reportsMissing).containsExactly(5L, 4L, 1L, 1L, 1L, 1L, 1L);
        assertThat(june.markdown()).isEqualTo(figures.get("summaryText"));
        PeriodSummary july = summaries.summarize(LocalDate.of(2026, 7, 10));
        assertThat(july).extracting(PeriodSummary::period, PeriodSummary::inProgress, PeriodSummary::awaitingDeployment,
                PeriodSummary::reportsLate, PeriodSummary::reportsMissing).containsExactly("年终总账", 5L, 0L, 2L, 0L);
    }

    private ReformTask implementing(String code) {
        ReformTask task = reformTasks.createAndStart(new NewReformTask(code, 2026, "测试", "任务" + code, null, null,
                List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        complete(task, "Task_DraftPlan", Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));
        complete(task, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));
        return task;
    }

    private Job quarterTimer(ReformTask task) {
        return managementService.createJobQuery().processInstanceId(task.processInstanceId())
                .activityId("StartEvent_QuarterEnded").timers().singleResult();
    }

    private Task report(ReformTask task) {
        return taskService.createTaskQuery().processInstanceId(task.processInstanceId())
                .taskDefinitionKey("Task_SubmitQuarterlyReport").singleResult();
    }

    private void submit(Task report) {
        taskService.complete(report.getId(), Map.of("reportProgress", "进展", "reportStatus", "on-track",
                "reportNextSteps", "计划"));
    }

    private void complete(ReformTask task, String activity, Map<String, Object> variables) {
        Task userTask = taskService.createTaskQuery().processInstanceId(task.processInstanceId())
                .taskDefinitionKey(activity).singleResult();
        taskService.complete(userTask.getId(), variables);
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
