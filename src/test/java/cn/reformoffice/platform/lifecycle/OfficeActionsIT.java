package cn.reformoffice.platform.lifecycle;

import static cn.reformoffice.platform.browser.ReformApi.LIST;
import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.reminder.ReminderWatches;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * The office's actions without curl, through the APIs the pages and Tasklist use (H2, authorization on):
 * <ul>
 * <li>季度报送 asked for twice: the second is refused (409, Chinese), one 季度报送 task; two requests at the same
 * moment start one; the database refuses a second row for the quarter; the timer does not ask again this quarter;
 * <li>督查: the reason shows in the 督查 task's form context;
 * <li>{@code GET /api/tasks/{code}/office-actions}: what the office may do now, with the unit list for a task
 * awaiting assignment; 403 for units and leaders, as the actions themselves;
 * <li>延期申请: an office user task named after the reform task with the request as context, which units can
 * neither see nor complete; deciding through Tasklist (submit-form) and through
 * {@code POST /api/extensions/{id}/decision} both move the due date and reminders, the 完成时限 for
 * 实施并申请销号, and write the 延期 record; a second decision is refused.
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:officeactionsit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class OfficeActionsIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;
    @Autowired ReformTaskService reformTasks;
    @Autowired JdbcClient jdbc;

    private final ReformApi api = new ReformApi(() -> rest);
    private static int sequence;

    // --- 季度报送 ---------------------------------------------------------------------------------

    @Test
    void aSecondQuarterlyReportForTheSameQuarterIsRefused() {
        String code = taskInImplementation("季度报送重复测试");
        assertThat(api.post("fgw1", "/api/tasks/" + code + "/quarterly-report", null).getStatusCode())
                .as("units may not").isEqualTo(HttpStatus.FORBIDDEN);

        ResponseEntity<Map<String, Object>> first = api.post("office1", "/api/tasks/" + code + "/quarterly-report", null);
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String quarter = (String) first.getBody().get("quarter");
        assertThat(quarter).matches("\\d{4}年第[1-4]季度");

        ResponseEntity<Map<String, Object>> second = api.post("office1", "/api/tasks/" + code + "/quarterly-report", null);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(second.getBody().get("detail")).isEqualTo("改革任务“" + code + "”的" + quarter
                + "报送已经发起，同一季度不能重复发起。请在任务办理中查看该季度报送的办理情况。");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_SubmitQuarterlyReport").list()).singleElement()
                .satisfies(task -> assertThat(task.getName()).startsWith(quarter + "报送｜" + code));

        // the timer's next run asks for the next quarter, not for this one again
        Job timer = managementService.createJobQuery().processInstanceId(instanceOf(code))
                .activityId("StartEvent_QuarterEnded").timers().singleResult();
        assertThat(QuarterlyReports.quarterLabel(timer.getDuedate().toInstant().atZone(CHINA).toLocalDate()))
                .isNotEqualTo(quarter);

        // the database holds one row per task and quarter, whoever writes it
        assertThatThrownBy(() -> jdbc.sql("insert into quarterly_report_request (task_code, quarter_label, created_at)"
                + " values (?, ?, ?)").params(code, quarter, OffsetDateTime.now()).update())
                .isInstanceOf(org.springframework.dao.DuplicateKeyException.class);

        Map<String, Object> actions = api.get("office1", "/api/tasks/" + code + "/office-actions", MAP).getBody();
        assertThat(actions).containsEntry("quarterlyReportRequested", true).containsEntry("currentQuarter", quarter);
    }

    @Test
    void twoQuarterlyRequestsAtTheSameMomentStartOneReport() throws Exception {
        String code = taskInImplementation("季度报送并发测试");
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<HttpStatus> ask = () -> {
                start.await();
                return HttpStatus.valueOf(api.post("office1", "/api/tasks/" + code + "/quarterly-report", null)
                        .getStatusCode().value());
            };
            List<Future<HttpStatus>> answers = List.of(pool.submit(ask), pool.submit(ask));
            start.countDown();
            List<HttpStatus> statuses = new ArrayList<>();
            for (Future<HttpStatus> answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsExactlyInAnyOrder(HttpStatus.ACCEPTED, HttpStatus.CONFLICT);
        } finally {
            pool.shutdownNow();
        }
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_SubmitQuarterlyReport").count()).isEqualTo(1);
    }

    // --- 督查 ------------------------------------------------------------------------------------

    @Test
    void theInspectionReasonShowsInTheInspectionForm() {
        String code = taskInImplementation("督查事由测试");
        String reason = "季度抽查：进度滞后于方案时间节点";
        assertThat(api.post("fgw1", "/api/tasks/" + code + "/inspections", Map.of("reason", reason)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(api.post("office1", "/api/tasks/" + code + "/inspections", Map.of("reason", reason))
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        Task inspect = taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey("Task_Inspect")
                .singleResult();
        Map<String, Object> variables = api.get("office1", "/engine-rest/task/" + inspect.getId() + "/form-variables",
                MAP).getBody();
        String history = (String) ((Map<?, ?>) variables.get("ctxHistory")).get("value");
        assertThat(history).contains("发起督查").contains("季度抽查：进度滞后于方案时间节点");
        assertThat(reformTasks.records(code)).filteredOn(r -> r.activityId().equals("StartEvent_InspectionRequested"))
                .singleElement().satisfies(r -> assertThat(r.fields()).anyMatch(f -> reason.equals(f.text())));
    }

    // --- what the office may do ------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void officeActionsAreForTheOfficeOnly() {
        String code = "2026-OA" + (++sequence);
        reformTasks.createAwaitingAssignment(new NewReformTask(code, 2026, "测试", "待分配测试", "目标", "举措",
                List.of(), List.of(), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        for (String user : List.of("fgw1", "zhaomingyuan", "kjj1")) {
            ResponseEntity<Map<String, Object>> refused = api.get(user, "/api/tasks/" + code + "/office-actions", MAP);
            assertThat(refused.getStatusCode()).as(user).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat((String) refused.getBody().get("detail")).startsWith("只有市委改革办工作人员或系统管理员可以");
        }
        Map<String, Object> actions = api.get("office1", "/api/tasks/" + code + "/office-actions", MAP).getBody();
        assertThat(actions).containsEntry("canAssign", true).containsEntry("canInspect", false)
                .containsEntry("canRequestQuarterlyReport", false).containsEntry("stageLabel", "待分配");
        assertThat((List<Object>) actions.get("units")).contains(Map.of("id", "fgw", "name", "市发展改革委"));
        assertThat(api.get("admin", "/api/tasks/" + code + "/office-actions", MAP).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(api.post("fgw1", "/api/tasks/" + code + "/assignment", Map.of("leadUnits", List.of("fgw")))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    // --- 延期审批 --------------------------------------------------------------------------------

    @Test
    void anExtensionRequestIsAnOfficeTaskDecidedInTasklist() {
        String code = createTask("延期审批任务测试");
        String title = "延期审批任务测试";
        Task draft = step(code, "Task_DraftPlan");
        LocalDate due = china(draft.getDueDate());
        LocalDate requested = due.plusDays(10);
        long id = requestExtension("fgw1", draft.getId(), requested, "等待省级配套政策出台");

        Task decision = decisionTask(code);
        assertThat(decision.getName()).isEqualTo("延期审批｜" + code + " " + title);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(decision.getProcessInstanceId())
                .singleResult().getBusinessKey()).isEqualTo(code);
        assertThat(taskService.getIdentityLinksForTask(decision.getId())).extracting(IdentityLink::getGroupId)
                .contains("office");
        Map<String, Object> form = api.get("office1", "/engine-rest/task/" + decision.getId() + "/form-variables",
                MAP).getBody();
        String context = (String) ((Map<?, ?>) form.get("ctxExtension")).get("value");
        assertThat(context).contains(title).contains("原期限：** " + due).contains("申请延至：** " + requested)
                .contains("等待省级配套政策出台").contains("方案制定");

        // units (the requesting one too) neither see nor work it
        for (String user : List.of("fgw1", "czj1", "yshj1", "zhaomingyuan")) {
            assertThat(api.get(user, "/engine-rest/task?processDefinitionKey=extensionRequest", LIST).getBody())
                    .as(user).isEmpty();
            assertThat(api.get(user, "/engine-rest/task/" + decision.getId(), MAP).getStatusCode().value())
                    .as(user).isIn(403, 404);
            assertThat(api.post(user, "/engine-rest/task/" + decision.getId() + "/submit-form",
                    Map.of("variables", Map.of("extensionDecision", Map.of("value", "approve")))).getStatusCode()
                    .is2xxSuccessful()).as(user).isFalse();
        }
        assertThat(api.get("office1", "/engine-rest/task?processDefinitionKey=extensionRequest", LIST).getBody())
                .extracting(t -> t.get("id")).contains(decision.getId());

        // 不同意 without a comment is refused with a Chinese message
        ResponseEntity<Map<String, Object>> refused = submit("office1", decision.getId(), "reject", null);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("message")).contains("审批意见").doesNotContain("ENGINE");

        // 同意 in Tasklist (the form's submit)
        assertThat(submit("office1", decision.getId(), "approve", "同意，请按期完成。").getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(china(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getDueDate()))
                .isEqualTo(requested);
        assertReminderMovedTo(draft.getId(), requested);
        assertThat(api.get("office1", "/api/extensions?taskCode=" + code, LIST).getBody()).singleElement()
                .satisfies(r -> assertThat(r).containsEntry("status", "APPROVED").containsEntry("decidedBy", "office1")
                        .containsEntry("decisionComment", "同意，请按期完成。"));
        assertExtensionRecord(code, due, requested, "等待省级配套政策出台", "同意");
        assertThat(decisionTaskOrNull(code)).isNull();

        // decided once
        ResponseEntity<Map<String, Object>> again = api.post("office1", "/api/extensions/" + id + "/decision",
                Map.of("approve", true, "comment", "再次同意"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("detail")).isEqualTo("该延期申请已处理，请勿重复审批。");
    }

    @Test
    void approvingTheCloseOutStepThroughTheApiMovesTheDeadlineEverywhere() {
        String code = taskInImplementation("完成时限延期测试");
        Task implement = step(code, "Task_ImplementAndApplyCloseOut");
        assertThat(china(implement.getDueDate())).isEqualTo(LocalDate.of(2026, 12, 31));
        LocalDate requested = LocalDate.of(2027, 3, 31);
        long id = requestExtension("fgw1", implement.getId(), requested, "试点范围扩大，需延长实施期");
        assertThat(decisionTask(code)).isNotNull();

        assertThat(api.post("fgw1", "/api/extensions/" + id + "/decision", Map.of("approve", true)).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> approved = api.post("office1", "/api/extensions/" + id + "/decision",
                Map.of("approve", true, "comment", "同意延至一季度末"));
        assertThat(approved.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(approved.getBody()).containsEntry("status", "APPROVED");
        // one decision path: the API completed the office's user task
        assertThat(decisionTaskOrNull(code)).isNull();

        assertThat(china(taskService.createTaskQuery().taskId(implement.getId()).singleResult().getDueDate()))
                .isEqualTo(requested);
        assertReminderMovedTo(implement.getId(), requested);
        // 完成时限 in the ledger (task record) and in the open steps' form context and description
        assertThat(api.get("fgw1", "/api/tasks/" + code, MAP).getBody()).containsEntry("deadline", "2027-03-31");
        Map<String, Object> form = api.get("fgw1", "/engine-rest/task/" + implement.getId() + "/form-variables",
                MAP).getBody();
        assertThat((String) ((Map<?, ?>) form.get("ctxSummary")).get("value")).contains("完成时限：** 2027-03-31");
        assertThat((String) ((Map<?, ?>) form.get("ctxHistory")).get("value")).contains("延期");
        assertThat(taskService.createTaskQuery().taskId(implement.getId()).singleResult().getDescription())
                .contains("完成时限：2027-03-31");
        assertExtensionRecord(code, LocalDate.of(2026, 12, 31), requested, "试点范围扩大，需延长实施期", "同意");

        ResponseEntity<Map<String, Object>> again = api.post("office1", "/api/extensions/" + id + "/decision",
                Map.of("approve", false, "comment", "改为不同意"));
        assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(again.getBody().get("detail")).isEqualTo("该延期申请已处理，请勿重复审批。");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private String createTask(String title) {
        String code = "2026-OA" + (++sequence);
        api.createTask(code, title, List.of("fgw"));
        return code;
    }

    /** A task led by 市发展改革委 without leader, its plan drafted and approved by the office: in implementation. */
    private String taskInImplementation(String title) {
        String code = createTask(title);
        taskService.complete(step(code, "Task_DraftPlan").getId(), Map.of("planMeasures", "措施",
                "planMilestones", "节点", "planResults", "成果"));
        taskService.complete(step(code, "Task_OfficeApprovePlan").getId(), Map.of("planDecision", "approve"));
        assertThat(step(code, "Task_ImplementAndApplyCloseOut")).isNotNull();
        return code;
    }

    private Task step(String code, String activityId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey("reform-task")
                .taskDefinitionKey(activityId).singleResult();
    }

    private String instanceOf(String code) {
        return runtimeService.createProcessInstanceQuery().processDefinitionKey("reform-task")
                .processInstanceBusinessKey(code).singleResult().getId();
    }

    private long requestExtension(String user, String taskId, LocalDate requested, String reason) {
        ResponseEntity<Map<String, Object>> asked = api.post(user, "/api/extensions",
                Map.of("taskId", taskId, "newDueDate", requested.toString(), "reason", reason));
        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return ((Number) asked.getBody().get("id")).longValue();
    }

    private Task decisionTask(String code) {
        Task task = decisionTaskOrNull(code);
        assertThat(task).as("延期审批 task of %s", code).isNotNull();
        return task;
    }

    private Task decisionTaskOrNull(String code) {
        return taskService.createTaskQuery().processDefinitionKey("extensionRequest").processInstanceBusinessKey(code)
                .singleResult();
    }

    private ResponseEntity<Map<String, Object>> submit(String user, String taskId, String decision, String comment) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("extensionDecision", Map.of("value", decision));
        Map<String, Object> commentValue = new HashMap<>();
        commentValue.put("value", comment);
        variables.put("extensionComment", commentValue);
        return api.post(user, "/engine-rest/task/" + taskId + "/submit-form", Map.of("variables", variables));
    }

    private void assertReminderMovedTo(String taskId, LocalDate due) {
        ReminderWatches watches = new ReminderWatches(runtimeService, managementService);
        ProcessInstance watch = watches.watch(taskId);
        if (watch != null) {
            assertThat(china((Date) runtimeService.getVariable(watch.getId(), "dueDate"))).isEqualTo(due);
        }
        Job timer = watches.timer(taskId);
        assertThat(timer).isNotNull();
        assertThat(china(timer.getDuedate())).isBeforeOrEqualTo(due.plusDays(1)).isAfter(LocalDate.of(2026, 11, 30));
    }

    private void assertExtensionRecord(String code, LocalDate oldDue, LocalDate newDue, String reason, String decision) {
        assertThat(reformTasks.records(code)).filteredOn(r -> r.stageName().equals("延期")).singleElement()
                .satisfies(r -> {
                    assertThat(r.actorId()).isEqualTo("office1");
                    assertThat(r.text("extensionCurrentDue")).isEqualTo(oldDue.toString());
                    assertThat(r.text("extensionRequestedDue")).isEqualTo(newDue.toString());
                    assertThat(r.text("extensionReason")).isEqualTo(reason);
                    assertThat(r.text("extensionDecision")).isEqualTo(decision);
                    assertThat(r.text("extensionRequestedBy")).contains("张伟");
                });
    }

    private static LocalDate china(Date date) {
        return date.toInstant().atZone(CHINA).toLocalDate();
    }
}
