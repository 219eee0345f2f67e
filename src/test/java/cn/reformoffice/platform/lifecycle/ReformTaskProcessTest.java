package cn.reformoffice.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.init;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;
import cn.reformoffice.platform.task.TaskRecord;

/**
 * Every path of processes/reform-task.bpmn, one method each, on the real beans of the application
 * (in-memory H2, job executor off). Timers are fired by moving the engine clock.
 */
@SpringBootTest(properties = {
        "spring.datasource.url=jdbc:h2:mem:processtest;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false" })
class ReformTaskProcessTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired ReformTaskService reformTasks;
    @Autowired Inspections inspections;

    @BeforeEach
    void initAssertions() {
        init(engine);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void happyPathWithTwoLeadersEndsClosedOut() {
        ReformTask task = newTask(List.of("赵明远", "钱立新"), List.of("市发改委", "市财政局"));
        ProcessInstance instance = instance(task);
        assertThat(instance).isWaitingAt("Task_DraftPlan");
        assertThat(task(instance)).hasCandidateGroup("fgw").hasName("方案制定｜" + task.code() + " " + task.title());

        draftPlan(instance);
        List<Task> approvals = tasks(instance, "Task_LeaderApprovePlan");
        assertThat(approvals).extracting(Task::getAssignee).containsExactlyInAnyOrder("zhaomingyuan", "qianlixin");
        approvals.forEach(approval -> complete(approval, Map.of("planDecision", "approve")));

        assertThat(instance).isWaitingAt("Task_ImplementAndApplyCloseOut");
        assertThat(reformTasks.get(task.code()).stage()).isEqualTo(Stage.IMPLEMENTATION);
        applyCloseOut(instance);
        assertThat(reformTasks.get(task.code()).stage()).isEqualTo(Stage.CLOSE_OUT_REVIEW);
        complete(task(instance), Map.of("closeOutDecision", "approve"));

        assertThat(instance).isEnded().hasPassed("EndEvent_TaskClosedOut");
        assertThat(reformTasks.get(task.code()).stage()).isEqualTo(Stage.CLOSED);
        assertThat(reformTasks.records(task.code())).extracting(TaskRecord::activityId).containsExactly(
                "Task_ReviewCloseOut", "Task_ImplementAndApplyCloseOut", "Task_LeaderApprovePlan",
                "Task_LeaderApprovePlan", "Task_DraftPlan");
        assertThat(runtimeService.createVariableInstanceQuery().processInstanceIdIn(instance.getId()).count())
                .isZero();
    }

    @Test
    void planReturnedByOneOfSeveralLeadersGoesBackToDraftingWithTheComment() {
        ProcessInstance instance = instance(newTask(List.of("赵明远", "钱立新"), List.of("fgw")));
        draftPlan(instance);
        Task byZhao = tasks(instance, "Task_LeaderApprovePlan").stream()
                .filter(t -> t.getAssignee().equals("zhaomingyuan")).findFirst().orElseThrow();
        complete(byZhao, Map.of("planDecision", "return", "planComment", "请补充时间节点和量化指标"));

        assertThat(instance).isWaitingAt("Task_DraftPlan").hasNotPassed("SubProcess_Implementation");
        assertThat(tasks(instance, "Task_LeaderApprovePlan")).isEmpty();
        Task resubmission = task(instance);
        Map<String, Object> context = formContext(resubmission.getId());
        assertThat((String) context.get("ctxHistory")).contains("退回修改", "请补充时间节点和量化指标", "赵明远");
        assertThat((String) context.get("ctxPlan")).contains("具体措施");
        // the resubmission opens with the previous plan and says why it came back
        assertThat((String) context.get("ctxReturn")).contains("请补充时间节点和量化指标").contains("已填入上次提交的内容");
        Map<String, Object> previous = taskService.getVariables(resubmission.getId());
        assertThat(previous).containsKeys("planMeasures", "planMilestones", "planResults");
        assertThat(taskService.getVariablesLocal(resubmission.getId()).keySet())
                .noneMatch(name -> name.startsWith("ctx")); // the context is not stored

        draftPlan(instance);
        assertThat(tasks(instance, "Task_LeaderApprovePlan")).hasSize(2);
    }

    @Test
    void taskWithoutLeaderIsApprovedByTheOffice() {
        ProcessInstance instance = instance(newTask(List.of(), List.of("市营商环境办")));
        draftPlan(instance);
        assertThat(instance).isWaitingAt("Task_OfficeApprovePlan");
        assertThat(task(instance)).hasCandidateGroup("office");
        complete(task(instance), Map.of("planDecision", "return", "planComment", "措施不够具体"));
        assertThat(instance).isWaitingAt("Task_DraftPlan");
        draftPlan(instance);
        complete(task(instance), Map.of("planDecision", "approve"));
        assertThat(instance).isWaitingAt("Task_ImplementAndApplyCloseOut");
    }

    @Test
    void quarterlyTimerFiresAtQuarterEndChinaTimeAndReturnedReportIsResubmitted() {
        ClockUtil.setCurrentTime(china(2026, 2, 10, 10));
        ProcessInstance instance = implementing(newTask(List.of(), List.of("fgw")));

        Job timer = quarterlyTimer(instance);
        assertThat(timer.getDuedate()).isEqualTo(china(2026, 3, 31, 9));
        ClockUtil.setCurrentTime(china(2026, 3, 31, 9));
        managementService.executeJob(timer.getId());

        Task report = tasks(instance, "Task_SubmitQuarterlyReport").get(0);
        assertThat(report).hasCandidateGroup("fgw");
        assertThat(report.getName()).startsWith("2026年第1季度报送｜");
        assertThat(quarterlyTimer(instance).getDuedate()).isEqualTo(china(2026, 6, 30, 9));

        submitReport(report);
        complete(tasks(instance, "Task_ReconcileReport").get(0),
                Map.of("reportDecision", "return", "reportComment", "请补充量化数据"));
        Task resubmission = tasks(instance, "Task_SubmitQuarterlyReport").get(0);
        assertThat((String) formContext(resubmission.getId()).get("ctxHistory")).contains("请补充量化数据");
        submitReport(resubmission);
        complete(tasks(instance, "Task_ReconcileReport").get(0), Map.of("reportDecision", "accept"));

        assertThat(instance).hasPassed("EndEvent_ReportReconciled");
        assertThat(tasks(instance, "Task_SubmitQuarterlyReport")).isEmpty();
        assertThat(instance).isWaitingAt("Task_ImplementAndApplyCloseOut");
    }

    @Test
    void inspectionWithoutRectificationEndsAtOnce() {
        ReformTask task = newTask(List.of(), List.of("fgw"));
        ProcessInstance instance = implementing(task);
        inspections.request(task.code(), "进度滞后", "office1");
        complete(tasks(instance, "Task_Inspect").get(0), Map.of("inspectionMethod", "document",
                "inspectionFindings", "按计划推进", "inspectionResult", "pass"));
        assertThat(instance).hasPassed("EndEvent_InspectionPassed").hasNotPassed("Task_Rectify");
        assertThat(tasks(instance, "Task_Inspect")).isEmpty();
    }

    @Test
    void inspectionWithRectificationIsRecheckedUntilItPasses() {
        ClockUtil.setCurrentTime(china(2026, 6, 1, 10)); // a rectification deadline is never in the past
        ReformTask task = newTask(List.of(), List.of("fgw"));
        ProcessInstance instance = implementing(task);
        inspections.request(task.code(), "群众反映问题", "office1");
        complete(tasks(instance, "Task_Inspect").get(0), Map.of("inspectionMethod", "onsite",
                "inspectionFindings", "试点未启动", "inspectionResult", "rectify",
                "rectificationRequirements", "一个月内启动试点", "rectificationDeadline", "2026-06-30"));

        Task rectification = tasks(instance, "Task_Rectify").get(0);
        assertThat(rectification).hasCandidateGroup("fgw");
        assertThat((String) formContext(rectification.getId()).get("ctxLatestInspection"))
                .contains("试点未启动", "一个月内启动试点");
        rectify(rectification);
        complete(tasks(instance, "Task_Recheck").get(0), Map.of("recheckDecision", "fail", "recheckComment", "仍未完成"));
        rectify(tasks(instance, "Task_Rectify").get(0));
        complete(tasks(instance, "Task_Recheck").get(0), Map.of("recheckDecision", "pass"));

        assertThat(instance).hasPassed("EndEvent_RectificationVerified");
        assertThat(reformTasks.records(task.code())).extracting(TaskRecord::activityId)
                .contains("StartEvent_InspectionRequested", "Task_Inspect", "Task_Rectify", "Task_Recheck");
    }

    @Test
    void closeOutReturnedGoesBackToImplementationThenApproved() {
        ReformTask task = newTask(List.of(), List.of("fgw"));
        ProcessInstance instance = implementing(task);
        applyCloseOut(instance);
        complete(task(instance), Map.of("closeOutDecision", "return", "closeOutComment", "佐证材料不足"));

        assertThat(instance).isWaitingAt("Task_ImplementAndApplyCloseOut");
        assertThat(quarterlyTimer(instance)).isNotNull();
        assertThat((String) formContext(task(instance).getId()).get("ctxHistory")).contains("佐证材料不足");
        applyCloseOut(instance);
        complete(task(instance), Map.of("closeOutDecision", "approve"));
        assertThat(instance).isEnded().hasPassed("EndEvent_TaskClosedOut");
    }

    @Test
    void closeOutIsRefusedWhileAQuarterlyReportIsOpen() {
        ProcessInstance instance = implementing(newTask(List.of(), List.of("fgw")));
        managementService.executeJob(quarterlyTimer(instance).getId());
        Task implement = tasks(instance, "Task_ImplementAndApplyCloseOut").get(0);

        assertThatThrownBy(() -> taskService.complete(implement.getId(), closeOutApplication()))
                .isInstanceOf(ProcessEngineException.class).hasMessageContaining("暂不能申请销号")
                .hasMessageContaining("季度报送");
        assertThat(tasks(instance, "Task_ImplementAndApplyCloseOut")).hasSize(1);
    }

    @Test
    void missingRequiredFieldIsRefusedAndTheTaskStaysOpen() {
        ReformTask task = newTask(List.of(), List.of("fgw"));
        ProcessInstance instance = instance(task);
        Task draft = task(instance);

        assertThatThrownBy(() -> taskService.complete(draft.getId(), Map.of("planMeasures", "只填了一项")))
                .hasMessageContaining("请填写必填项").hasMessageContaining("时间节点");
        assertThat(instance).isWaitingAt("Task_DraftPlan");
        assertThat(reformTasks.records(task.code())).isEmpty();

        draftPlan(instance);
        assertThatThrownBy(() -> taskService.complete(task(instance).getId(), Map.of("planDecision", "return")))
                .hasMessageContaining("审定意见");
        assertThatThrownBy(() -> taskService.complete(task(instance).getId(), Map.of("planDecision", "maybe")))
                .hasMessageContaining("不能取值");
        assertThat(instance).isWaitingAt("Task_OfficeApprovePlan");
    }

    // --- helpers -------------------------------------------------------------------------------

    private ReformTask newTask(List<String> leaders, List<String> leadUnits) {
        String code = "T-" + SEQUENCE.incrementAndGet();
        return reformTasks.createAndStart(new NewReformTask(code, 2026, "测试类别", "测试改革任务" + code,
                "主要目标文本", "重点举措文本", leaders, leadUnits, List.of("市科技局"), LocalDate.of(2026, 12, 31)),
                "office1");
    }

    private ProcessInstance instance(ReformTask task) {
        return runtimeService.createProcessInstanceQuery().processInstanceId(task.processInstanceId()).singleResult();
    }

    private ProcessInstance implementing(ReformTask task) {
        ProcessInstance instance = instance(task);
        draftPlan(instance);
        complete(task(instance), Map.of("planDecision", "approve"));
        assertThat(instance).isWaitingAt("Task_ImplementAndApplyCloseOut");
        return instance;
    }

    private Task task(ProcessInstance instance) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).singleResult();
    }

    private List<Task> tasks(ProcessInstance instance, String activityId) {
        return taskService.createTaskQuery().processInstanceId(instance.getId()).taskDefinitionKey(activityId).list();
    }

    private Job quarterlyTimer(ProcessInstance instance) {
        return managementService.createJobQuery().processInstanceId(instance.getId())
                .activityId(QuarterlyReports.TIMER_ACTIVITY).timers().singleResult();
    }

    private void draftPlan(ProcessInstance instance) {
        complete(tasks(instance, "Task_DraftPlan").get(0), Map.of("planMeasures", "具体措施：一、二、三",
                "planMilestones", "3月底前出台方案", "planResults", "制度文件"));
    }

    private void applyCloseOut(ProcessInstance instance) {
        complete(tasks(instance, "Task_ImplementAndApplyCloseOut").get(0), closeOutApplication());
    }

    private static Map<String, Object> closeOutApplication() {
        return Map.of("completionSummary", "已全面完成", "achievementType", "policy",
                "completionEvidence", "江府办〔2026〕1号");
    }

    private void submitReport(Task report) {
        complete(report, Map.of("reportProgress", "完成阶段目标", "reportStatus", "on-track",
                "reportNextSteps", "继续推进"));
    }

    private void rectify(Task rectification) {
        complete(rectification, Map.of("rectificationMeasures", "已启动试点", "rectificationOutcome", "试点运行"));
    }

    private void complete(Task task, Map<String, Object> variables) {
        taskService.complete(task.getId(), new HashMap<>(variables));
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }

    /** The form's context as Tasklist gets it: computed when the form variables are asked for. */
    private Map<String, Object> formContext(String taskId) {
        return engine.getFormService().getTaskFormVariables(taskId);
    }
}
