package cn.reformoffice.platform.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The platform through its two REST APIs as the demo users would use it, with Camunda
 * authorization checks on. Subclasses choose the database (H2, real PostgreSQL).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "reform.attachments.max-file-size=64KB" })
@DirtiesContext
abstract class AbstractPlatformIT {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };
    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired ProcessEngine engine;
    @Autowired RuntimeService runtimeService;
    @Autowired ApplicationContext context;

    private static int sequence;

    /** A wrong password is tried for an unknown user: Camunda delays further logins of a real user after one. */
    @Test
    void anonymousRequestsAreRefusedWith401() {
        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> script = rest.getForEntity("/api/tasks", String.class);
        assertThat(script.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(script.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        // a page of ours whose session expired: 401 without a challenge, so no browser password dialog
        HttpHeaders page = new HttpHeaders();
        page.set("X-Requested-With", "XMLHttpRequest");
        ResponseEntity<String> fromPage = rest.exchange("/api/tasks", HttpMethod.GET, new HttpEntity<>(page),
                String.class);
        assertThat(fromPage.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(fromPage.getHeaders().containsKey(HttpHeaders.WWW_AUTHENTICATE)).isFalse();
        assertThat(rest.withBasicAuth("nobody", "wrong").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void demoUsersTakeOneReformTaskThroughAllSixStages() {
        String code = createTask(List.of("赵明远"), List.of("市发改委", "市财政局"), List.of("市科技局"));

        // 方案制定 by the primary lead unit; the co-lead unit sees the task but cannot work it
        String draft = onlyTask("fgw1", code, "Task_DraftPlan");
        assertThat(taskIds("czj1", code)).contains(draft);
        assertThat(taskIds("zhaomingyuan", code)).contains(draft);
        assertThat(taskIds("qianlixin", code)).isEmpty();
        assertThat(complete("czj1", draft, Map.of()).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(complete("fgw1", draft, Map.of("planMeasures", "措施", "planMilestones", "6月底前",
                "planResults", "制度文件")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        // 领衔领导审定 by the leader, who sees the reform task's process instance
        String approval = onlyTask("zhaomingyuan", code, "Task_LeaderApprovePlan");
        assertThat(processInstances("zhaomingyuan", code)).hasSize(1);
        assertThat(complete("zhaomingyuan", approval, Map.of("planDecision", "approve")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);

        // 实施 → 季度报送 (timer fired now by the office) → 对账
        String implement = onlyTask("fgw1", code, "Task_ImplementAndApplyCloseOut");
        assertThat(post("office1", "/api/tasks/" + code + "/quarterly-report", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        complete("fgw1", onlyTask("fgw1", code, "Task_SubmitQuarterlyReport"),
                Map.of("reportProgress", "进展", "reportStatus", "on-track", "reportNextSteps", "计划"));
        assertThat(complete("fgw1", onlyTask("office1", code, "Task_ReconcileReport"),
                Map.of("reportDecision", "accept")).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        complete("office1", onlyTask("office1", code, "Task_ReconcileReport"), Map.of("reportDecision", "accept"));

        // 督查 started by the office, with rectification and re-check
        assertThat(post("office1", "/api/tasks/" + code + "/inspections", Map.of("reason", "季度抽查"))
                .getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        complete("office1", onlyTask("office1", code, "Task_Inspect"), Map.of("inspectionMethod", "onsite",
                "inspectionFindings", "台账不全", "inspectionResult", "rectify",
                "rectificationRequirements", "补齐台账", "rectificationDeadline", rectificationDeadline()));
        complete("fgw1", onlyTask("fgw1", code, "Task_Rectify"),
                Map.of("rectificationMeasures", "已补齐", "rectificationOutcome", "台账完整"));
        complete("office1", onlyTask("office1", code, "Task_Recheck"), Map.of("recheckDecision", "pass"));

        // 销号: the unit applies, the office approves
        assertThat(complete("fgw1", implement, Map.of("completionSummary", "全部完成", "achievementType", "policy",
                "completionEvidence", "文件")).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        complete("office1", onlyTask("office1", code, "Task_ReviewCloseOut"), Map.of("closeOutDecision", "approve"));

        Map<String, Object> task = get("fgw1", "/api/tasks/" + code, MAP).getBody();
        assertThat(task).containsEntry("stage", "CLOSED").containsEntry("stageLabel", "已销号");
        assertThat((List<?>) task.get("records")).hasSize(10);
        assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(code).count()).isZero();
    }

    @Test
    void unitBCannotSeeOrCompleteUnitAsTask() {
        String code = createTask(List.of(), List.of("市发改委"), List.of("市科技局"));
        String draft = onlyTask("fgw1", code, "Task_DraftPlan");

        assertThat(taskIds("yshj1", code)).isEmpty();
        // the engine does not even confirm that the task exists
        assertThat(get("yshj1", "/engine-rest/task/" + draft, MAP).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        ResponseEntity<Map<String, Object>> refused = complete("yshj1", draft,
                Map.of("planMeasures", "x", "planMilestones", "y", "planResults", "z"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) refused.getBody().get("message")).contains("您无权查看或办理该任务");
        assertThat(onlyTask("fgw1", code, "Task_DraftPlan")).isEqualTo(draft);

        assertThat(processInstances("yshj1", code)).isEmpty();
        assertThat(processInstances("kjj1", code)).hasSize(1);
        assertThat(get("yshj1", "/api/tasks/" + code, MAP).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("yshj1", "/api/tasks", LIST).getBody()).noneMatch(t -> code.equals(t.get("code")));
        assertThat(get("kjj1", "/api/tasks", LIST).getBody()).anyMatch(t -> code.equals(t.get("code")));
    }

    @Test
    void aUnitWorksItsTaskButCannotMoveItsDeadlineOrHandItOn() {
        String code = createTask(List.of(), List.of("fgw"), List.of());
        String draft = onlyTask("fgw1", code, "Task_DraftPlan");
        Map<String, Object> before = get("office1", "/engine-rest/task/" + draft, MAP).getBody();

        assertThat(post("fgw1", "/engine-rest/task/" + draft + "/claim", Map.of("userId", "fgw1")).getStatusCode())
                .isEqualTo(HttpStatus.NO_CONTENT);
        // PUT /task/{id} replaces the task's properties: send them all, with a later due date
        Map<String, Object> moved = new LinkedHashMap<>();
        for (String key : List.of("name", "description", "priority", "owner", "followUp", "parentTaskId",
                "caseInstanceId", "tenantId")) {
            moved.put(key, before.get(key));
        }
        moved.put("assignee", "fgw1");
        moved.put("due", "2027-06-30T18:00:00.000+0800");
        assertThat(rest.withBasicAuth("fgw1", "demo").exchange("/engine-rest/task/" + draft, HttpMethod.PUT,
                new HttpEntity<>(moved, jsonOnly()), MAP).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(post("fgw1", "/engine-rest/task/" + draft + "/assignee", Map.of("userId", "czj1"))
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        Map<String, Object> after = get("office1", "/engine-rest/task/" + draft, MAP).getBody();
        assertThat(after.get("due")).isEqualTo(before.get("due")).isNotNull();
        assertThat(after.get("assignee")).isEqualTo("fgw1");

        // the office may move a deadline (an approved extension, a correction)
        assertThat(rest.withBasicAuth("office1", "demo").exchange("/engine-rest/task/" + draft, HttpMethod.PUT,
                new HttpEntity<>(moved, jsonOnly()), MAP).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    @Test
    void aUnitRequestsAnExtensionAndTheOfficeApprovesIt() {
        String code = createTask(List.of(), List.of("fgw"), List.of());
        String draft = onlyTask("fgw1", code, "Task_DraftPlan");
        String due = (String) get("office1", "/engine-rest/task/" + draft, MAP).getBody().get("due");
        java.time.LocalDate requested = java.time.OffsetDateTime.parse(due,
                java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ")).toLocalDate().plusDays(30);

        ResponseEntity<Map<String, Object>> asked = post("fgw1", "/api/extensions",
                Map.of("taskId", draft, "newDueDate", requested.toString(), "reason", "等待省级配套政策出台"));
        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(post("fgw1", "/api/extensions",
                Map.of("taskId", draft, "newDueDate", requested.toString(), "reason", "重复提交")).getStatusCode())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(post("czj1", "/api/extensions",
                Map.of("taskId", draft, "newDueDate", requested.toString(), "reason", "无关单位")).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        Number id = (Number) asked.getBody().get("id");

        assertThat(post("office1", "/api/extensions/" + id + "/decision", Map.of("approve", true, "comment", "同意"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get("fgw1", "/api/extensions?taskCode=" + code, LIST).getBody()).as("the unit sees the outcome")
                .singleElement().satisfies(r -> assertThat(r).containsEntry("status", "APPROVED")
                        .containsEntry("decisionComment", "同意"));
        assertThat(get("czj1", "/api/extensions?taskCode=" + code, MAP).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("fgw1", "/api/extensions", MAP).getStatusCode()).as("only the office lists all")
                .isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(get("office1", "/api/extensions", LIST).getBody()).as("every status, on every database")
                .anyMatch(r -> code.equals(r.get("taskCode")));
        assertThat(get("office1", "/api/extensions?status=APPROVED", LIST).getBody())
                .allMatch(r -> "APPROVED".equals(r.get("status"))).anyMatch(r -> code.equals(r.get("taskCode")));
        String moved = (String) get("fgw1", "/engine-rest/task/" + draft, MAP).getBody().get("due");
        assertThat(moved).startsWith(requested.toString());
        assertThat(get("fgw1", "/engine-rest/task/" + draft + "/comment", LIST).getBody())
                .extracting(c -> (String) c.get("message")).anyMatch(m -> m.startsWith("【延期申请】"))
                .anyMatch(m -> m.startsWith("【同意延期】"));
    }

    @Test
    void missingRequiredFieldIsRefusedWith400AndTheTaskStays() {
        String code = createTask(List.of(), List.of("fgw"), List.of());
        String draft = onlyTask("fgw1", code, "Task_DraftPlan");
        ResponseEntity<Map<String, Object>> refused = complete("fgw1", draft, Map.of("planMeasures", "只有措施"));
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) refused.getBody().get("message")).startsWith("任务未提交：请填写必填项")
                .contains("时间节点及阶段安排");
        assertThat(onlyTask("fgw1", code, "Task_DraftPlan")).isEqualTo(draft);
    }

    @Test
    void badTaskIsRefusedWith400InChineseAndNothingIsCreated() {
        long instancesBefore = runtimeService.createProcessInstanceQuery().count();
        ResponseEntity<Map<String, Object>> noLeadUnit = post("office1", "/api/tasks",
                body("BAD-1", List.of(), List.of(), List.of()));
        assertThat(noLeadUnit.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((String) noLeadUnit.getBody().get("detail")).contains("牵头单位不能为空");

        ResponseEntity<Map<String, Object>> unknown = post("office1", "/api/tasks",
                body("BAD-2", List.of("张三"), List.of("市发改委", "市不存在局"), List.of("市外星局")));
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat((List<String>) unknown.getBody().get("errors")).containsExactly(
                "未知的领衔领导“张三”，请使用组织配置中的名称或编号",
                "未知的牵头单位“市不存在局”，请使用组织配置中的名称或编号",
                "未知的协同单位“市外星局”，请使用组织配置中的名称或编号");

        assertThat(get("office1", "/api/tasks/BAD-1", MAP).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(get("office1", "/api/tasks/BAD-2", MAP).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instancesBefore);
    }

    @Test
    void onlyTheOfficeCreatesTasksAndStartsInspections() {
        ResponseEntity<Map<String, Object>> byUnit = post("fgw1", "/api/tasks",
                body("UNIT-1", List.of(), List.of("fgw"), List.of()));
        assertThat(byUnit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat((String) byUnit.getBody().get("detail")).contains("只有市委改革办工作人员");

        String code = createTask(List.of(), List.of("fgw"), List.of());
        assertThat(post("fgw1", "/api/tasks/" + code + "/inspections", Map.of()).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map<String, Object>> tooEarly = post("office1", "/api/tasks/" + code + "/inspections",
                Map.of());
        assertThat(tooEarly.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat((String) tooEarly.getBody().get("detail")).contains("只有实施阶段的任务可以发起督查");
    }

    /** The platform's pages call /api with the Tasklist/Cockpit login of the browser. */
    @Test
    void webappLoginAuthenticatesTheApiButNotCrossSiteWrites() {
        ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/", String.class);
        String cookies = String.join("; ", page.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .map(cookie -> cookie.substring(0, cookie.indexOf(';'))).toList());
        String xsrf = cookies.replaceAll(".*XSRF-TOKEN=([^;]+).*", "$1");
        HttpHeaders login = new HttpHeaders();
        login.add(HttpHeaders.COOKIE, cookies);
        login.add("X-XSRF-TOKEN", xsrf);
        login.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        ResponseEntity<String> loggedIn = rest.postForEntity("/camunda/api/admin/auth/user/default/login/tasklist",
                new HttpEntity<>("username=office1&password=demo", login), String.class);
        assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
        String session = loggedIn.getHeaders().get(HttpHeaders.SET_COOKIE).stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID")).map(cookie -> cookie.substring(0, cookie.indexOf(';')))
                .findFirst().orElse(cookies);

        HttpHeaders browser = new HttpHeaders();
        browser.add(HttpHeaders.COOKIE, session);
        browser.setContentType(MediaType.APPLICATION_JSON);
        assertThat(rest.exchange("/api/tasks", HttpMethod.GET, new HttpEntity<>(browser), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        Map<String, Object> task = body("SESSION-1", List.of(), List.of("fgw"), List.of());
        assertThat(rest.exchange("/api/tasks", HttpMethod.POST, new HttpEntity<>(task, browser), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        browser.add("X-Requested-With", "XMLHttpRequest");
        assertThat(rest.exchange("/api/tasks", HttpMethod.POST, new HttpEntity<>(task, browser), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    /** A restart runs the start-up plugins again: no new deployment, users, authorizations or filters. */
    @Test
    void startUpIsIdempotent() {
        RepositoryService repository = engine.getRepositoryService();
        IdentityService identity = engine.getIdentityService();
        AuthorizationService authorizations = engine.getAuthorizationService();
        FilterService filters = engine.getFilterService();
        long deployments = repository.createDeploymentQuery().deploymentName("reform-platform").count();
        long definitions = repository.createProcessDefinitionQuery().processDefinitionKey("reform-task").count();
        long users = identity.createUserQuery().count();
        long groups = identity.createGroupQuery().count();
        long auths = authorizations.createAuthorizationQuery().count();
        long filterCount = filters.createFilterQuery().count();

        context.getBeansOfType(ProcessEnginePlugin.class).values().stream()
                .filter(plugin -> plugin.getClass().getName().startsWith("cn.reformoffice"))
                .forEach(plugin -> plugin.postProcessEngineBuild(engine));

        assertThat(deployments).isEqualTo(1);
        assertThat(definitions).isEqualTo(1);
        assertThat(repository.createDeploymentQuery().deploymentName("reform-platform").count()).isEqualTo(1);
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("reform-task").count())
                .isEqualTo(1);
        assertThat(identity.createUserQuery().count()).isEqualTo(users);
        assertThat(identity.createGroupQuery().count()).isEqualTo(groups);
        assertThat(authorizations.createAuthorizationQuery().count()).isEqualTo(auths);
        assertThat(filters.createFilterQuery().count()).isEqualTo(filterCount).isEqualTo(7);
    }

    @Test
    void theLeadUnitAttachesEvidenceAndOnlyTheTasksPartiesSeeIt() {
        String code = createTask(List.of(), List.of("fgw"), List.of("kjj"));
        String draft = onlyTask("fgw1", code, "Task_DraftPlan");
        byte[] plan = "实施方案（送审稿）".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        ResponseEntity<Map<String, Object>> uploaded = upload("fgw1", code, draft, "实施方案.pdf", plan);
        assertThat(uploaded.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(uploaded.getBody()).containsEntry("name", "实施方案.pdf").containsEntry("stageName", "方案制定")
                .containsEntry("uploaderId", "fgw1").containsEntry("deletable", true);
        String attachmentId = (String) uploaded.getBody().get("id");

        assertThat(upload("kjj1", code, draft, "协同意见.pdf", plan).getBody()).as("a cooperating unit reads only")
                .extractingByKey("detail").asString().contains("不是该待办的办理单位");
        assertThat(upload("czj1", code, draft, "无关.pdf", plan).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(upload("fgw1", code, draft, "病毒.exe", plan).getBody()).extractingByKey("detail").asString()
                .contains("不支持").contains("pdf");
        ResponseEntity<Map<String, Object>> tooLarge = upload("fgw1", code, draft, "扫描件.pdf", new byte[65 * 1024]);
        assertThat(tooLarge.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(tooLarge.getBody()).extractingByKey("detail").asString().contains("不能超过");
        assertThat(upload("fgw1", code, draft, "空文件.pdf", new byte[0]).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);

        assertThat(get("kjj1", "/api/tasks/" + code + "/attachments", MAP).getBody().get("attachments"))
                .asList().hasSize(1);
        assertThat(get("czj1", "/api/tasks/" + code + "/attachments", MAP).getStatusCode())
                .isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<byte[]> download = rest.withBasicAuth("office1", "demo")
                .getForEntity("/api/attachments/" + attachmentId + "/content", byte[].class);
        assertThat(download.getBody()).isEqualTo(plan);
        assertThat(download.getHeaders().getContentDisposition().getFilename()).isEqualTo("实施方案.pdf");
        assertThat(rest.withBasicAuth("czj1", "demo").getForEntity("/api/attachments/" + attachmentId + "/content",
                String.class).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);

        String second = (String) upload("fgw1", code, draft, "草稿.docx", plan).getBody().get("id");
        assertThat(delete("kjj1", "/api/attachments/" + second).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(delete("fgw1", "/api/attachments/" + second).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

        assertThat(complete("fgw1", draft, Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"))
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        Map<String, Object> afterSubmit = get("office1", "/api/tasks/" + code + "/attachments?taskId=" + draft, MAP)
                .getBody();
        assertThat(afterSubmit.get("attachments")).asList().singleElement()
                .satisfies(a -> assertThat(a).asString().contains("deletable=false").contains("stageName=方案制定"));
        assertThat(afterSubmit.get("uploadTarget")).asString().contains("canUpload=false").contains("已提交");
        assertThat(delete("fgw1", "/api/attachments/" + attachmentId).getStatusCode())
                .as("submitted evidence stays").isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(upload("fgw1", code, draft, "补充.pdf", plan).getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    }

    // --- helpers -------------------------------------------------------------------------------

    private ResponseEntity<Map<String, Object>> upload(String user, String code, String taskId, String name,
            byte[] content) {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        return rest.withBasicAuth(user, "demo").exchange("/api/tasks/{code}/attachments?taskId={taskId}&name={name}",
                HttpMethod.POST, new HttpEntity<>(content, headers), MAP, code, taskId, name);
    }

    private ResponseEntity<String> delete(String user, String path) {
        return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.DELETE, new HttpEntity<>(jsonOnly()),
                String.class);
    }

    private String createTask(List<String> leaders, List<String> leadUnits, List<String> coopUnits) {
        String code = getClass().getSimpleName().replace("IT", "") + "-" + (++sequence);
        ResponseEntity<Map<String, Object>> created = post("office1", "/api/tasks",
                body(code, leaders, leadUnits, coopUnits));
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        return code;
    }

    private static Map<String, Object> body(String code, List<String> leaders, List<String> leadUnits,
            List<String> coopUnits) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("year", 2026);
        body.put("title", "测试任务" + code);
        body.put("goals", "目标");
        body.put("leaders", leaders);
        body.put("leadUnits", leadUnits);
        body.put("coopUnits", coopUnits);
        body.put("deadline", "2026-12-31");
        return body;
    }

    private List<String> taskIds(String user, String code) {
        return get(user, "/engine-rest/task?processInstanceBusinessKey=" + code, LIST).getBody().stream()
                .map(t -> (String) t.get("id")).toList();
    }

    private String onlyTask(String user, String code, String activityId) {
        List<Map<String, Object>> tasks = get(user,
                "/engine-rest/task?processInstanceBusinessKey=" + code + "&taskDefinitionKey=" + activityId, LIST)
                .getBody();
        assertThat(tasks).as("%s's %s tasks of %s", user, activityId, code).hasSize(1);
        return (String) tasks.get(0).get("id");
    }

    private List<Map<String, Object>> processInstances(String user, String code) {
        return get(user, "/engine-rest/process-instance?businessKey=" + code, LIST).getBody();
    }

    private ResponseEntity<Map<String, Object>> complete(String user, String taskId, Map<String, Object> values) {
        Map<String, Object> variables = new LinkedHashMap<>();
        values.forEach((key, value) -> variables.put(key, Map.of("value", value)));
        return post(user, "/engine-rest/task/" + taskId + "/complete", Map.of("variables", variables));
    }

    private <T> ResponseEntity<T> get(String user, String path, ParameterizedTypeReference<T> type) {
        return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.GET, new HttpEntity<>(jsonOnly()), type);
    }

    private ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
        return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.POST, new HttpEntity<>(body, jsonOnly()),
                MAP);
    }

    /** Plain JSON: Camunda's REST answers application/*+json requests with HAL. */
    private static HttpHeaders jsonOnly() {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    /** A week from today (China), within the test task's 完成时限 of 2026-12-31 while that lies ahead. */
    private static String rectificationDeadline() {
        java.time.LocalDate inAWeek = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(7);
        java.time.LocalDate deadline = java.time.LocalDate.of(2026, 12, 31);
        return (inAWeek.isAfter(deadline) ? deadline : inAWeek).toString();
    }
}
