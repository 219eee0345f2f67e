package cn.reformoffice.platform.lifecycle;

import static cn.reformoffice.platform.security.EngineClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.security.EngineClient;
import cn.reformoffice.platform.security.EngineClient.Answer;
import cn.reformoffice.platform.security.EngineClient.Transport;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.TaskRecord;

/**
 * What people submit in their forms is kept, checked in Chinese, and shown as it stands today,
 * through both Camunda REST surfaces (what Tasklist calls, and /engine-rest):
 * <ul>
 * <li>a refused submission answers 400 with the Chinese message alone, and the server logs no error;</li>
 * <li>dates are read the way people in China write them, or refused in Chinese, and bounded;</li>
 * <li>a returned plan opens with the previous submission and the reason it came back;</li>
 * <li>the implementation form, open all year, shows today's latest report, inspection and history.</li>
 * </ul>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:formworkit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class FormWorkIT {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @LocalServerPort int port;
    @Autowired TaskService taskService;
    @Autowired HistoryService historyService;
    @Autowired ReformTaskService reformTasks;

    private final ListAppender<ILoggingEvent> errors = new ListAppender<>();

    @BeforeEach
    void watchErrors() {
        errors.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(errors);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(errors);
    }

    private List<String> loggedErrors() {
        return errors.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(ILoggingEvent::getFormattedMessage).toList();
    }

    EngineClient client(Transport transport, String user) {
        return new EngineClient(port, transport, user, "demo");
    }

    String createTask(List<String> leaders) {
        String code = "2026-8" + String.format("%02d", SEQUENCE.incrementAndGet());
        Map<String, Object> body = ReformApi.taskBody(code, "表单测试任务" + code, List.of("fgw"));
        body.put("leaders", leaders);
        assertThat(client(Transport.ENGINE_REST, "office1").raw("POST", "/api/tasks", body).status()).isEqualTo(201);
        return code;
    }

    Task open(String code, String activity) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(activity)
                .list();
        assertThat(tasks).as("%s of %s", activity, code).hasSize(1);
        return tasks.get(0);
    }

    void complete(String user, Task task, Map<String, Object> fields) {
        Map<String, Object> variables = new LinkedHashMap<>();
        fields.forEach((k, v) -> variables.put(k, value(v)));
        Answer answer = client(Transport.ENGINE_REST, user).post("/task/" + task.getId() + "/complete",
                Map.of("variables", variables));
        assertThat(answer.status()).as("%s completes %s: %s", user, task.getTaskDefinitionKey(), answer).isEqualTo(204);
    }

    /** A task in implementation (plan drafted and approved by the office). */
    String implementing() {
        String code = createTask(List.of());
        complete("fgw1", open(code, "Task_DraftPlan"), Map.of("planMeasures", "第一版措施", "planMilestones", "节点",
                "planResults", "成果"));
        complete("office1", open(code, "Task_OfficeApprovePlan"), Map.of("planDecision", "approve"));
        open(code, "Task_ImplementAndApplyCloseOut");
        return code;
    }

    static String today(int plusDays, String pattern) {
        return LocalDate.now(CHINA).plusDays(plusDays).format(DateTimeFormatter.ofPattern(pattern));
    }

    /**
     * History stays full (steps, who did them, the variables' values) but a variable update writes no detail row
     * (ACT_HI_DETAIL): nothing reads them, and they were the largest table after a year
     * ({@code deployment/VariableHistoryWithoutDetails}).
     */
    @Test
    void submittedFieldsAreKeptInHistoryWithoutADetailRowPerUpdate() {
        String code = implementing();
        String instance = open(code, "Task_ImplementAndApplyCloseOut").getProcessInstanceId();
        // text fields are moved into the task's record when the step completes; history keeps their last value
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance).includeDeleted()
                .variableName("planMeasures").singleResult().getValue()).isEqualTo("第一版措施");
        assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance)
                .variableName("planDecision").singleResult().getValue()).isEqualTo("approve");
        assertThat(historyService.createHistoricTaskInstanceQuery().processInstanceId(instance).finished().count())
                .isEqualTo(2);
        assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(instance).count())
                .isGreaterThan(4);
        assertThat(historyService.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().count())
                .isZero();
    }

    @Test
    void aRefusedSubmissionAnswers400WithTheChineseMessageAloneAndLogsNoError() {
        String code = createTask(List.of("赵明远"));
        complete("fgw1", open(code, "Task_DraftPlan"), Map.of("planMeasures", "措施", "planMilestones", "节点",
                "planResults", "成果"));
        Task approval = open(code, "Task_LeaderApprovePlan");
        for (Transport transport : Transport.values()) {
            EngineClient leader = client(transport, "zhaomingyuan");
            for (String path : List.of("/complete", "/submit-form")) {
                Answer refused = leader.post("/task/" + approval.getId() + path,
                        Map.of("variables", Map.of("planDecision", value("return"))));
                assertThat(refused.status()).as("%s %s %s", transport, path, refused).isEqualTo(400);
                assertThat(refused.message()).isEqualTo("任务未提交：请填写必填项 “审定意见”。");
            }
        }
        assertThat(open(code, "Task_LeaderApprovePlan").getId()).isEqualTo(approval.getId());
        assertThat(loggedErrors()).isEmpty();
    }

    @Test
    void aCloseOutApplicationRefusedWhileAReportIsOpenSaysWhyAndLogsNoError() {
        String code = implementing();
        assertThat(client(Transport.ENGINE_REST, "office1").raw("POST", "/api/tasks/" + code + "/quarterly-report",
                null).status()).isEqualTo(202);
        Task implement = open(code, "Task_ImplementAndApplyCloseOut");
        for (Transport transport : Transport.values()) {
            Answer refused = client(transport, "fgw1").post("/task/" + implement.getId() + "/submit-form",
                    Map.of("variables", Map.of("completionSummary", value("全部完成"), "achievementType", value("policy"),
                            "completionEvidence", value("文件"))));
            assertThat(refused.status()).as("%s %s", transport, refused).isEqualTo(400);
            assertThat(refused.message()).startsWith("暂不能申请销号").contains("季度报送").doesNotContain("ENGINE-")
                    .doesNotContain("Cannot");
        }
        assertThat(loggedErrors()).isEmpty();
    }

    @Test
    void datesAreReadTheChineseWayAndBounded() {
        String code = implementing();
        EngineClient office = client(Transport.ENGINE_REST, "office1");
        assertThat(office.raw("POST", "/api/tasks/" + code + "/inspections", Map.of("reason", "抽查")).status())
                .isEqualTo(202);
        Task inspection = open(code, "Task_Inspect");
        Map<String, Object> fields = new LinkedHashMap<>(Map.of("inspectionMethod", value("onsite"),
                "inspectionFindings", value("发现问题"), "inspectionResult", value("rectify"),
                "rectificationRequirements", value("整改")));
        LocalDate lastDay = LocalDate.of(2026, 12, 31);
        for (Map.Entry<String, String> wrong : Map.of(
                "12/20/2026", "不是日期",
                "20.12.2026", "不是日期",
                "2026-02-30", "不是日期",
                today(-1, "yyyy-MM-dd"), "不能早于今天",
                "2027-03-01", "不能晚于改革任务的完成时限").entrySet()) {
            fields.put("rectificationDeadline", value(wrong.getKey()));
            Answer refused = client(Transport.WEBAPPS, "office1").post("/task/" + inspection.getId() + "/submit-form",
                    Map.of("variables", fields));
            assertThat(refused.status()).as("%s: %s", wrong.getKey(), refused).isEqualTo(400);
            assertThat(refused.message()).contains("整改期限").contains(wrong.getValue());
        }
        LocalDate meant = LocalDate.now(CHINA).plusDays(3).isAfter(lastDay) ? lastDay : LocalDate.now(CHINA).plusDays(3);
        String typed = meant.getYear() + "/" + meant.getMonthValue() + "/" + meant.getDayOfMonth();
        fields.put("rectificationDeadline", value(typed));
        assertThat(client(Transport.WEBAPPS, "office1").post("/task/" + inspection.getId() + "/submit-form",
                Map.of("variables", fields)).status()).isEqualTo(204);

        Task rectify = open(code, "Task_Rectify");
        assertThat(rectify.getDueDate().toInstant().atZone(CHINA).toLocalDate()).isEqualTo(meant);
        assertThat(reformTasks.records(code)).filteredOn(r -> r.activityId().equals("Task_Inspect")).singleElement()
                .satisfies(r -> assertThat(r.text("rectificationDeadline")).isEqualTo(meant.toString()));
        assertThat(loggedErrors()).isEmpty();
    }

    @Test
    void aReturnedPlanOpensWithThePreviousSubmissionAndTheReason() {
        String code = createTask(List.of("赵明远"));
        complete("fgw1", open(code, "Task_DraftPlan"), Map.of("planMeasures", "第一版：建立工作专班",
                "planMilestones", "6月底前", "planResults", "制度文件"));
        complete("zhaomingyuan", open(code, "Task_LeaderApprovePlan"), Map.of("planDecision", "return",
                "planComment", "请补充量化指标"));

        Task again = open(code, "Task_DraftPlan");
        for (Transport transport : Transport.values()) {
            Answer form = client(transport, "fgw1").get("/task/" + again.getId() + "/form-variables");
            assertThat(form.status()).isEqualTo(200);
            assertThat(form.json().path("planMeasures").path("value").asText()).isEqualTo("第一版：建立工作专班");
            assertThat(form.json().path("planMilestones").path("value").asText()).isEqualTo("6月底前");
            assertThat(form.json().path("ctxReturn").path("value").asText()).contains("请补充量化指标")
                    .contains("赵明远").contains("已填入上次提交的内容");
        }
        complete("fgw1", again, Map.of("planMeasures", "第二版：建立工作专班，量化到季度", "planMilestones", "6月底前",
                "planResults", "制度文件"));
        List<TaskRecord> drafts = reformTasks.records(code).stream()
                .filter(r -> r.activityId().equals("Task_DraftPlan")).toList();
        assertThat(drafts).extracting(r -> r.text("planMeasures"))
                .containsExactly("第二版：建立工作专班，量化到季度", "第一版：建立工作专班");
    }

    @Test
    void theImplementationFormShowsTodaysReportInspectionAndHistory() {
        String code = implementing();
        Task implement = open(code, "Task_ImplementAndApplyCloseOut");
        EngineClient unit = client(Transport.WEBAPPS, "fgw1");
        assertThat(unit.get("/task/" + implement.getId() + "/form-variables").json().path("ctxLatestReport")
                .path("value").asText()).isEqualTo("（暂无）");

        EngineClient office = client(Transport.ENGINE_REST, "office1");
        assertThat(office.raw("POST", "/api/tasks/" + code + "/quarterly-report", null).status()).isEqualTo(202);
        complete("fgw1", open(code, "Task_SubmitQuarterlyReport"), Map.of("reportProgress", "本季度完成试点",
                "reportStatus", "on-track", "reportNextSteps", "全面推开"));
        complete("office1", open(code, "Task_ReconcileReport"), Map.of("reportDecision", "accept"));
        assertThat(office.raw("POST", "/api/tasks/" + code + "/inspections", Map.of("reason", "抽查")).status())
                .isEqualTo(202);
        complete("office1", open(code, "Task_Inspect"), Map.of("inspectionMethod", "document",
                "inspectionFindings", "推进有力", "inspectionResult", "pass"));

        var form = unit.get("/task/" + implement.getId() + "/form-variables").json();
        assertThat(form.path("ctxLatestReport").path("value").asText()).contains("本季度完成试点");
        assertThat(form.path("ctxLatestInspection").path("value").asText()).contains("推进有力");
        assertThat(form.path("ctxHistory").path("value").asText()).contains("季度报送").contains("督查");
        // nothing of the context is stored with the task
        assertThat(taskService.getVariables(implement.getId()).keySet()).noneMatch(name -> name.startsWith("ctx"));
    }
}
