package cn.reformoffice.platform.dashboard;

import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.ledger.LedgerRecorder;

/**
 * {@code GET /api/dashboard} (H2, authorization on) over reform tasks driven through the engine while its clock
 * moves from September to November 2026: lights, stages, completion by category, overdue tasks by lead unit,
 * quarterly reports on time and late, 督办单 by month and the tasks turned red this week, for the office and
 * scoped for units and leaders; a 2025 task counts only in 2025 (but its red light shows this week); a bad
 * year is refused in Chinese.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboardit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@SuppressWarnings("unchecked")
class DashboardIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** 重大改革攻坚, 市营商环境办, no leader: created first, overdue (red) in an earlier week. */
    static final String EARLY = "2026-DB1";
    /** 重大改革攻坚, 市发展改革委, leader 赵明远, cooperating 市财政局: overdue (red) this week. */
    static final String DRAFT = "2026-DB2";
    /** 营商环境优化提升, 市卫生健康委, leader 钱立新: implementation, quarterly report on time. */
    static final String ON_TIME = "2026-DB3";
    /** 营商环境优化提升, 市发展改革委: implementation, quarterly report 2 working days late (yellow). */
    static final String LATE = "2026-DB4";
    /** 重大改革攻坚, 市营商环境办: closed out. */
    static final String CLOSED = "2026-DB5";
    /** A 2025 task of 市发展改革委: overdue (red) this week. */
    static final String LAST_YEAR = "2025-DB9";

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired WorkingCalendar calendar;
    @Autowired LedgerRecorder recorder;

    private final ReformApi api = new ReformApi(() -> rest);
    private LocalDate earlyRed;
    private LocalDate end;

    @BeforeAll
    void buildTheYear() {
        at(LocalDate.of(2026, 9, 10));
        create(EARLY, 2026, "重大改革攻坚", List.of("yshj"), List.of(), List.of());
        LocalDate earlyDue = stepDue(EARLY, "Task_DraftPlan");

        at(LocalDate.of(2026, 9, 25));
        create(DRAFT, 2026, "重大改革攻坚", List.of("fgw"), List.of("zhaomingyuan"), List.of("czj"));
        create(ON_TIME, 2026, "营商环境优化提升", List.of("wjw"), List.of("qianlixin"), List.of());
        create(LATE, 2026, "营商环境优化提升", List.of("fgw"), List.of(), List.of());
        create(CLOSED, 2026, "重大改革攻坚", List.of("yshj"), List.of(), List.of());
        create(LAST_YEAR, 2025, "重大改革攻坚", List.of("fgw"), List.of(), List.of());
        LocalDate draftDue = stepDue(DRAFT, "Task_DraftPlan");

        draftPlan(ON_TIME);
        complete(ON_TIME, "Task_LeaderApprovePlan", Map.of("planDecision", "approve"));
        startQuarterlyReport(ON_TIME);
        submitReport(ON_TIME);
        complete(ON_TIME, "Task_ReconcileReport", Map.of("reportDecision", "accept"));

        draftPlan(LATE);
        complete(LATE, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));
        startQuarterlyReport(LATE);
        LocalDate reportDue = stepDue(LATE, "Task_SubmitQuarterlyReport");

        draftPlan(CLOSED);
        complete(CLOSED, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));
        complete(CLOSED, "Task_ImplementAndApplyCloseOut", Map.of("completionSummary", "已全面完成",
                "achievementType", "policy", "completionEvidence", "江府办〔2026〕1号"));
        complete(CLOSED, "Task_ReviewCloseOut", Map.of("closeOutDecision", "approve"));

        at(calendar.addWorkingDays(reportDue, 2));
        submitReport(LATE);
        complete(LATE, "Task_ReconcileReport", Map.of("reportDecision", "accept"));

        earlyRed = calendar.addWorkingDays(earlyDue, 1);
        at(earlyRed);
        recorder.refreshAll();
        notice(EARLY, "改督〔2026〕1号");

        end = calendar.addWorkingDays(draftDue, 1);
        assertThat(earlyRed).as("the early task turned red before the week of the end")
                .isBefore(end.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)));
        at(end);
        recorder.refreshAll();
        notice(DRAFT, "改督〔2026〕2号");
        notice(LAST_YEAR, "改督〔2026〕3号");
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theOfficeSeesEveryTasksFigures() {
        at(end);
        Map<String, Object> d = dashboard("office1", "?year=2026");
        assertThat(d).containsEntry("year", 2026).containsEntry("everyTask", true)
                .containsEntry("today", end.toString())
                .containsEntry("weekStart", end.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString());
        assertThat((List<Object>) d.get("years")).containsExactly(2026, 2025);
        assertThat(summary(d)).containsEntry("tasks", 5).containsEntry("red", 2).containsEntry("overdue", 2)
                .containsEntry("closed", 1).containsEntry("notices", 2).containsEntry("reportsOnTime", 1)
                .containsEntry("reportsLate", 1);
        assertThat(counts(d, "lights")).containsExactly(Map.entry("RED", 2), Map.entry("YELLOW", 1),
                Map.entry("GREEN", 1), Map.entry("CLOSED", 1), Map.entry("UNASSIGNED", 0));
        assertThat(names(d, "lights")).containsExactly("红灯", "黄灯", "绿灯", "已销号", "待分配");
        assertThat(counts(d, "stages")).containsExactly(Map.entry("AWAITING_ASSIGNMENT", 0), Map.entry("DRAFTING", 2),
                Map.entry("APPROVAL", 0), Map.entry("IMPLEMENTATION", 2), Map.entry("CLOSE_OUT_REVIEW", 0),
                Map.entry("CLOSED", 1));
        assertThat(names(d, "stages")).containsExactly("待分配", "方案制定", "方案审定", "实施", "销号审核", "已销号");
        assertThat(list(d, "categories")).containsExactly(
                Map.of("name", "重大改革攻坚", "label", "重大改革攻坚", "total", 3, "closed", 1),
                Map.of("name", "营商环境优化提升", "label", "营商环境优化提升", "total", 2, "closed", 0));
        // as many: in the order of the names' pinyin
        assertThat(list(d, "overdueByUnit")).containsExactly(
                Map.of("id", "fgw", "name", "市发展改革委", "count", 1),
                Map.of("id", "yshj", "name", "市营商环境办", "count", 1));
        assertThat((List<Object>) d.get("quarters")).containsExactly("2026年第3季度");
        assertThat(list(d, "reports")).containsExactlyInAnyOrder(
                Map.of("unitId", "wjw", "unitName", "市卫生健康委",
                        "quarters", List.of(Map.of("quarter", "2026年第3季度", "onTime", 1, "late", 0))),
                Map.of("unitId", "fgw", "unitName", "市发展改革委",
                        "quarters", List.of(Map.of("quarter", "2026年第3季度", "onTime", 0, "late", 1))));
        assertThat(notices(d)).isEqualTo(expectedNotices(Map.of(YearMonth.from(earlyRed), 1L),
                Map.of(YearMonth.from(end), 1L)));
        assertThat(list(d, "notices")).first().isEqualTo(Map.of("month", "2026-01", "label", "1月", "count", 0));

        // red this week: the 2026 task and the 2025 one, not the task that turned red last week
        List<Map<String, Object>> red = list(d, "redThisWeek");
        assertThat(red).extracting(r -> r.get("code")).containsExactlyInAnyOrder(DRAFT, LAST_YEAR);
        Map<String, Object> draft = red.stream().filter(r -> DRAFT.equals(r.get("code"))).findFirst().orElseThrow();
        assertThat(draft).containsEntry("title", "任务" + DRAFT).containsEntry("year", 2026)
                .containsEntry("stillRed", true);
        assertThat((String) draft.get("reason")).startsWith("环节逾期：方案制定逾期1个工作日（");
        assertThat((String) draft.get("at")).isEqualTo(end + " 10:00");
    }

    @Test
    void aYearCountsItsOwnTasksOnly() {
        at(end);
        Map<String, Object> d = dashboard("office1", "?year=2025");
        assertThat(summary(d)).containsEntry("tasks", 1).containsEntry("red", 1).containsEntry("notices", 1)
                .containsEntry("closed", 0);
        assertThat(list(d, "overdueByUnit")).containsExactly(Map.of("id", "fgw", "name", "市发展改革委", "count", 1));
        // the 2025 task's notice of 2026: January to December 2025 and the months up to the notice's
        List<Map<String, Object>> months = list(d, "notices");
        assertThat(months.get(0)).containsEntry("month", "2025-01").containsEntry("label", "1月");
        assertThat(months.get(months.size() - 1)).containsEntry("month", YearMonth.from(end).toString())
                .containsEntry("label", "2026年" + end.getMonthValue() + "月").containsEntry("count", 1);
        assertThat(list(d, "redThisWeek")).extracting(r -> r.get("code")).contains(LAST_YEAR);

        // without a year: this year (by the engine's clock)
        assertThat(dashboard("office1", "")).containsEntry("year", 2026);
    }

    @Test
    void aUnitSeesTheFiguresOfItsOwnTasks() {
        at(end);
        Map<String, Object> fgw = dashboard("fgw1", "?year=2026");
        assertThat(fgw).containsEntry("everyTask", false);
        assertThat(summary(fgw)).containsEntry("tasks", 2).containsEntry("red", 1).containsEntry("overdue", 1)
                .containsEntry("closed", 0).containsEntry("notices", 1).containsEntry("reportsOnTime", 0)
                .containsEntry("reportsLate", 1);
        assertThat(counts(fgw, "lights")).containsEntry("RED", 1).containsEntry("YELLOW", 1).containsEntry("GREEN", 0)
                .containsEntry("CLOSED", 0);
        assertThat(counts(fgw, "stages")).containsEntry("DRAFTING", 1).containsEntry("IMPLEMENTATION", 1)
                .containsEntry("CLOSED", 0);
        assertThat(list(fgw, "categories")).containsExactly(
                Map.of("name", "营商环境优化提升", "label", "营商环境优化提升", "total", 1, "closed", 0),
                Map.of("name", "重大改革攻坚", "label", "重大改革攻坚", "total", 1, "closed", 0));
        assertThat(list(fgw, "overdueByUnit")).containsExactly(Map.of("id", "fgw", "name", "市发展改革委", "count", 1));
        assertThat(list(fgw, "reports")).extracting(r -> r.get("unitId")).containsExactly("fgw");
        assertThat(notices(fgw)).isEqualTo(expectedNotices(Map.of(YearMonth.from(end), 1L)));
        assertThat(list(fgw, "redThisWeek")).extracting(r -> r.get("code")).containsExactlyInAnyOrder(DRAFT, LAST_YEAR);
        assertThat((List<Object>) fgw.get("years")).containsExactly(2026, 2025);

        // a cooperating unit: the one task it cooperates on
        Map<String, Object> czj = dashboard("czj1", "?year=2026");
        assertThat(summary(czj)).containsEntry("tasks", 1).containsEntry("red", 1);
        assertThat(list(czj, "redThisWeek")).extracting(r -> r.get("code")).containsExactly(DRAFT);
        assertThat((List<Object>) czj.get("years")).containsExactly(2026);

        // a unit without tasks: zeros and empty lists
        Map<String, Object> kjj = dashboard("kjj1", "?year=2026");
        assertThat(summary(kjj)).containsEntry("tasks", 0).containsEntry("notices", 0);
        assertThat(list(kjj, "categories")).isEmpty();
        assertThat(list(kjj, "overdueByUnit")).isEmpty();
        assertThat(list(kjj, "reports")).isEmpty();
        assertThat(list(kjj, "redThisWeek")).isEmpty();
        assertThat(list(kjj, "notices")).hasSize(12).allSatisfy(m -> assertThat(m).containsEntry("count", 0));
    }

    @Test
    void aLeaderSeesTheFiguresOfTheTasksTheyLead() {
        at(end);
        Map<String, Object> qian = dashboard("qianlixin", "?year=2026");
        assertThat(summary(qian)).containsEntry("tasks", 1).containsEntry("red", 0).containsEntry("reportsOnTime", 1)
                .containsEntry("reportsLate", 0);
        assertThat(counts(qian, "lights")).containsEntry("GREEN", 1);
        assertThat(list(qian, "reports")).extracting(r -> r.get("unitId")).containsExactly("wjw");
        assertThat(list(qian, "redThisWeek")).isEmpty();

        Map<String, Object> zhao = dashboard("zhaomingyuan", "?year=2026");
        assertThat(summary(zhao)).containsEntry("tasks", 1).containsEntry("red", 1).containsEntry("notices", 1);
        assertThat(list(zhao, "overdueByUnit")).containsExactly(Map.of("id", "fgw", "name", "市发展改革委", "count", 1));
    }

    @Test
    void aBadYearIsRefusedInChinese() {
        for (String year : List.of("abc", "1999", "20261", "2101")) {
            ResponseEntity<Map<String, Object>> bad = api.get("office1", "/api/dashboard?year=" + year, MAP);
            assertThat(bad.getStatusCode()).as(year).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat((String) bad.getBody().get("detail")).as(year)
                    .isEqualTo("年度“" + year + "”有误：应为 2000 到 2100 之间的四位数字年份，例如 2026。");
        }
        assertThat(rest.exchange("/api/dashboard", HttpMethod.GET, new HttpEntity<>(ReformApi.json()), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void thePageAndItsChartLibraryAreServedWithThePagesSecurityHeaders() {
        ResponseEntity<String> page = rest.getForEntity("/dashboard/index.html", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval");
        assertThat(page.getHeaders().getFirst("X-Frame-Options")).isEqualTo("DENY");
        String script = page.getBody().replaceAll("(?s).*<script src=\"(/webjars/echarts/[^\"]+)\".*", "$1");
        ResponseEntity<String> echarts = rest.getForEntity(script, String.class);
        assertThat(echarts.getStatusCode()).as(script).isEqualTo(HttpStatus.OK);
        assertThat(echarts.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(echarts.getBody()).contains("echarts");
        assertThat(page.getBody()).doesNotContain("<style", "style=\"", "onclick");
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CHINA).toInstant()));
    }

    private void create(String code, int year, String category, List<String> leadUnits, List<String> leaders,
            List<String> coopUnits) {
        Map<String, Object> body = ReformApi.taskBody(code, "任务" + code, leadUnits);
        body.put("year", year);
        body.put("category", category);
        body.put("leaders", leaders);
        body.put("coopUnits", coopUnits);
        api.createTask(body);
    }

    private Task step(String code, String activityId) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).processDefinitionKey("reform-task")
                .taskDefinitionKey(activityId).singleResult();
    }

    private LocalDate stepDue(String code, String activityId) {
        return step(code, activityId).getDueDate().toInstant().atZone(CHINA).toLocalDate();
    }

    private void complete(String code, String activityId, Map<String, Object> variables) {
        Task task = step(code, activityId);
        assertThat(task).as("%s of %s", activityId, code).isNotNull();
        taskService.complete(task.getId(), variables);
    }

    private void draftPlan(String code) {
        complete(code, "Task_DraftPlan", Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));
    }

    private void startQuarterlyReport(String code) {
        assertThat(api.post("office1", "/api/tasks/" + code + "/quarterly-report", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
    }

    private void submitReport(String code) {
        complete(code, "Task_SubmitQuarterlyReport", Map.of("reportProgress", "完成阶段目标", "reportStatus",
                "on-track", "reportNextSteps", "继续推进"));
    }

    /** A 督办单 for the task's open draft step, as the reminder process records it. */
    private void notice(String code, String noticeNo) {
        Task draft = step(code, "Task_DraftPlan");
        recorder.noticeIssued(code, draft.getId(), "方案制定", noticeNo,
                draft.getDueDate().toInstant().atZone(CHINA).toLocalDate());
    }

    private Map<String, Object> dashboard(String user, String query) {
        ResponseEntity<Map<String, Object>> answer = api.get(user, "/api/dashboard" + query, MAP);
        assertThat(answer.getStatusCode()).as("GET /api/dashboard%s as %s: %s", query, user, answer.getBody())
                .isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> summary(Map<String, Object> dashboard) {
        return (Map<String, Object>) dashboard.get("summary");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Map<String, Object> dashboard, String name) {
        return (List<Map<String, Object>>) dashboard.get(name);
    }

    private static Map<String, Integer> counts(Map<String, Object> dashboard, String name) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        list(dashboard, name).forEach(s -> counts.put((String) s.get("id"), ((Number) s.get("count")).intValue()));
        return counts;
    }

    private static List<Object> names(Map<String, Object> dashboard, String name) {
        return list(dashboard, name).stream().map(s -> s.get("name")).toList();
    }

    /** The non-zero months of the notices chart. */
    private static Map<String, Long> notices(Map<String, Object> dashboard) {
        return list(dashboard, "notices").stream().filter(m -> ((Number) m.get("count")).longValue() > 0)
                .collect(Collectors.toMap(m -> (String) m.get("month"), m -> ((Number) m.get("count")).longValue(),
                        Long::sum, LinkedHashMap::new));
    }

    @SafeVarargs
    private static Map<String, Long> expectedNotices(Map<YearMonth, Long>... perMonth) {
        Map<String, Long> expected = new java.util.TreeMap<>();
        for (Map<YearMonth, Long> month : perMonth) {
            month.forEach((m, n) -> expected.merge(m.toString(), n, Long::sum));
        }
        return new LinkedHashMap<>(expected);
    }
}
