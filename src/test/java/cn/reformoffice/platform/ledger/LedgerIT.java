package cn.reformoffice.platform.ledger;

import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.security.EngineClient;

/**
 * The ledger's read model and {@code GET /api/ledger} (H2, authorization on, the engine's clock moved
 * across the 2026 National Day holiday): lights from the office's DMN table with their reasons and
 * when they changed, the earliest-due step and who holds it, steps done late in working days, the
 * latest quarterly report (late, 进度滞后, returned), filters, paging and who sees what.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledgerit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class LedgerIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;
    @Autowired WorkingCalendar calendar;
    @Autowired LedgerRecorder recorder;
    @Autowired ReformTaskService tasks;
    @Autowired LedgerLights lights;
    @LocalServerPort int port;

    private final ReformApi api = new ReformApi(() -> rest);
    private static int sequence;

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theLightFollowsTheStepsDueDateAcrossTheNationalDayHoliday() {
        at(LocalDate.of(2026, 9, 25));
        String code = create("红黄绿灯测试", List.of("fgw"), List.of("zhaomingyuan"), List.of("czj"));
        Map<String, Object> row = row("office1", code);
        assertThat(row).containsEntry("stepName", "方案制定").containsEntry("stepHolder", "市发展改革委")
                .containsEntry("stageLabel", "方案制定");
        // the page shows neither the goals nor the measures (the task page and the exports do): not sent with it
        assertThat(row).containsEntry("title", "红黄绿灯测试").doesNotContainKeys("goals", "measures");
        LocalDate due = LocalDate.parse((String) row.get("stepDue"));
        assertThat(calendar.workingDaysBetween(LocalDate.of(2026, 9, 25), due)).as("working days to the draft's due")
                .isGreaterThan(3);
        assertThat(row).containsEntry("light", "GREEN").containsEntry("lightLabel", "绿灯");

        at(calendar.subtractWorkingDays(due, 4));
        assertThat(recorder.refreshAll()).isGreaterThanOrEqualTo(1);
        assertThat(row("office1", code)).containsEntry("light", "GREEN");

        LocalDate threeBefore = calendar.subtractWorkingDays(due, 3);
        at(threeBefore);
        recorder.refreshAll();
        row = row("office1", code);
        assertThat(row).containsEntry("light", "YELLOW")
                .containsEntry("lightReason", "临近到期：方案制定3个工作日后到期（" + due + "）");
        assertThat((String) row.get("lightChangedAt")).startsWith(threeBefore.toString());

        LocalDate overdue = calendar.addWorkingDays(due, 1);
        at(overdue);
        recorder.refreshAll();
        row = row("office1", code);
        assertThat(row).containsEntry("light", "RED")
                .containsEntry("lightReason", "环节逾期：方案制定逾期1个工作日（" + due + "到期）");
        assertThat(page("office1", "overdue=true").get("total")).isEqualTo(1);

        // the unit submits late: the step is recorded as done 1 working day late, the next step opens
        taskService.complete(step(code, "Task_DraftPlan").getId(), Map.of("planMeasures", "措施",
                "planMilestones", "节点", "planResults", "成果"));
        assertThat(jdbc.sql("select late_days from ledger_event where task_code = ? and event_type = 'STEP_DONE'")
                .param(code).query(Integer.class).single()).isEqualTo(1);
        row = row("office1", code);
        assertThat(row).containsEntry("stepName", "领衔领导审定").containsEntry("stepHolder", "赵明远");
        assertThat(row.get("light")).isNotEqualTo("RED");
        assertThat(jdbc.sql("select outcome from ledger_event where task_code = ? and event_type = 'LIGHT' order by id")
                .param(code).query(String.class).list()).containsSubsequence("YELLOW", "RED");
    }

    /**
     * The daily recomputation meets every open entry; one whose facts did not change since the last refresh is not
     * written again (no new row version, updated_at kept), and one that did change is.
     */
    @Test
    void aRecomputationThatChangesNothingWritesNothing() {
        // later than every other test's dates, so that this task's overdue step is not counted in theirs
        at(LocalDate.of(2026, 12, 7));
        String code = create("台账未变不重写测试", List.of("fgw"), List.of("zhaomingyuan"), List.of());
        recorder.refreshAll();
        Map<String, Object> before = entry(code);
        java.time.OffsetDateTime written = updatedAt(code);

        ClockUtil.setCurrentTime(Date.from(LocalDate.of(2026, 12, 7).atTime(LocalTime.of(16, 30)).atZone(CHINA)
                .toInstant()));
        recorder.refreshAll();
        assertThat(entry(code)).as("the same day, nothing changed").isEqualTo(before);

        LocalDate due = LocalDate.parse((String) row("office1", code).get("stepDue"));
        at(calendar.addWorkingDays(due, 1));
        recorder.refreshAll();
        Map<String, Object> after = entry(code);
        assertThat(after.get("LIGHT_REASON")).isEqualTo("环节逾期：方案制定逾期1个工作日（" + due + "到期）");
        assertThat(updatedAt(code)).isAfter(written);
    }

    private java.time.OffsetDateTime updatedAt(String code) {
        return jdbc.sql("select updated_at from ledger_entry where task_code = ?").param(code)
                .query(java.time.OffsetDateTime.class).single();
    }

    private Map<String, Object> entry(String code) {
        return jdbc.sql("select * from ledger_entry where task_code = ?").param(code).query().singleRow();
    }

    /**
     * ledger_party (V16), from which a unit's and a user's light counts are read, follows the task: its parties when
     * the office assigns the units, its light when the light changes; a row that went astray is mended by the next
     * refresh. The counts a unit clerk and the office's unit filter see are the entries'.
     */
    @Test
    void theUnitsLightCountsFollowAssignmentAndTheLight() {
        // later than the other tests' tasks, whose overdue steps are counted while this one's is not yet due
        at(LocalDate.of(2026, 11, 16));
        String code = "2026-LP" + (++sequence);
        tasks.createAwaitingAssignment(new NewReformTask(code, 2026, "经济体制改革", "台账单位计数测试", "目标", "措施",
                List.of("zhaomingyuan"), List.of(), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        assertThat(kept(code)).containsExactly("LEADER zhaomingyuan 2026 UNASSIGNED");

        tasks.assignAndStart(code, List.of("kjj"), List.of("mzj"), "office1");
        assertThat(kept(code)).containsExactly("COOP_UNIT mzj 2026 GREEN", "LEADER zhaomingyuan 2026 GREEN",
                "LEAD_UNIT kjj 2026 GREEN");
        assertThat(page("kjj1", "year=2026").get("lights")).isEqualTo(Map.of("RED", 0, "YELLOW", 0, "GREEN", 1,
                "CLOSED", 0, "UNASSIGNED", 0));
        assertThat(codes("kjj1", "year=2026")).containsExactly(code);
        // another unit's counts are not the clerk's to see: a unit filter within their scope counts their tasks only
        Map<String, Object> other = page("kjj1", "year=2026&unit=fgw");
        assertThat(other.get("total")).isEqualTo(0);
        assertThat(other.get("lights")).isEqualTo(Map.of("RED", 0, "YELLOW", 0, "GREEN", 0, "CLOSED", 0,
                "UNASSIGNED", 0));

        LocalDate due = LocalDate.parse((String) row("office1", code).get("stepDue"));
        at(calendar.addWorkingDays(due, 1));
        recorder.refreshAll();
        assertThat(kept(code)).containsExactly("COOP_UNIT mzj 2026 RED", "LEADER zhaomingyuan 2026 RED",
                "LEAD_UNIT kjj 2026 RED");
        Map<String, Object> red = Map.of("RED", 1, "YELLOW", 0, "GREEN", 0, "CLOSED", 0, "UNASSIGNED", 0);
        assertThat(page("kjj1", "year=2026").get("lights")).isEqualTo(red);
        Map<String, Object> coop = page("office1", "year=2026&unit=mzj&light=GREEN");
        assertThat(coop.get("lights")).isEqualTo(red);
        assertThat(coop.get("total")).isEqualTo(0);

        jdbc.sql("update ledger_party set light = 'GREEN' where task_id = (select id from reform_task where code = ?)"
                + " and role = 'LEAD_UNIT'").param(code).update();
        jdbc.sql("delete from ledger_party where role = 'COOP_UNIT' and task_id = (select id from reform_task"
                + " where code = ?)").param(code).update();
        recorder.refresh(code);
        assertThat(kept(code)).containsExactly("COOP_UNIT mzj 2026 RED", "LEADER zhaomingyuan 2026 RED",
                "LEAD_UNIT kjj 2026 RED");
    }

    /** The task's ledger_party rows as "role party year light", sorted. */
    private List<String> kept(String code) {
        return jdbc.sql("select lp.role, lp.party_id, lp.plan_year, lp.light from ledger_party lp"
                + " join reform_task t on t.id = lp.task_id where t.code = ? order by lp.role, lp.party_id").param(code)
                .query((rs, n) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getInt(3) + " " + rs.getString(4))
                .list();
    }

    @Test
    void aLateBehindAndReturnedQuarterlyReportTurnsTheTaskYellow() {
        at(LocalDate.of(2026, 9, 25));
        String code = create("季度报送灯测试", List.of("fgw"), List.of(), List.of());
        taskService.complete(step(code, "Task_DraftPlan").getId(), Map.of("planMeasures", "措施",
                "planMilestones", "节点", "planResults", "成果"));
        taskService.complete(step(code, "Task_OfficeApprovePlan").getId(), Map.of("planDecision", "approve"));
        assertThat(api.post("office1", "/api/tasks/" + code + "/quarterly-report", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        Task report = step(code, "Task_SubmitQuarterlyReport");
        LocalDate reportDue = report.getDueDate().toInstant().atZone(CHINA).toLocalDate();

        at(calendar.addWorkingDays(reportDue, 2));
        taskService.complete(report.getId(), Map.of("reportProgress", "完成调研，起草办法。\n下一步征求意见。",
                "reportStatus", "behind", "reportNextSteps", "征求意见"));
        Map<String, Object> row = row("office1", code);
        @SuppressWarnings("unchecked")
        Map<String, Object> latest = (Map<String, Object>) row.get("report");
        assertThat(latest).containsEntry("lateDays", 2).containsEntry("statusLabel", "进度滞后")
                .containsEntry("excerpt", "完成调研，起草办法。 下一步征求意见。").containsEntry("returned", false);
        assertThat(row).containsEntry("light", "YELLOW");
        assertThat((String) row.get("lightReason")).isIn("季度报送迟报：最近一次季度报送迟报2个工作日");

        taskService.complete(step(code, "Task_ReconcileReport").getId(), Map.of("reportDecision", "return",
                "reportComment", "请补充数据"));
        assertThat(jdbc.sql("select unit_id from ledger_event where task_code = ? and event_type = 'RETURNED'")
                .param(code).query(String.class).single()).isEqualTo("fgw");
        latest = (Map<String, Object>) row("office1", code).get("report");
        assertThat(latest).containsEntry("returned", true);
    }

    @Test
    void aUnitsOwnSubmissionThroughRestUpdatesTheLedger() {
        at(LocalDate.of(2026, 11, 2));
        String code = create("单位提交更新台账", List.of("fgw"), List.of(), List.of());
        lights.reload(); // the next evaluation loads the table, inside the unit's own command
        Task draft = step(code, "Task_DraftPlan");
        EngineClient.Answer answer = new EngineClient(port, EngineClient.Transport.ENGINE_REST, "fgw1", "demo")
                .post("/task/" + draft.getId() + "/complete", Map.of("variables", Map.of(
                        "planMeasures", EngineClient.value("措施"), "planMilestones", EngineClient.value("节点"),
                        "planResults", EngineClient.value("成果"))));
        assertThat(answer.status()).as("%s", answer).isEqualTo(204);
        assertThat(row("fgw1", code)).containsEntry("stepName", "改革办审定").containsEntry("light", "GREEN");
    }

    @Test
    void anApprovedExtensionMovesTheStepsDueInTheLedger() {
        at(LocalDate.of(2026, 11, 2));
        String code = create("延期台账测试", List.of("fgw"), List.of(), List.of());
        Task draft = step(code, "Task_DraftPlan");
        LocalDate due = LocalDate.parse((String) row("office1", code).get("stepDue"));
        LocalDate requested = calendar.addWorkingDays(due, 5);
        ResponseEntity<Map<String, Object>> asked = api.post("fgw1", "/api/extensions",
                Map.of("taskId", draft.getId(), "newDueDate", requested.toString(), "reason", "需征求多部门意见"));
        assertThat(asked.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long id = ((Number) asked.getBody().get("id")).longValue();
        assertThat(api.post("office1", "/api/extensions/" + id + "/decision", Map.of("approve", true, "comment", "同意"))
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(row("office1", code)).containsEntry("stepDue", requested.toString());
        assertThat(jdbc.sql("select detail from ledger_event where task_code = ? and event_type = 'DUE_MOVED'")
                .param(code).query(String.class).single()).isEqualTo(due.toString());
    }

    @Test
    void everyoneSeesTheirOwnTasksFilteredSortedAndPaged() {
        at(LocalDate.of(2026, 11, 2));
        String fgwTask = create("发改牵头任务", List.of("fgw"), List.of("zhaomingyuan"), List.of("czj"));
        String wjwTask = create("卫健牵头任务", List.of("wjw"), List.of("qianlixin"), List.of());

        assertThat(codes("fgw1", "")).contains(fgwTask).doesNotContain(wjwTask);
        assertThat(codes("czj1", "")).as("a cooperating unit").contains(fgwTask).doesNotContain(wjwTask);
        assertThat(codes("zhaomingyuan", "")).as("the lead leader").contains(fgwTask).doesNotContain(wjwTask);
        assertThat(codes("wjw1", "")).contains(wjwTask).doesNotContain(fgwTask);
        assertThat(codes("office1", "")).contains(fgwTask, wjwTask);

        assertThat(codes("office1", "unit=czj")).contains(fgwTask).doesNotContain(wjwTask);
        assertThat(codes("office1", "leader=qianlixin")).contains(wjwTask).doesNotContain(fgwTask);
        assertThat(codes("office1", "q=卫生健康")).as("search by unit name").contains(wjwTask).doesNotContain(fgwTask);
        assertThat(codes("office1", "q=发改牵头")).containsExactly(fgwTask);
        assertThat(codes("office1", "stage=DRAFTING&year=2026")).contains(fgwTask, wjwTask);
        assertThat(codes("office1", "stage=CLOSED")).doesNotContain(fgwTask, wjwTask);
        // a unit filtering for another unit sees nothing more than its own
        assertThat(codes("fgw1", "unit=wjw")).isEmpty();

        Map<String, Object> first = page("office1", "size=1&sort=code");
        Map<String, Object> second = page("office1", "size=1&page=1&sort=code");
        assertThat(((Number) first.get("total")).intValue()).isGreaterThanOrEqualTo(2);
        assertThat(rows(first).get(0).get("seq")).isEqualTo(1);
        assertThat(rows(second).get(0).get("seq")).isEqualTo(2);
        assertThat(rows(first).get(0).get("code")).isNotEqualTo(rows(second).get(0).get("code"));
        @SuppressWarnings("unchecked")
        Map<String, Object> lights = (Map<String, Object>) first.get("lights");
        assertThat(lights).containsKeys("RED", "YELLOW", "GREEN", "CLOSED", "UNASSIGNED");

        ResponseEntity<Map<String, Object>> bad = api.get("office1", "/api/ledger?size=100000&light=PURPLE", MAP);
        assertThat(bad.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(String.valueOf(bad.getBody())).contains("台账查询条件有误").contains("每页条数应在 1 到 200 之间")
                .doesNotContain("Exception");

        Map<String, Object> options = api.get("fgw1", "/api/ledger/options", MAP).getBody();
        assertThat(String.valueOf(options.get("units"))).contains("市发展改革委").doesNotContain("卫生健康");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CHINA).toInstant()));
    }

    private String create(String title, List<String> leadUnits, List<String> leaders, List<String> coopUnits) {
        String code = "2026-LG" + (++sequence);
        Map<String, Object> body = ReformApi.taskBody(code, title, leadUnits);
        body.put("leaders", leaders);
        body.put("coopUnits", coopUnits);
        api.createTask(body);
        return code;
    }

    private Task step(String code, String activityId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey("reform-task")
                .taskDefinitionKey(activityId).singleResult();
    }

    private Map<String, Object> page(String user, String query) {
        ResponseEntity<Map<String, Object>> page = api.get(user, "/api/ledger?" + query, MAP);
        assertThat(page.getStatusCode()).as("GET /api/ledger?%s as %s: %s", query, user, page.getBody())
                .isEqualTo(HttpStatus.OK);
        return page.getBody();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("rows");
    }

    private List<Object> codes(String user, String query) {
        return rows(page(user, query + "&size=200")).stream().map(r -> r.get("code")).toList();
    }

    private Map<String, Object> row(String user, String code) {
        return rows(page(user, "q=" + code)).stream().filter(r -> code.equals(r.get("code"))).findFirst()
                .orElseThrow(() -> new AssertionError(code + " not in the ledger of " + user));
    }
}
