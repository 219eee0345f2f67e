package cn.reformoffice.platform.security;

import static cn.reformoffice.platform.security.EngineClient.value;
import static cn.reformoffice.platform.security.AuthorizationMatrix.Expect.ALLOW;
import static cn.reformoffice.platform.security.AuthorizationMatrix.Expect.DENY;
import static cn.reformoffice.platform.security.AuthorizationMatrix.Expect.PERMITTED;
import static cn.reformoffice.platform.security.AuthorizationMatrix.Expect.REFUSE;
import static cn.reformoffice.platform.security.AuthorizationMatrix.Expect.REFUSE_OR_DENY;
import static cn.reformoffice.platform.security.AuthorizationMatrix.Expect.SKIP;
import static cn.reformoffice.platform.security.AuthorizationMatrix.Expect.UNAUTHENTICATED;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.security.EngineClient.Answer;
import cn.reformoffice.platform.security.EngineClient.Transport;

/**
 * Attacks on Camunda's own REST surfaces as a logged-in user would try them, through both
 * {@code /engine-rest} (HTTP Basic) and the webapps' engine API (login session + XSRF token), each
 * of which worked before the platform closed it:
 * <ol>
 * <li>expressions inside {@code orQueries} of task and filter queries ran code on the server;</li>
 * <li>a submission with an extra {@code taskCode} variable renamed and re-routed the next step and
 * wrote into another task's ledger; variables could also be set directly;</li>
 * <li>attachments of other units' tasks could be downloaded and deleted through the engine API;</li>
 * <li>a unit could claim its task for a user of another unit.</li>
 * </ol>
 * Subclasses choose the database (H2, real PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@Import(AbstractEngineSecurityIT.Probe.class)
@DirtiesContext
abstract class AbstractEngineSecurityIT {

    /**
     * A bean an attacker's expression calls (public, so the expression language can call it): if it is
     * ever called, code ran on the server.
     */
    @TestConfiguration(proxyBeanMethods = false)
    public static class Probe {
        static final AtomicInteger HITS = new AtomicInteger();

        @Bean("attackProbe")
        public Probe attackProbe() {
            return new Probe();
        }

        public String hit() {
            HITS.incrementAndGet();
            return "fgw1";
        }
    }

    static final String RCE = "${attackProbe.hit()}";

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    EngineClient client(Transport transport, String user) {
        return new EngineClient(port, transport, user, user == null ? null : "demo");
    }

    List<EngineClient> bothTransports(String user) {
        return List.of(client(Transport.ENGINE_REST, user), client(Transport.WEBAPPS, user));
    }

    /** A reform task created by the office; its code. */
    String createTask(List<String> leaders, List<String> leadUnits, List<String> coopUnits) {
        String code = "2026-9" + String.format("%02d", SEQUENCE.incrementAndGet());
        Map<String, Object> body = ReformApi.taskBody(code, "安全测试任务" + code, leadUnits);
        body.put("leaders", leaders);
        body.put("coopUnits", coopUnits);
        Answer created = client(Transport.ENGINE_REST, "office1").raw("POST", "/api/tasks", body);
        assertThat(created.status()).as("create %s: %s", code, created).isEqualTo(201);
        return code;
    }

    Task openTask(String code, String definitionKey) {
        List<Task> tasks = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey(definitionKey).list();
        assertThat(tasks).as("open %s of %s", definitionKey, code).hasSize(1);
        return tasks.get(0);
    }

    static Map<String, Object> draftPlanFields() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("planMeasures", value("具体措施"));
        variables.put("planMilestones", value("6月底前完成"));
        variables.put("planResults", value("制度文件"));
        return variables;
    }

    // --- 1. code execution through expressions in or-queries ----------------------------------------

    @Test
    void expressionsInOrQueriesNeverRun() {
        createTask(List.of(), List.of("fgw"), List.of());
        String filterId = engine.getFilterService().createFilterQuery().filterName("我的待办").singleResult().getId();
        List<String> failures = new ArrayList<>();
        for (String user : List.of("fgw1", "zhaomingyuan", "office1", "admin")) {
            for (EngineClient client : bothTransports(user)) {
                for (String field : List.of("assigneeExpression", "candidateGroupExpression", "dueAfterExpression",
                        "followUpBeforeExpression", "processInstanceBusinessKeyExpression")) {
                    Map<String, Object> orQuery = Map.of(field, RCE);
                    // nested deeper and sent with the content types a client might choose
                    Map<String, Object> body = Map.of("orQueries", List.of(orQuery));
                    for (String path : List.of("/task", "/task/count", "/filter/" + filterId + "/list",
                            "/filter/" + filterId + "/count", "/filter/" + filterId + "/singleResult")) {
                        int before = Probe.HITS.get();
                        Answer answer = client.post(path, body);
                        if (Probe.HITS.get() != before || answer.status() != 400
                                || !answer.message().contains("查询条件中不能使用表达式")) {
                            failures.add(client.transport() + " " + user + " " + path + " " + field + " -> " + answer
                                    + " hits " + (Probe.HITS.get() - before));
                        }
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(Probe.HITS.get()).isZero();
    }

    @Test
    void expressionsInAQueryStringAreRefusedToo() {
        for (EngineClient client : bothTransports("fgw1")) {
            for (String field : List.of("assigneeExpression", "dueAfterExpression", "candidateGroupExpression")) {
                Answer answer = client.get("/task?" + field + "=" + java.net.URLEncoder.encode(RCE,
                        java.nio.charset.StandardCharsets.UTF_8));
                assertThat(answer.status()).as("%s %s %s", client.transport(), field, answer).isEqualTo(400);
            }
        }
        assertThat(Probe.HITS.get()).isZero();
    }

    // --- 8. a user's mistake is a 4xx in Chinese ------------------------------------------------------

    @Test
    void badPagingValuesAndMalformedRequestsAnswer400InChinese() {
        String filterId = filterId("我的待办");
        for (EngineClient client : bothTransports("fgw1")) {
            for (String paging : List.of("maxResults=-5", "firstResult=-1", "maxResults=abc",
                    "firstResult=99999999999")) {
                for (Answer answer : List.of(client.get("/task?" + paging),
                        client.post("/filter/" + filterId + "/list?" + paging, Map.of()))) {
                    assertThat(answer.status()).as("%s %s %s", client.transport(), paging, answer).isEqualTo(400);
                    assertThat(answer.message()).contains("分页参数");
                }
            }
        }
        EngineClient office = client(Transport.ENGINE_REST, "office1");
        Answer date = office.raw("GET", "/api/ledger/summary?asOf=abc", null);
        assertThat(date.status()).isEqualTo(400);
        assertThat(date.json().path("detail").asText()).contains("asOf").contains("2026-03-31");
        Answer json = office.raw("POST", "/api/tasks", "{not json");
        assertThat(json.status()).isEqualTo(400);
        assertThat(json.json().path("detail").asText()).contains("JSON");
    }

    @Test
    void storedFiltersWithTheirExpressionsKeepWorking() {
        String code = createTask(List.of(), List.of("fgw"), List.of());
        for (EngineClient client : bothTransports("fgw1")) {
            for (String name : List.of("本单位待办", "即将到期")) {
                String filterId = engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
                Answer list = client.post("/filter/" + filterId + "/list?firstResult=0&maxResults=50",
                        Map.of("sorting", List.of(Map.of("sortBy", "dueDate", "sortOrder", "asc"))));
                assertThat(list.status()).as("%s %s", client.transport(), name).isEqualTo(200);
                if ("本单位待办".equals(name)) {
                    assertThat(list.body()).contains(code);
                }
            }
        }
    }

    // --- 2. skipping the leaders' approval ------------------------------------------------------------

    @Test
    void aSubmissionCarriesOnlyItsFormsFieldsAndNothingElseChanges() {
        String withLeaders = createTask(List.of("赵明远", "钱立新"), List.of("fgw"), List.of());
        String withoutLeaders = createTask(List.of(), List.of("fgw"), List.of());
        Task draft = openTask(withLeaders, "Task_DraftPlan");
        long recordsOfOther = records(withoutLeaders);

        for (EngineClient client : bothTransports("fgw1")) {
            Map<String, Object> smuggled = draftPlanFields();
            smuggled.put("taskCode", value(withoutLeaders));
            for (String path : List.of("/complete", "/submit-form")) {
                Answer refused = client.post("/task/" + draft.getId() + path, Map.of("variables", smuggled));
                assertThat(refused.status()).as("%s %s %s", client.transport(), path, refused).isEqualTo(400);
                assertThat(refused.message()).startsWith("提交被拒绝").contains("taskCode").doesNotContain("ENGINE-");
            }
            // a serialized object in a form field is refused too
            Map<String, Object> object = draftPlanFields();
            object.put("planMeasures", Map.of("value", "{}", "type", "Json"));
            assertThat(client.post("/task/" + draft.getId() + "/complete", Map.of("variables", object)).status())
                    .isEqualTo(400);
            // writing variables directly, task-local, on the instance, or modifying the instance
            assertThat(client.put("/task/" + draft.getId() + "/variables/taskCode", value(withoutLeaders)).status())
                    .isEqualTo(403);
            assertThat(client.post("/task/" + draft.getId() + "/variables",
                    Map.of("modifications", Map.of("taskCode", value(withoutLeaders)))).status()).isEqualTo(403);
            assertThat(client.post("/task/" + draft.getId() + "/localVariables",
                    Map.of("modifications", Map.of("primaryLeadUnit", value("yshj")))).status()).isEqualTo(403);
            assertThat(client.put("/process-instance/" + draft.getProcessInstanceId() + "/variables/taskCode",
                    value(withoutLeaders)).status()).isIn(403, 404);
            assertThat(client.post("/process-instance/" + draft.getProcessInstanceId() + "/modification",
                    Map.of("instructions", List.of(Map.of("type", "startBeforeActivity", "activityId",
                            "Task_ImplementAndApplyCloseOut")))).status()).isIn(403, 404);
        }
        // nothing changed: the draft is still open, untouched, and the other task's ledger has no record
        assertThat(openTask(withLeaders, "Task_DraftPlan").getId()).isEqualTo(draft.getId());
        assertThat(runtimeService.getVariable(draft.getProcessInstanceId(), "taskCode")).isEqualTo(withLeaders);
        assertThat(records(withoutLeaders)).isEqualTo(recordsOfOther);
        assertThat(records(withLeaders)).isZero();

        // the proper submission goes to the task's two lead leaders, named after the task
        Answer done = client(Transport.ENGINE_REST, "fgw1").post("/task/" + draft.getId() + "/complete",
                Map.of("variables", draftPlanFields()));
        assertThat(done.status()).as(done.toString()).isEqualTo(204);
        List<Task> approvals = taskService.createTaskQuery().processInstanceBusinessKey(withLeaders).list();
        assertThat(approvals).extracting(Task::getTaskDefinitionKey).containsOnly("Task_LeaderApprovePlan");
        assertThat(approvals).extracting(Task::getAssignee).containsExactlyInAnyOrder("zhaomingyuan", "qianlixin");
        assertThat(approvals).allMatch(t -> t.getName().contains(withLeaders));
    }

    @Test
    void theProcessIsSteeredByTheTaskRecordNotByVariables() {
        String withLeaders = createTask(List.of("赵明远"), List.of("fgw"), List.of());
        String withoutLeaders = createTask(List.of(), List.of("yshj"), List.of());
        Task draft = openTask(withLeaders, "Task_DraftPlan");
        // even a variable written past every guard (here by the engine's Java API, unauthenticated)
        runtimeService.setVariable(draft.getProcessInstanceId(), "taskCode", withoutLeaders);
        runtimeService.setVariable(draft.getProcessInstanceId(), "primaryLeadUnit", "yshj");

        taskService.complete(draft.getId(), Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));

        Task approval = openTask(withLeaders, "Task_LeaderApprovePlan");
        assertThat(approval.getAssignee()).isEqualTo("zhaomingyuan");
        assertThat(approval.getName()).contains(withLeaders).doesNotContain(withoutLeaders);
        assertThat(records(withLeaders)).isEqualTo(1);
        assertThat(records(withoutLeaders)).isZero();
    }

    private long records(String code) {
        return jdbc.sql("select count(*) from reform_task_record r join reform_task t on t.id = r.task_id where t.code = ?").param(code)
                .query(Long.class).single();
    }

    // --- 3. attachments only through the platform's rules -----------------------------------------------

    @Test
    void engineAttachmentRoutesAreClosedToEveryoneButAdmins() {
        String code = createTask(List.of(), List.of("fgw"), List.of("kjj"));
        Task draft = openTask(code, "Task_DraftPlan");
        String attachmentId = taskService.createAttachment("text/plain", draft.getId(), draft.getProcessInstanceId(),
                "方案.txt", "方案", new java.io.ByteArrayInputStream("方案".getBytes())).getId();
        for (String user : List.of("fgw1", "kjj1", "yshj1", "office1")) {
            for (EngineClient client : bothTransports(user)) {
                String base = "/task/" + draft.getId() + "/attachment";
                for (Answer answer : List.of(client.get(base), client.get(base + "/" + attachmentId),
                        client.get(base + "/" + attachmentId + "/data"), client.delete(base + "/" + attachmentId))) {
                    assertThat(answer.status()).as("%s %s %s", client.transport(), user, answer).isEqualTo(403);
                    assertThat(answer.message()).contains("附件页面");
                }
            }
        }
        assertThat(taskService.getAttachment(attachmentId)).isNotNull();
        assertThat(client(Transport.ENGINE_REST, "admin").get("/task/" + draft.getId() + "/attachment/" + attachmentId)
                .status()).isEqualTo(200);
    }

    // --- 4. claiming for someone else ---------------------------------------------------------------------

    @Test
    void aClaimNamesTheLoggedInUserUnlessTheOfficeAssigns() {
        String code = createTask(List.of(), List.of("fgw"), List.of());
        Task draft = openTask(code, "Task_DraftPlan");
        for (EngineClient client : bothTransports("fgw1")) {
            Answer refused = client.post("/task/" + draft.getId() + "/claim", Map.of("userId", "yshj1"));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.message()).contains("只能以本人身份认领任务");
        }
        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getAssignee()).isNull();

        assertThat(client(Transport.WEBAPPS, "fgw1").post("/task/" + draft.getId() + "/claim",
                Map.of("userId", "fgw1")).status()).isEqualTo(204);
        // claiming a claimed task: 409 with a Chinese message, not 500
        Answer taken = client(Transport.ENGINE_REST, "office1").post("/task/" + draft.getId() + "/claim",
                Map.of("userId", "office1"));
        assertThat(taken.status()).as(taken.toString()).isEqualTo(409);
        assertThat(taken.message()).contains("已被其他人认领");
        // whoever holds it may give it back (TASK_WORK alone would not allow it), nobody else
        assertThat(client(Transport.ENGINE_REST, "yshj1").post("/task/" + draft.getId() + "/unclaim", Map.of())
                .status()).isIn(403, 404);
        assertThat(client(Transport.WEBAPPS, "fgw1").post("/task/" + draft.getId() + "/unclaim", Map.of()).status())
                .isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getAssignee()).isNull();
        // the office may hand the task to someone
        assertThat(client(Transport.ENGINE_REST, "office1").post("/task/" + draft.getId() + "/assignee",
                Map.of("userId", "fgw1")).status()).isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getAssignee()).isEqualTo("fgw1");
    }

    // --- the authorization matrix ------------------------------------------------------------------------

    /**
     * Every role × every operation, through /engine-rest (Basic) and the webapps' engine API (session and
     * XSRF token): fails on any unexpected allow or deny. The reform task has lead leader 赵明远, lead
     * units 市发展改革委 (primary, fgw1) and 市财政局 (co-lead, czj1), cooperating unit 市科技局 (kjj1);
     * 市营商环境办 (yshj1) is not involved.
     */
    @Test
    void authorizationMatrix() {
        AuthorizationMatrix matrix = new AuthorizationMatrix()
                // Tasklist's work
                .read("list 我的待办", (c, f) -> c.post("/filter/" + filterId("我的待办") + "/list", Map.of()),
                        UNAUTHENTICATED, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW)
                .read("read the 方案制定 task", (c, f) -> c.get("/task/" + f.taskId()),
                        UNAUTHENTICATED, ALLOW, ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW)
                .read("open its form", (c, f) -> c.get("/task/" + f.taskId() + "/form-variables"),
                        UNAUTHENTICATED, ALLOW, ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW)
                .read("its deployed form", (c, f) -> c.get("/task/" + f.taskId() + "/deployed-form"),
                        UNAUTHENTICATED, ALLOW, ALLOW, DENY, DENY, ALLOW, ALLOW, ALLOW)
                .read("its history (user operations)", (c, f) -> c.get("/history/user-operation?taskId=" + f.taskId()),
                        UNAUTHENTICATED, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW)
                .write("claim it for oneself", (c, f) -> c.post("/task/" + f.taskId() + "/claim",
                        Map.of("userId", c.user() == null ? "fgw1" : c.user())),
                        UNAUTHENTICATED, ALLOW, DENY, DENY, DENY, DENY, ALLOW, ALLOW)
                .write("claim it for another unit's user", (c, f) -> c.post("/task/" + f.taskId() + "/claim",
                        Map.of("userId", "yshj1")),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, ALLOW, ALLOW)
                .write("give back the task the lead unit's clerk holds", (c, f) -> {
                    taskService.setAssignee(f.taskId(), "fgw1");
                    return c.post("/task/" + f.taskId() + "/unclaim", Map.of());
                }, UNAUTHENTICATED, ALLOW, DENY, DENY, DENY, DENY, ALLOW, ALLOW)
                .write("complete it with its form's fields", (c, f) -> c.post("/task/" + f.taskId() + "/complete",
                        Map.of("variables", draftPlanFields())),
                        UNAUTHENTICATED, ALLOW, DENY, DENY, DENY, DENY, ALLOW, ALLOW)
                .write("complete it with an extra taskCode", (c, f) -> {
                    Map<String, Object> variables = draftPlanFields();
                    variables.put("taskCode", value("2026-001"));
                    return c.post("/task/" + f.taskId() + "/submit-form", Map.of("variables", variables));
                }, UNAUTHENTICATED, REFUSE, REFUSE_OR_DENY, REFUSE_OR_DENY, REFUSE_OR_DENY, REFUSE_OR_DENY, REFUSE,
                        REFUSE)
                .write("set a task variable", (c, f) -> c.put("/task/" + f.taskId() + "/variables/planMeasures",
                        value("改")),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW)
                .write("set a task-local variable", (c, f) -> c.post("/task/" + f.taskId() + "/localVariables",
                        Map.of("modifications", Map.of("x", value("y")))),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW)
                .write("modify the instance", (c, f) -> c.post("/process-instance/" + f.processInstanceId()
                        + "/modification", Map.of("instructions", List.of(Map.of("type", "cancel",
                                "activityId", "Task_DraftPlan")))),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW)
                .read("list its engine attachments", (c, f) -> c.get("/task/" + f.taskId() + "/attachment"),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, ALLOW)
                .write("attach a file through the engine", (c, f) -> c.post("/task/" + f.taskId()
                        + "/attachment/create", Map.of()),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, PERMITTED)
                // one's own account
                .write("rename oneself", (c, f) -> c.put("/user/" + (c.user() == null ? "fgw1" : c.user())
                        + "/profile", Map.of("id", c.user() == null ? "fgw1" : c.user(), "firstName", "刘洋",
                                "lastName", "(市委改革办)")),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, SKIP)
                .write("delete one's own account", (c, f) -> c.delete("/user/" + (c.user() == null ? "fgw1" : c.user())),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, SKIP)
                .write("change another user's password", (c, f) -> c.put("/user/office2/credentials",
                        Map.of("password", "Xy9#kLm2Qw", "authenticatedUserPassword", "demo")),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, SKIP)
                // what stays with the admins
                .write("deploy", (c, f) -> c.post("/deployment/create", Map.of()),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, PERMITTED)
                .write("start a process", (c, f) -> c.post("/process-definition/key/reform-summary/start", Map.of()),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, SKIP)
                .write("create a filter", (c, f) -> c.post("/filter/create", Map.of("resourceType", "Task",
                        "name", "x", "query", Map.of())),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, SKIP)
                .write("create a user", (c, f) -> c.post("/user/create", Map.of("profile", Map.of("id", "mallory"),
                        "credentials", Map.of("password", "1"))),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, SKIP)
                .write("grant an authorization", (c, f) -> c.post("/authorization/create", Map.of("type", 1,
                        "permissions", List.of("ALL"), "userId", "fgw1", "resourceType", 8, "resourceId", "*")),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, DENY, SKIP)
                .read("list authorizations (Tasklist's filter dialog; the engine shows only readable ones)",
                        (c, f) -> c.get("/authorization"),
                        UNAUTHENTICATED, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW, ALLOW)
                // Cockpit's plugin API (webapps only)
                .webappsRead("Cockpit statistics", (c, f) -> c.raw("GET",
                        "/camunda/api/cockpit/plugin/base/default/process-definition/statistics", null),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, ALLOW, ALLOW)
                // the platform's own /api
                .read("read the reform task", (c, f) -> c.raw("GET", "/api/tasks/" + f.code(), null),
                        UNAUTHENTICATED, ALLOW, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW)
                .read("its attachments", (c, f) -> c.raw("GET", "/api/tasks/" + f.code() + "/attachments", null),
                        UNAUTHENTICATED, ALLOW, ALLOW, ALLOW, DENY, ALLOW, ALLOW, ALLOW)
                .write("start an inspection (not yet in implementation: 409)", (c, f) -> c.raw("POST",
                        "/api/tasks/" + f.code() + "/inspections", Map.of("reason", "抽查")),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, PERMITTED, PERMITTED)
                .write("create a reform task", (c, f) -> c.raw("POST", "/api/tasks", Map.of()),
                        UNAUTHENTICATED, DENY, DENY, DENY, DENY, DENY, PERMITTED, PERMITTED);

        List<String> failures = matrix.check(new AuthorizationMatrix.Clients() {
            private AuthorizationMatrix.Fixture shared;

            @Override
            public EngineClient client(Transport transport, String user) {
                return clients.computeIfAbsent(transport + "/" + user, key -> AbstractEngineSecurityIT.this
                        .client(transport, user));
            }

            @Override
            public AuthorizationMatrix.Fixture freshFixture() {
                String code = createTask(List.of("赵明远"), List.of("fgw", "czj"), List.of("kjj"));
                Task draft = openTask(code, "Task_DraftPlan");
                return new AuthorizationMatrix.Fixture(code, draft.getId(), draft.getProcessInstanceId());
            }

            @Override
            public AuthorizationMatrix.Fixture sharedFixture() {
                if (shared == null) {
                    shared = freshFixture();
                }
                return shared;
            }
        });
        assertThat(failures).isEmpty();
    }

    private final Map<String, EngineClient> clients = new java.util.concurrent.ConcurrentHashMap<>();

    private String filterId(String name) {
        return engine.getFilterService().createFilterQuery().filterName(name).singleResult().getId();
    }
}
