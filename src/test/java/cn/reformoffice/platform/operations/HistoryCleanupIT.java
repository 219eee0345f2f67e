package cn.reformoffice.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.deployment.HistoryTimeToLiveAlignment;
import cn.reformoffice.platform.reminder.ReminderWatches;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * History over the years: the engine's cleanup is configured (removal-time based, at night China time) and the
 * models keep their history as long as the README says; with the engine clock moved ten years on, cleanup removes
 * the history of a reform task closed out ten years ago (instance, steps, variables, comments, evidence files) and
 * the reminders' watches after two years, and nothing of a reform task still running; the platform's own record of
 * both tasks stays.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:opscleanup;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false" })
@DirtiesContext
class HistoryCleanupIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired ProcessEngine engine;
    @Autowired ReformTaskService reformTasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ManagementService managementService;
    @Autowired RepositoryService repositoryService;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void cleanupIsConfiguredForTheNightAndEachProcessKeepsItsHistoryAsLongAsDocumented() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getHistoryCleanupStrategy()).isEqualTo("removalTimeBased");
        assertThat(configuration.getHistoryRemovalTimeStrategy()).isEqualTo("end");
        assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("22:00+0800");
        assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00+0800");
        assertThat(configuration.getHistoryCleanupBatchSize()).isEqualTo(100);
        assertThat(configuration.getHistoryCleanupDegreeOfParallelism()).isEqualTo(1);

        // one cleanup job, due in the night window (China time, whatever the server's zone: tests run in UTC)
        List<Job> cleanupJobs = historyService.findHistoryCleanupJobs();
        assertThat(cleanupJobs).hasSize(1);
        LocalTime due = cleanupJobs.get(0).getDuedate().toInstant().atZone(CHINA).toLocalTime();
        assertThat(!due.isBefore(LocalTime.of(22, 0)) || !due.isAfter(LocalTime.of(5, 0))).as("due %s", due).isTrue();

        assertThat(timeToLive("reform-task")).isEqualTo(3650);
        assertThat(timeToLive("extensionRequest")).isEqualTo(3650);
        assertThat(timeToLive("reform-summary")).isEqualTo(3650);
        assertThat(timeToLive("task-reminders")).isEqualTo(730);
        assertThat(timeToLive("ledger-daily")).isEqualTo(30);
        assertThat(repositoryService.createDecisionDefinitionQuery().decisionDefinitionKey("reminder-rules")
                .latestVersion().singleResult().getHistoryTimeToLive()).isEqualTo(730);
    }

    @Test
    void olderVersionsTakeTheTimeToLiveOfTheLatest() {
        ProcessDefinition first = deploy("P100D");
        ProcessDefinition second = deploy("P400D");
        assertThat(first.getHistoryTimeToLive()).isEqualTo(100);

        HistoryTimeToLiveAlignment.align(repositoryService);
        assertThat(repositoryService.getProcessDefinition(first.getId()).getHistoryTimeToLive()).isEqualTo(400);
        assertThat(repositoryService.getProcessDefinition(second.getId()).getHistoryTimeToLive()).isEqualTo(400);
        HistoryTimeToLiveAlignment.align(repositoryService); // idempotent
        assertThat(repositoryService.getProcessDefinition(first.getId()).getHistoryTimeToLive()).isEqualTo(400);
    }

    @Test
    void cleanupRemovesAClosedTaskTenYearsOnAndNothingOfARunningOne() {
        Date start = china(2026, 2, 9, 10);
        ClockUtil.setCurrentTime(start);
        ReformTask closed = newTask("HC-1");
        ReformTask running = newTask("HC-2");
        String closedId = closed.processInstanceId();
        String runningId = running.processInstanceId();
        evidence(closedId, "方案.pdf");
        evidence(runningId, "进展.pdf");
        // 临期提醒 of both plans on 03-10: each draft step gets its watch (a step done earlier gets none)
        Date reminded = china(2026, 3, 10, 9);
        ReminderWatches watches = new ReminderWatches(runtimeService, managementService);
        for (String instanceId : List.of(closedId, runningId)) {
            watches.fire(taskService.createTaskQuery().processInstanceId(instanceId).singleResult().getId(), reminded);
        }

        // HC-1: plan, office approval, close-out application and approval: closed out on that day
        complete(closedId, "Task_DraftPlan", Map.of("planMeasures", "具体措施", "planMilestones", "3月底前",
                "planResults", "制度文件"));
        complete(closedId, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));
        complete(closedId, "Task_ImplementAndApplyCloseOut", Map.of("completionSummary", "已全面完成",
                "achievementType", "policy", "completionEvidence", "江府办〔2026〕1号"));
        complete(closedId, "Task_ReviewCloseOut", Map.of("closeOutDecision", "approve"));
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(closedId).singleResult()
                .getState()).isEqualTo("COMPLETED");
        // HC-2 stays in 方案制定, with its watch of reminders
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(runningId).count()).isEqualTo(1);

        Snapshot closedBefore = snapshot(closedId);
        Snapshot runningBefore = snapshot(runningId);
        assertThat(closedBefore.tasks()).isEqualTo(4);
        assertThat(closedBefore.variables()).isPositive();
        assertThat(closedBefore.attachments()).isEqualTo(1);
        assertThat(closedBefore.comments()).isPositive();
        assertThat(runningBefore.tasks()).isEqualTo(1);
        assertThat(runningBefore.attachments()).isEqualTo(1);
        assertThat(reminderWatches(closedId)).hasSize(1);
        assertThat(reminderWatches(runningId)).hasSize(1);
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(closedId).singleResult()
                .getRemovalTime()).isEqualTo(Date.from(reminded.toInstant().plus(3650, ChronoUnit.DAYS)));
        assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(runningId).singleResult()
                .getRemovalTime()).isNull();

        // two years and a day on: the finished watches are gone, both tasks' history stays
        ClockUtil.setCurrentTime(Date.from(reminded.toInstant().plus(731, ChronoUnit.DAYS)));
        cleanup();
        assertThat(reminderWatches(closedId)).isEmpty();
        assertThat(reminderWatches(runningId)).hasSize(1); // still watching the open step
        assertThat(snapshot(closedId)).isEqualTo(closedBefore);
        assertThat(snapshot(runningId)).isEqualTo(runningBefore);

        // a day before ten years: still there
        ClockUtil.setCurrentTime(Date.from(reminded.toInstant().plus(3649, ChronoUnit.DAYS)));
        cleanup();
        assertThat(snapshot(closedId)).isEqualTo(closedBefore);

        // ten years and a day, and again eleven years on: HC-1's history is gone, HC-2's all there
        for (int days : new int[] { 3651, 4015 }) {
            ClockUtil.setCurrentTime(Date.from(reminded.toInstant().plus(days, ChronoUnit.DAYS)));
            cleanup();
            assertThat(snapshot(closedId)).isEqualTo(new Snapshot(0, 0, 0, 0, 0, 0));
            assertThat(snapshot(runningId)).isEqualTo(runningBefore);
            assertThat(reminderWatches(runningId)).hasSize(1);
            assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(runningId).count()).isEqualTo(1);
        }
        assertThat(metricRemovedProcessInstances()).isGreaterThanOrEqualTo(2); // HC-1 and its draft step's watch

        // the platform's own record of both tasks stays (README: retention of the product's tables)
        assertThat(reformTasks.get("HC-1").code()).isEqualTo("HC-1");
        assertThat(reformTasks.records("HC-1")).hasSize(4);
        assertThat(reformTasks.get("HC-2").code()).isEqualTo("HC-2");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** What the engine keeps of one reform task's process instance. */
    record Snapshot(long instances, long tasks, long variables, long activities, long attachments, long comments) {
    }

    private Snapshot snapshot(String processInstanceId) {
        return new Snapshot(
                historyService.createHistoricProcessInstanceQuery().processInstanceId(processInstanceId).count(),
                historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId).count(),
                historyService.createHistoricVariableInstanceQuery().processInstanceId(processInstanceId).count(),
                historyService.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId).count(),
                taskService.getProcessInstanceAttachments(processInstanceId).size(),
                taskService.getProcessInstanceComments(processInstanceId).size());
    }

    /** The finished or running task-reminders instances that watched the steps of a reform task. */
    private List<String> reminderWatches(String processInstanceId) {
        List<String> taskIds = historyService.createHistoricTaskInstanceQuery().processInstanceId(processInstanceId)
                .list().stream().map(task -> task.getId()).toList();
        return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("task-reminders").list()
                .stream().filter(watch -> taskIds.contains(watch.getBusinessKey())).map(watch -> watch.getId())
                .toList();
    }

    /** Runs the history cleanup now (as the night's job does), until it has nothing more to remove. */
    private void cleanup() {
        Job job = historyService.cleanUpHistoryAsync(true);
        for (int run = 0; run < 3; run++) {
            managementService.executeJob(job.getId());
        }
    }

    private long metricRemovedProcessInstances() {
        return managementService.createMetricsQuery().name("history-cleanup-removed-process-instances").sum();
    }

    private ReformTask newTask(String code) {
        return reformTasks.createAndStart(new NewReformTask(code, 2026, "测试类别", "历史清理测试" + code, "主要目标",
                "重点举措", List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
    }

    private void evidence(String processInstanceId, String name) {
        Task step = taskService.createTaskQuery().processInstanceId(processInstanceId).singleResult();
        taskService.createAttachment("application/pdf", step.getId(), processInstanceId, name, "佐证材料",
                new ByteArrayInputStream("%PDF-1.4 evidence".getBytes(StandardCharsets.UTF_8)));
        taskService.createComment(step.getId(), processInstanceId, "已上传" + name);
    }

    private void complete(String processInstanceId, String activityId, Map<String, Object> variables) {
        Task step = taskService.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(activityId)
                .singleResult();
        taskService.complete(step.getId(), new HashMap<>(variables));
    }

    private Integer timeToLive(String key) {
        return repositoryService.createProcessDefinitionQuery().processDefinitionKey(key).latestVersion()
                .singleResult().getHistoryTimeToLive();
    }

    private ProcessDefinition deploy(String timeToLive) {
        BpmnModelInstance model = Bpmn.createExecutableProcess("hc-align").camundaHistoryTimeToLiveString(timeToLive)
                .startEvent().endEvent().done();
        String deploymentId = repositoryService.createDeployment().addModelInstance("hc-align.bpmn", model).deploy()
                .getId();
        return repositoryService.createProcessDefinitionQuery().deploymentId(deploymentId).singleResult();
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
