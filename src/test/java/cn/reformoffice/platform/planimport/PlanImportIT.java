package cn.reformoffice.platform.planimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.task.Stage;

/**
 * Plan import through REST on H2 as the demo users: preview writes nothing, confirm creates and starts,
 * all or nothing, re-import idempotent, authorization, bad files. The ordered methods are one story on
 * the shared 2024 sample plan; the others use years of their own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:planimportit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "reform.import.max-file-size=256KB" })
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PlanImportIT extends AbstractPlanImportIT {

    @org.springframework.boot.test.web.server.LocalServerPort int port;
    @MockitoSpyBean RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired IdentityService identityService;
    @Autowired ReformTaskService reformTasks;
    @Autowired OrganizationDirectory directory;
    @Autowired JdbcClient jdbc;

    private static String sampleImport;

    /** The resolutions the office gives for the sample plan's unknown names. */
    private static Map<String, Object> sampleResolutions() {
        Map<String, Object> resolutions = new LinkedHashMap<>();
        resolutions.put("leaderMappings", Map.of("孙海燕", "qianlixin"));
        resolutions.put("unitMappings", Map.of("市经信局", "市科技局"));
        resolutions.put("createUnits", List.of("市农业农村局"));
        resolutions.put("ignore", List.of("李文博", "市自然资源和规划局", "各县(区)"));
        return resolutions;
    }

    private long tasksOfYear(int year) {
        return jdbc.sql("select count(*) from reform_task where plan_year = ?").param(year).query(Long.class).single();
    }

    private long instancesOfYear(int year) {
        return runtimeService.createProcessInstanceQuery().processInstanceBusinessKeyLike(year + "-%").count();
    }

    @Test
    @Order(1)
    void previewListsEveryTaskWithItsPartiesAndWritesNothing() {
        ResponseEntity<Map<String, Object>> response = preview("office1", PlanFixtures.plan("sample-2024-plan"),
                "sample-2024-plan.txt", null);
        assertStatus(response, 201);
        Map<String, Object> view = response.getBody();
        sampleImport = (String) view.get("id");
        assertThat(response.getHeaders().getLocation()).hasPath("/api/imports/" + sampleImport);
        assertThat(view).containsEntry("status", "PREVIEW").containsEntry("statusLabel", "待确认")
                .containsEntry("title", "江安市2024年全面深化改革工作要点").containsEntry("number", "江委改发〔2024〕2号")
                .containsEntry("year", 2024).containsEntry("format", "TEXT");
        assertThat(summary(view)).containsEntry("total", 10).containsEntry("created", 10)
                .containsEntry("toStart", 5).containsEntry("awaitingAssignment", 5).containsEntry("unknownNames", 6);
        assertThat(tasks(view)).extracting(t -> t.get("code")).containsExactly("2024-01-01", "2024-01-02",
                "2024-01-03", "2024-02-01", "2024-02-02", "2024-02-03", "2024-02-04", "2024-03-01", "2024-03-02",
                "2024-03-03");

        Map<String, Object> reform = task(view, "2024-02-01");
        assertThat(reform).containsEntry("title", "要素市场化配置综合改革").containsEntry("action", "NEW")
                .containsEntry("awaitingAssignment", false).containsEntry("deadline", "2024-12-31");
        assertThat((List<Map<String, Object>>) reform.get("leaders")).extracting(n -> n.get("id"))
                .containsExactly("zhaomingyuan", "qianlixin");
        assertThat((List<Map<String, Object>>) reform.get("leadUnits")).extracting(n -> n.get("id"))
                .containsExactly("fgw", "czj");
        Map<String, Object> noUnit = task(view, "2024-01-01");
        assertThat(noUnit).containsEntry("awaitingAssignment", true);
        assertThat((List<String>) noUnit.get("warnings")).anyMatch(w -> w.contains("待分配"));
        assertThat((List<String>) task(view, "2024-02-04").get("warnings"))
                .anyMatch(w -> w.contains("措施编号“1)”缺少左括号"));

        List<Map<String, Object>> unknown = (List<Map<String, Object>>) view.get("unknownNames");
        assertThat(unknown).extracting(u -> u.get("role") + ":" + u.get("name")).containsExactlyInAnyOrder(
                "LEADER:孙海燕", "LEADER:李文博", "UNIT:市农业农村局", "UNIT:市自然资源和规划局", "UNIT:各县(区)", "UNIT:市经信局");
        assertThat(unknown).filteredOn(u -> "孙海燕".equals(u.get("name"))).singleElement()
                .satisfies(u -> assertThat((List<String>) u.get("tasks")).containsExactly("2024-02-02"));

        assertThat(tasksOfYear(2024)).isZero();
        assertThat(instancesOfYear(2024)).isZero();
        assertThat(get("office1", "/api/imports/" + sampleImport, MAP).getBody()).containsEntry("status", "PREVIEW");
    }

    @Test
    @Order(2)
    void confirmIsRefusedWhileNamesAreUnresolved() {
        Map<String, Object> partial = new HashMap<>(sampleResolutions());
        partial.remove("leaderMappings");
        ResponseEntity<Map<String, Object>> refused = confirm("office1", sampleImport, partial, true);
        assertStatus(refused, 400);
        assertThat((String) refused.getBody().get("detail")).startsWith("未导入：请先处理以下问题");
        assertThat((List<String>) refused.getBody().get("errors"))
                .containsExactly("未处理的领衔领导名称“孙海燕”：请映射到已有领导或忽略");

        ResponseEntity<Map<String, Object>> badTarget = confirm("office1", sampleImport,
                Map.of("unitMappings", Map.of("市经信局", "市不存在局")), true);
        assertStatus(badTarget, 400);
        assertThat((List<String>) badTarget.getBody().get("errors")).contains("“市经信局”要映射到的单位“市不存在局”不在组织配置中");
        assertThat(tasksOfYear(2024)).isZero();
        assertThat(get("office1", "/api/imports/" + sampleImport, MAP).getBody()).containsEntry("status", "PREVIEW");
    }

    @Test
    @Order(3)
    void aFailureDuringConfirmLeavesNothingBehind() {
        long groups = identityService.createGroupQuery().count();
        long instances = runtimeService.createProcessInstanceQuery().count();
        AtomicInteger starts = new AtomicInteger();
        // reform tasks start by the id of the latest version (LatestVersions)
        doAnswer(invocation -> {
            if (starts.incrementAndGet() == 4) {
                throw new ProcessEngineException("injected failure on the 4th process start");
            }
            return invocation.callRealMethod();
        }).when(runtimeService).startProcessInstanceById(anyString(), anyString(), anyMap());

        ResponseEntity<Map<String, Object>> failed = confirm("office1", sampleImport, sampleResolutions(), true);

        assertStatus(failed, 500);
        assertThat((String) failed.getBody().get("detail"))
                .startsWith("导入失败，已全部撤销：没有创建或更新任何任务，也没有启动任何流程。").contains("injected failure");
        assertThat(starts.get()).isEqualTo(4);
        assertThat(tasksOfYear(2024)).isZero();
        assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
        assertThat(jdbc.sql("select count(*) from act_hi_procinst where business_key_ like '2024-%'")
                .query(Long.class).single()).isZero();
        assertThat(identityService.createGroupQuery().count()).isEqualTo(groups);
        assertThat(identityService.createGroupQuery().groupName("市农业农村局").count()).isZero();
        assertThat(directory.findUnit("市农业农村局")).isEmpty();
        assertThat(jdbc.sql("select count(*) from plan_import_name").query(Long.class).single()).isZero();
        Map<String, Object> view = get("office1", "/api/imports/" + sampleImport, MAP).getBody();
        assertThat(view).containsEntry("status", "FAILED").containsEntry("statusLabel", "导入失败");
        assertThat((String) view.get("error")).contains("已全部撤销");
    }

    @Test
    @Order(4)
    void confirmCreatesTheTasksAndStartsThoseWithALeadUnit() throws InterruptedException {
        ResponseEntity<Map<String, Object>> accepted = confirm("office1", sampleImport, sampleResolutions(), false);
        assertStatus(accepted, 202);
        assertThat(accepted.getBody().get("status")).isIn("CONFIRMING", "CONFIRMED");
        Map<String, Object> done = awaitConfirmed(sampleImport);
        assertThat(done).containsEntry("status", "CONFIRMED").containsEntry("confirmedBy", "office1");
        assertThat((Map<String, Object>) done.get("progress")).containsEntry("done", 10).containsEntry("total", 10);

        assertThat(tasksOfYear(2024)).isEqualTo(10);
        assertThat(instancesOfYear(2024)).isEqualTo(5);
        ReformTask reform = reformTasks.get("2024-02-01");
        assertThat(reform.stage()).isEqualTo(Stage.DRAFTING);
        assertThat(reform.leaderIds()).containsExactly("zhaomingyuan", "qianlixin");
        assertThat(reform.leadUnitIds()).containsExactly("fgw", "czj");
        assertThat(reform.measures()).isEqualTo("（1）推进低效工业用地再开发,全年盘活存量建设用地2000亩。\n"
                + "（2）探索公共数据授权运营,建立数据要素登记和交易规则。\n（3）完善要素价格形成机制。");
        assertThat(reform.deadline()).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(reformTasks.get("2024-02-02").leaderIds()).containsExactly("qianlixin");
        assertThat(reformTasks.get("2024-02-04").leaderIds()).isEmpty();
        assertThat(reformTasks.get("2024-02-04").leadUnitIds()).containsExactly("kjj");

        String created = directory.findUnit("市农业农村局").orElseThrow().id();
        assertThat(created).matches("unit[a-z0-9]{6}");
        assertThat(identityService.createGroupQuery().groupId(created).singleResult().getType())
                .isEqualTo(ImportedUnits.GROUP_TYPE);
        ReformTask village = reformTasks.get("2024-02-03");
        assertThat(village.leadUnitIds()).containsExactly(created);
        assertThat(village.coopUnitIds()).isEmpty();
        assertThat(village.processInstanceId()).isNotNull();

        ReformTask awaiting = reformTasks.get("2024-01-01");
        assertThat(awaiting.stage()).isEqualTo(Stage.AWAITING_ASSIGNMENT);
        assertThat(awaiting.processInstanceId()).isNull();
        assertThat(awaiting.leadUnitIds()).isEmpty();

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey("2024-02-01").taskCandidateGroup("fgw")
                .count()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from plan_import_name").query(Long.class).single()).isEqualTo(5);
        assertStatus(confirm("office1", sampleImport, sampleResolutions(), true), 409);
    }

    @Test
    @Order(5)
    void reimportingTheSamePlanChangesNothing() {
        Map<String, Object> view = preview("office1", PlanFixtures.plan("sample-2024-plan"), "again.txt", null).getBody();
        assertThat(summary(view)).containsEntry("unchanged", 10).containsEntry("created", 0)
                .containsEntry("updated", 0).containsEntry("unknownNames", 0);
        assertThat((List<?>) view.get("notInFile")).isEmpty();
        assertThat((List<Map<String, Object>>) task(view, "2024-02-02").get("leaders"))
                .singleElement().satisfies(n -> assertThat(n).containsEntry("status", "REMEMBERED").containsEntry("id", "qianlixin"));
        long instances = runtimeService.createProcessInstanceQuery().count();
        ResponseEntity<Map<String, Object>> confirmed = confirm("office1", (String) view.get("id"), null, true);
        assertStatus(confirmed, 200);
        assertThat(tasksOfYear(2024)).isEqualTo(10);
        assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
    }

    @Test
    @Order(6)
    void reimportUpdatesTasksNotYetStartedAndLeavesStartedOnesAlone() {
        String changed = PlanFixtures.planText("sample-2024-plan")
                .replace("全年新增集成事项15项", "全年新增集成事项20项")
                .replace("原则上一次完成。", "原则上一次完成。（牵头单位：市营商环境办）")
                .replace("形成一批可复制推广的制度成果", "形成一批制度成果");
        Map<String, Object> view = preview("office1", changed.getBytes(StandardCharsets.UTF_8), "v2.txt", null).getBody();
        assertThat(summary(view)).containsEntry("updated", 2).containsEntry("keptStarted", 1)
                .containsEntry("unchanged", 7).containsEntry("toStart", 1);
        assertThat(task(view, "2024-01-01")).containsEntry("action", "UPDATE").containsEntry("actionLabel", "更新");
        assertThat((List<String>) task(view, "2024-01-01").get("changes")).containsExactly("主要目标");
        assertThat((List<String>) task(view, "2024-01-03").get("changes")).containsExactly("牵头单位");
        Map<String, Object> started = task(view, "2024-02-01");
        assertThat(started).containsEntry("action", "KEEP_STARTED").containsEntry("existingStage", "方案制定");
        assertThat((List<String>) started.get("warnings")).anyMatch(w -> w.contains("不会自动更新"));

        assertStatus(confirm("office1", (String) view.get("id"), null, true), 200);
        assertThat(reformTasks.get("2024-01-01").goals()).contains("20项");
        assertThat(reformTasks.get("2024-01-01").stage()).isEqualTo(Stage.AWAITING_ASSIGNMENT);
        ReformTask nowAssigned = reformTasks.get("2024-01-03");
        assertThat(nowAssigned.leadUnitIds()).containsExactly("yshj");
        assertThat(nowAssigned.stage()).isEqualTo(Stage.DRAFTING);
        assertThat(nowAssigned.processInstanceId()).isNotNull();
        assertThat(reformTasks.get("2024-02-01").goals()).contains("可复制推广");
        assertThat(tasksOfYear(2024)).isEqualTo(10);
    }

    @Test
    @Order(7)
    void officeAssignsALeadUnitWhichStartsTheProcess() {
        assertStatus(post("fgw1", "/api/tasks/2024-03-01/assignment", Map.of("leadUnits", List.of("fgw"))), 403);
        ResponseEntity<Map<String, Object>> assigned = post("office1", "/api/tasks/2024-03-01/assignment",
                Map.of("leadUnits", List.of("市发改委"), "coopUnits", List.of("市财政局")));
        assertStatus(assigned, 200);
        assertThat(assigned.getBody()).containsEntry("stage", "DRAFTING").containsEntry("stageLabel", "方案制定")
                .containsEntry("leadUnits", List.of("市发展改革委")).containsEntry("coopUnits", List.of("市财政局"));
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey("2024-03-01").taskCandidateGroup("fgw")
                .count()).isEqualTo(1);
        ResponseEntity<Map<String, Object>> again = post("office1", "/api/tasks/2024-03-01/assignment",
                Map.of("leadUnits", List.of("fgw")));
        assertStatus(again, 409);
        assertThat((String) again.getBody().get("detail")).contains("已启动");
        assertStatus(post("office1", "/api/tasks/2024-03-02/assignment", Map.of("leadUnits", List.of("市外星局"))), 400);
    }

    // --- independent tests, each on a year of its own ------------------------------------------

    @Test
    void onlyTheOfficeAndAdminsImport() {
        ResponseEntity<Map<String, Object>> byUnit = preview("fgw1", PlanFixtures.plan("sample-2024-plan"), "p.txt", 2041);
        assertStatus(byUnit, 403);
        assertThat((String) byUnit.getBody().get("detail")).isEqualTo("只有市委改革办工作人员或系统管理员可以导入年度工作要点或工作台账。");
        ResponseEntity<Map<String, Object>> byAdmin = preview("admin", PlanFixtures.plan("sample-2024-plan"), "p.txt", 2041);
        assertStatus(byAdmin, 201);
        String id = (String) byAdmin.getBody().get("id");
        assertStatus(get("fgw1", "/api/imports/" + id, MAP), 403);
        assertStatus(get("zhaomingyuan", "/api/imports", MAP), 403);
        assertStatus(confirm("fgw1", id, Map.of(), true), 403);
        assertThat(rest.getForEntity("/api/imports/" + id, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(get("office2", "/api/imports", LIST).getBody()).anyMatch(i -> id.equals(i.get("id")));
        assertThat(tasksOfYear(2041)).isZero();
    }

    @Test
    void badFilesAreRefusedInChineseAndNothingIsImported() {
        long before = jdbc.sql("select count(*) from plan_import").query(Long.class).single();
        ResponseEntity<Map<String, Object>> summary = preview("office1",
                "江安市2023年全面深化改革工作总结\n一、主要成效\n1.营商环境持续优化。\n".getBytes(StandardCharsets.UTF_8),
                "总结.txt", null);
        assertStatus(summary, 400);
        assertThat(summary.getBody()).containsEntry("title", "文件无法导入").containsEntry("location", "第1行");
        assertThat((String) summary.getBody().get("detail")).contains("工作总结或报告");

        assertStatus(preview("office1", new byte[0], "empty.txt", null), 400);
        ResponseEntity<Map<String, Object>> bomb = preview("office1", PlanFixtures.zipBomb(100L * 1024 * 1024), "bomb.docx", null);
        assertStatus(bomb, 400);
        assertThat((String) bomb.getBody().get("detail")).contains("压缩炸弹");
        ResponseEntity<Map<String, Object>> tooLarge = preview("office1", new byte[300 * 1024], "big.txt", null);
        assertStatus(tooLarge, 413);
        assertThat((String) tooLarge.getBody().get("detail")).startsWith("文件大小为300.0 KB，超过导入上限256.0 KB，未导入任何任务");
        ResponseEntity<Map<String, Object>> overMultipartLimit = preview("office1", new byte[1536 * 1024], "huge.txt", null);
        assertStatus(overMultipartLimit, 413);
        assertThat((String) overMultipartLimit.getBody().get("detail")).startsWith("上传的文件超过服务器允许的大小");
        byte[] noColumns = PlanFixtures.xlsx("台账", List.of(List.of("序号", "改革任务"), List.of("1", "任务")));
        ResponseEntity<Map<String, Object>> ledger = preview("office1", noColumns, "台账.xlsx", 2042);
        assertStatus(ledger, 400);
        assertThat((String) ledger.getBody().get("detail")).contains("缺少必需的列：“牵头单位”");
        assertThat(jdbc.sql("select count(*) from plan_import").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void wordPlanWithUnknownWorkingGroupsIsImportedByCreatingThem() {
        byte[] docx = PlanFixtures.docx(PlanFixtures.planText("2022-city-plan"));
        Map<String, Object> view = preview("office1", docx, "2022年工作要点.docx", 2032).getBody();
        assertThat(view).containsEntry("format", "DOCX").containsEntry("year", 2032);
        assertThat(summary(view)).containsEntry("total", 23).containsEntry("toStart", 23);
        List<String> unknownUnits = ((List<Map<String, Object>>) view.get("unknownNames")).stream()
                .map(u -> (String) u.get("name")).toList();
        assertThat(unknownUnits).doesNotContain("经济社会事业体制改革专项工作小组").contains("生态文明体制改革专项工作小组");
        ResponseEntity<Map<String, Object>> done = confirm("office1", (String) view.get("id"),
                Map.of("createUnits", unknownUnits), true);
        assertStatus(done, 200);
        assertThat(summary(done.getBody())).containsEntry("created", 23);
        assertThat(tasksOfYear(2032)).isEqualTo(23);
        assertThat(instancesOfYear(2032)).isEqualTo(23);
        assertThat(reformTasks.get("2032-01-01").leadUnitIds()).containsExactly("jjshzx");
    }

    @Test
    void excelLedgerPreviewAndTemplate() {
        ParsedPlan plan = new PlanFileReader(PlanImportProperties.defaults())
                .read(PlanFixtures.plan("sample-2024-plan"), "p.txt", 2033);
        byte[] xlsx = PlanFixtures.ledger("2033年全面深化改革工作台账", plan, PlanFixtures.SHUFFLED_HEADERS);
        Map<String, Object> view = preview("office1", xlsx, "台账.xlsx", null).getBody();
        assertThat(view).containsEntry("format", "XLSX").containsEntry("year", 2033);
        assertThat(summary(view)).containsEntry("total", 10);
        assertThat(task(view, "2033-02-02")).containsEntry("title", "紧密型县域医共体改革");

        ResponseEntity<byte[]> template = rest.withBasicAuth("office1", "demo").getForEntity("/api/imports/template.xlsx",
                byte[].class);
        assertStatus(template, 200);
        assertThat(template.getHeaders().getContentDisposition().getFilename()).isEqualTo("工作台账模板.xlsx");
        assertThat(preview("office1", template.getBody(), "工作台账模板.xlsx", null).getBody().get("detail"))
                .asString().startsWith("已在工作表“工作台账”第2行找到表头，但表头下没有任务行");
    }

    @Test
    void unknownNamesComeWithTheClosestKnownNames() {
        String plan = "江安市2043年全面深化改革工作要点\n一、重点任务\n1.优化审批（领衔领导：赵明圆，牵头单位：市发改局）\n";
        Map<String, Object> view = preview("office1", plan.getBytes(StandardCharsets.UTF_8), "p.txt", null).getBody();
        List<Map<String, Object>> unknown = (List<Map<String, Object>>) view.get("unknownNames");
        Map<String, Object> unit = unknown.stream().filter(u -> "市发改局".equals(u.get("name"))).findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) unit.get("suggestions")).first()
                .satisfies(s -> assertThat(s).containsEntry("id", "fgw").containsEntry("name", "市发展改革委"));
        Map<String, Object> leader = unknown.stream().filter(u -> "赵明圆".equals(u.get("name"))).findFirst().orElseThrow();
        assertThat((List<Map<String, Object>>) leader.get("suggestions")).first()
                .satisfies(s -> assertThat(s).containsEntry("id", "zhaomingyuan"));
        assertThat((List<Map<String, Object>>) view.get("units")).anyMatch(u -> "fgw".equals(u.get("id")));
    }

    @Test
    void commandLineImportsIntoARunningInstance() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("plan", ".txt");
        java.nio.file.Files.write(file, PlanFixtures.plan("sample-2024-plan"));
        String url = "--import.url=http://localhost:" + port;
        java.io.ByteArrayOutputStream output = new java.io.ByteArrayOutputStream();
        java.io.PrintStream out = new java.io.PrintStream(output, true, StandardCharsets.UTF_8);

        int previewOnly = run(out, new PlanImportCommand.Rest("http://localhost:" + port, "office1", "demo"),
                "--import.file=" + file, url, "--import.user=office1", "--import.year=2045");
        assertThat(previewOnly).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("共 10 项任务", "[新增] 2045-02-01 要素市场化配置综合改革",
                "孙海燕", "仅预览，未导入");
        assertThat(tasksOfYear(2045)).isZero();

        int byUnit = run(out, new PlanImportCommand.Rest("http://localhost:" + port, "fgw1", "demo"),
                "--import.file=" + file, url, "--import.user=fgw1", "--import.year=2045", "--import.confirm");
        assertThat(byUnit).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("只有市委改革办工作人员或系统管理员可以");

        output.reset();
        int confirmed = run(out, new PlanImportCommand.Rest("http://localhost:" + port, "office1", "demo"),
                "--import.file=" + file, url, "--import.user=office1", "--import.year=2045", "--import.confirm",
                "--import.map-leader=孙海燕=钱立新", "--import.create-unknown-units", "--import.ignore-unknown");
        assertThat(confirmed).as(output.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("导入完成：新增 10 项");
        assertThat(tasksOfYear(2045)).isEqualTo(10);
        assertThat(reformTasks.get("2045-02-02").leaderIds()).containsExactly("qianlixin");
        assertThat(reformTasks.get("2045-02-04").leadUnitIds()).contains("kjj");
    }

    @Test
    void embeddedCommandLineImportRunsInProcess(@Autowired PlanImportService service,
            @Autowired com.fasterxml.jackson.databind.ObjectMapper json,
            @Autowired org.springframework.context.ConfigurableApplicationContext context) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("plan", ".txt");
        java.nio.file.Files.write(file, PlanFixtures.plan("sample-2024-plan"));
        PlanImportCommand.launched = true;
        try {
            ImportRunner runner = new ImportRunner(service, identityService, directory, json, context);
            runner.run(new org.springframework.boot.DefaultApplicationArguments("--import.file=" + file,
                    "--import.user=fgw1", "--import.year=2046", "--import.confirm"));
            assertThat(runner.getExitCode()).isEqualTo(1);
            runner.run(new org.springframework.boot.DefaultApplicationArguments("--import.file=" + file,
                    "--import.user=office2", "--import.year=2046", "--import.confirm", "--import.ignore-unknown"));
            assertThat(runner.getExitCode()).isZero();
        } finally {
            PlanImportCommand.launched = false;
        }
        assertThat(tasksOfYear(2046)).isEqualTo(10);
        assertThat(reformTasks.get("2046-01-01").stage()).isEqualTo(Stage.AWAITING_ASSIGNMENT);
        assertThat(reformTasks.get("2046-02-01").stage()).isEqualTo(Stage.DRAFTING);
    }

    private static int run(java.io.PrintStream out, ImportCommandFlow.Backend backend, String... args) {
        return new ImportCommandFlow(backend, out).run(
                ImportCommandFlow.Options.parse(new org.springframework.boot.DefaultApplicationArguments(args)));
    }

    @Test
    void previewsExpire() {
        Map<String, Object> view = preview("office1", PlanFixtures.plan("sample-2024-plan"), "p.txt", 2044).getBody();
        String id = (String) view.get("id");
        jdbc.sql("update plan_import set expires_at = ? where id = ?")
                .params(java.time.OffsetDateTime.now().minusMinutes(1), id).update();
        ResponseEntity<Map<String, Object>> expired = get("office1", "/api/imports/" + id, MAP);
        assertStatus(expired, 404);
        assertThat((String) expired.getBody().get("detail")).contains("不存在或已过期");
        assertStatus(confirm("office1", id, Map.of("ignore", List.of("孙海燕")), true), 404);
    }
}
