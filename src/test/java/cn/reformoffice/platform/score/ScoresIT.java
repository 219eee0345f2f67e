package cn.reformoffice.platform.score;

import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.ledger.LedgerRecorder;

/**
 * Unit scores ({@code GET /api/scores}, {@code /api/scores.xlsx}) from real reform tasks driven through the engine
 * across 2026's third quarter with the clock moved (H2, authorization on):
 * <ul>
 * <li>市发展改革委 reports on time and closes its task out on time: 100 + 2 = 102;</li>
 * <li>市卫生健康委 drafts its plan 3 working days late, has it returned, reports 2 working days late:
 * 100 − 2 (late report) − 2.5 (5 working days) − 1 (return) = 94.5;</li>
 * <li>市财政局 never submits its report and gets a 督办单: 100 − 5 (missing) − 10 (overdue days, capped) − 3 = 82.</li>
 * </ul>
 * Every item of the breakdowns, the ranking, who sees what, bad input in Chinese, the Excel file cell by cell, and
 * that events after the as-of day change nothing of a rerun.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:scoresit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoresIT {

    private static final LocalDate Q3_END = LocalDate.of(2026, 9, 30);

    static final String FGW_TASK = ScoreScenario.FGW_TASK;
    static final String WJW_TASK = ScoreScenario.WJW_TASK;
    static final String CZJ_TASK = ScoreScenario.CZJ_TASK;

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired WorkingCalendar calendar;
    @Autowired LedgerRecorder recorder;

    private final ReformApi api = new ReformApi(() -> rest);

    private ScoreScenario scenario;
    private LocalDate wjwDraftDue;
    private LocalDate wjwReportDue;
    private LocalDate czjReportDue;
    private LocalDate midQuarter;

    @BeforeAll
    void driveThreeUnitsThroughTheThirdQuarter() {
        scenario = new ScoreScenario(api, taskService, calendar, recorder).drive();
        wjwDraftDue = scenario.wjwDraftDue;
        wjwReportDue = scenario.wjwReportDue;
        czjReportDue = scenario.czjReportDue;
        midQuarter = scenario.midQuarter;
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    @Order(1)
    void theQuarterRanksTheUnitsWithEveryItemOfTheirBreakdown() {
        at(LocalDate.of(2026, 10, 9));
        Map<String, Object> board = scores("office1", "period=2026Q3");
        assertThat(board).containsEntry("period", "2026Q3").containsEntry("periodLabel", "2026年第三季度")
                .containsEntry("periodStart", "2026-07-01").containsEntry("periodEnd", "2026-09-30")
                .containsEntry("asOf", "2026-09-30").containsEntry("periodEnded", true).containsEntry("view", "office")
                .containsEntry("rankedUnits", 3);
        assertThat(rows(board)).extracting(r -> r.get("unitName")).containsExactly("市发展改革委", "市卫生健康委", "市财政局");
        assertThat(rows(board)).extracting(r -> r.get("rank")).containsExactly(1, 2, 3);
        assertThat(names(board.get("unranked"))).contains("市科技局", "市医保局", "市民政局")
                .doesNotContain("市发展改革委", "市委改革办");

        Map<String, Object> fgw = row(board, "fgw");
        assertThat(number(fgw.get("score"))).isEqualByComparingTo("102");
        assertThat(number(fgw.get("base"))).isEqualByComparingTo("100");
        assertThat(fgw).containsEntry("ledgerUrl", "/ledger/index.html?unit=fgw");
        item(fgw, "reportsOnTime", 1, "0", "0");
        item(fgw, "reportsLate", 0, "-2", "0");
        item(fgw, "reportsMissing", 0, "-5", "0");
        item(fgw, "overdueDays", 0, "-0.5", "0");
        item(fgw, "notices", 0, "-3", "0");
        item(fgw, "returns", 0, "-1", "0");
        Map<String, Object> onTime = item(fgw, "tasksOnTime", 1, "2", "2");
        assertThat(onTime).containsEntry("note", "本期销号 1 项，其中按时申请销号 1 项")
                .containsEntry("ledgerUrl", "/ledger/index.html?unit=fgw");
        assertThat(details(onTime)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("taskCode", FGW_TASK).containsEntry("taskTitle", "数据要素市场化配置改革")
                .containsEntry("due", "2026-09-30").containsEntry("date", "2026-08-03")
                .containsEntry("taskUrl", "/ledger/task.html?code=" + FGW_TASK));
        assertThat(details(item(fgw, "reportsOnTime", 1, "0", "0"))).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("what", "2026年第3季度报送").containsEntry("date", "2026-07-22")
                .containsEntry("days", 0));

        Map<String, Object> wjw = row(board, "wjw");
        assertThat(number(wjw.get("score"))).isEqualByComparingTo("94.5");
        item(wjw, "reportsOnTime", 0, "0", "0");
        Map<String, Object> lateReport = item(wjw, "reportsLate", 1, "-2", "-2");
        assertThat(details(lateReport)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("due", wjwReportDue.toString()).containsEntry("days", 2)
                .containsEntry("note", "迟报 2 个工作日"));
        item(wjw, "reportsMissing", 0, "-5", "0");
        Map<String, Object> overdue = item(wjw, "overdueDays", 5, "-0.5", "-2.5");
        assertThat(overdue).containsEntry("capped", false);
        assertThat(details(overdue)).extracting(d -> d.get("what"), d -> d.get("days"), d -> d.get("due"))
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("方案制定", 3, wjwDraftDue.toString()),
                        org.assertj.core.groups.Tuple.tuple("2026年第3季度报送", 2, wjwReportDue.toString()));
        item(wjw, "notices", 0, "-3", "0");
        Map<String, Object> returned = item(wjw, "returns", 1, "-1", "-1");
        assertThat(details(returned)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("what", "方案制定被退回").containsEntry("note", "改革办审定退回")
                .containsEntry("date", calendar.addWorkingDays(wjwDraftDue, 3).toString()));
        item(wjw, "tasksOnTime", 0, "2", "0");

        Map<String, Object> czj = row(board, "czj");
        assertThat(number(czj.get("score"))).isEqualByComparingTo("82");
        item(czj, "reportsOnTime", 0, "0", "0");
        item(czj, "reportsLate", 0, "-2", "0");
        Map<String, Object> missing = item(czj, "reportsMissing", 1, "-5", "-5");
        int czjOverdue = calendar.workingDaysBetween(czjReportDue, Q3_END);
        assertThat(czjOverdue).as("over 20 working days: the cap applies").isGreaterThan(20);
        assertThat(details(missing)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("due", czjReportDue.toString()).containsEntry("date", null)
                .containsEntry("days", czjOverdue)
                .containsEntry("note", "截至 2026-09-30 仍未报送，已逾期 " + czjOverdue + " 个工作日"));
        Map<String, Object> capped = item(czj, "overdueDays", czjOverdue, "-0.5", "-10");
        assertThat(capped).containsEntry("capped", true).containsEntry("note", "按上限计 -10 分");
        Map<String, Object> notice = item(czj, "notices", 1, "-3", "-3");
        assertThat(details(notice)).singleElement().satisfies(d -> assertThat(d)
                .containsEntry("what", "督办单 江改督〔2026〕7号（季度报送）").containsEntry("date", "2026-09-15"));
        item(czj, "returns", 0, "-1", "0");
        item(czj, "tasksOnTime", 0, "2", "0");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rules = (List<Map<String, Object>>) board.get("rules");
        assertThat(rules).extracting(r -> r.get("key")).contains("base", "reportsLate", "overdueCap", "tasksOnTime");
    }

    @Test
    @Order(2)
    void asOfADayInTheQuarterTheFiguresAreThoseOfThatDay() {
        at(LocalDate.of(2026, 10, 9));
        Map<String, Object> board = scores("office1", "period=2026Q3&asOf=" + midQuarter);
        assertThat(board).containsEntry("asOf", midQuarter.toString()).containsEntry("periodEnded", false);
        Map<String, Object> wjw = row(board, "wjw");
        item(wjw, "reportsLate", 0, "-2", "0");
        item(wjw, "reportsMissing", 1, "-5", "-5");
        item(wjw, "overdueDays", 4, "-0.5", "-2");
        item(wjw, "returns", 1, "-1", "-1");
        assertThat(number(wjw.get("score"))).isEqualByComparingTo("92");
        Map<String, Object> czj = row(board, "czj");
        item(czj, "notices", 0, "-3", "0");
        int days = calendar.workingDaysBetween(czjReportDue, midQuarter);
        BigDecimal overdue = BigDecimal.valueOf(days).multiply(new BigDecimal("-0.5")).max(new BigDecimal("-10"));
        assertThat(number(czj.get("score"))).isEqualByComparingTo(new BigDecimal("95").add(overdue));
        assertThat(number(row(board, "fgw").get("score"))).isEqualByComparingTo("102");
    }

    @Test
    @Order(3)
    void aUnitSeesItsOwnScoreAndPlaceALeaderTheUnitsOfTheirTasks() {
        at(LocalDate.of(2026, 10, 9));
        Map<String, Object> own = scores("wjw1", "period=2026Q3");
        assertThat(own).containsEntry("view", "unit").containsEntry("rankedUnits", 3);
        assertThat(rows(own)).singleElement().satisfies(r -> assertThat(r).containsEntry("unitId", "wjw")
                .containsEntry("rank", 2));
        assertThat(details(item(rows(own).get(0), "overdueDays", 5, "-0.5", "-2.5"))).hasSize(2);
        assertThat((List<?>) own.get("unranked")).isEmpty();
        assertThat(rows(scores("fgw1", "period=2026Q3&unit=fgw"))).extracting(r -> r.get("rank")).containsExactly(1);

        ResponseEntity<Map<String, Object>> other = api.get("fgw1", "/api/scores?period=2026Q3&unit=czj", MAP);
        assertThat(other.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(other.getBody()).containsEntry("detail", "您只能查看本单位的考核得分，无权查看“市财政局”的得分。");

        Map<String, Object> idle = scores("ybj1", "period=2026Q3");
        assertThat(rows(idle)).isEmpty();
        assertThat(names(idle.get("unranked"))).containsExactly("市医保局");

        Map<String, Object> leader = scores("zhaomingyuan", "period=2026Q3");
        assertThat(leader).containsEntry("view", "leader").containsEntry("rankedUnits", 3);
        assertThat(rows(leader)).extracting(r -> r.get("unitName")).containsExactly("市发展改革委");
        assertThat(names(leader.get("unranked"))).containsExactly("市科技局");
        ResponseEntity<Map<String, Object>> refused = api.get("zhaomingyuan", "/api/scores?period=2026Q3&unit=wjw", MAP);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(refused.getBody()).containsEntry("detail",
                "您只能查看您领衔的改革任务所涉单位的考核得分，无权查看“市卫生健康委”的得分。");

        ResponseEntity<byte[]> file = download("fgw1", "period=2026Q3");
        assertThat(file.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(new String(file.getBody(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("只有市委改革办工作人员或系统管理员可以导出考核得分。");
        assertThat(api.get("office2", "/api/scores?period=2026Q3&unit=czj", MAP).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @Order(4)
    void badInputIsRefusedInChinese() {
        at(LocalDate.of(2026, 10, 9));
        Map<String, String> bad = Map.of(
                "period=2026Q5", "考核期“2026Q5”格式不正确：季度写作 2026Q3，半年写作 2026H1 或 2026H2，全年写作 2026。",
                "period=第三季度", "考核期“第三季度”格式不正确：季度写作 2026Q3，半年写作 2026H1 或 2026H2，全年写作 2026。",
                "period=2026Q3&asOf=2026-09-31", "统计截止日期“2026-09-31”格式不正确，请写作 2026-09-30。",
                "period=2026Q3&asOf=2026-06-30", "统计截止日期 2026-06-30 早于考核期“2026年第三季度”的开始日期 2026-07-01，请选择考核期内或之后的日期。",
                "period=2027Q1", "考核期“2027年第一季度”尚未开始（2027-01-01 开始），暂无得分。",
                "period=2026Q3&unit=nosuch", "单位“nosuch”不存在，请从排名中选择单位。");
        bad.forEach((query, message) -> {
            ResponseEntity<Map<String, Object>> answer = api.get("office1", "/api/scores?" + query, MAP);
            assertThat(answer.getStatusCode()).as(query).isEqualTo(HttpStatus.BAD_REQUEST);
            assertThat(answer.getBody()).as(query).containsEntry("detail", message);
        });
        ResponseEntity<byte[]> file = download("office1", "period=2026Q9");
        assertThat(file.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);

        // the page gets the platform pages' Content-Security-Policy (no inline scripts or styles)
        ResponseEntity<String> page = rest.getForEntity("/scores/index.html", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(page.getBody()).doesNotContain("<script>").doesNotContain("style=");

        Map<String, Object> periods = api.get("fgw1", "/api/scores/periods", MAP).getBody();
        assertThat(periods).containsEntry("current", "2026Q4").containsEntry("today", "2026-10-09");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> list = (List<Map<String, Object>>) periods.get("periods");
        assertThat(list).extracting(p -> p.get("id"))
                .containsExactly("2026Q4", "2026Q3", "2026Q2", "2026Q1", "2026H2", "2026H1", "2026");
        assertThat(list.get(0)).containsEntry("label", "2026年第四季度");
    }

    @Test
    @Order(5)
    void theOfficeExportsTheRankingToExcel() throws IOException {
        at(LocalDate.of(2026, 10, 9));
        ResponseEntity<byte[]> file = download("office1", "period=2026Q3");
        assertThat(file.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(file.getHeaders().getContentType().toString()).isEqualTo(ScoreController.XLSX);
        assertThat(file.getHeaders().getContentDisposition().getFilename())
                .isEqualTo("单位考核得分-2026Q3-截至2026-09-30.xlsx");
        int czjOverdue = calendar.workingDaysBetween(czjReportDue, Q3_END);
        try (Workbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file.getBody()))) {
            assertThat(List.of(workbook.getSheetName(0), workbook.getSheetName(1), workbook.getSheetName(2)))
                    .containsExactly("考核排名", "扣分加分明细", "计分规则");
            Sheet ranking = workbook.getSheet("考核排名");
            assertThat(cells(ranking.getRow(0))).first()
                    .isEqualTo("2026年第三季度单位考核得分（统计截至 2026-09-30，考核期已结束）");
            assertThat(cells(ranking.getRow(1))).containsExactly("排名", "单位", "得分", "基础分",
                    "按时报送季度报送（份）", "按时报送季度报送（分）", "迟报季度报送（份）", "迟报季度报送（分）",
                    "逾期未报季度报送（份）", "逾期未报季度报送（分）", "逾期工作日（个工作日）", "逾期工作日（分）",
                    "收到督办单（份）", "收到督办单（分）", "工作被退回（次）", "工作被退回（分）",
                    "按时完成改革任务（项）", "按时完成改革任务（分）", "备注");
            assertThat(cells(ranking.getRow(2))).containsExactly("1", "市发展改革委", "102", "100",
                    "1", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "0", "1", "2", "");
            assertThat(cells(ranking.getRow(3))).containsExactly("2", "市卫生健康委", "94.5", "100",
                    "0", "0", "1", "-2", "0", "0", "5", "-2.5", "0", "0", "1", "-1", "0", "0", "");
            assertThat(cells(ranking.getRow(4))).containsExactly("3", "市财政局", "82", "100",
                    "0", "0", "0", "0", "1", "-5", String.valueOf(czjOverdue), "-10", "1", "-3", "0", "0", "0", "0",
                    "逾期工作日按上限计 -10 分");
            assertThat(ranking.getRow(2).getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
            List<String> unranked = new ArrayList<>();
            for (int r = 5; r <= ranking.getLastRowNum(); r++) {
                List<String> cells = cells(ranking.getRow(r));
                assertThat(cells.get(0)).isEqualTo("—");
                assertThat(cells.get(18)).isEqualTo("本期无考核事项，不参与排名");
                unranked.add(cells.get(1));
            }
            assertThat(unranked).contains("市科技局", "市医保局").doesNotContain("市委改革办");

            Sheet details = workbook.getSheet("扣分加分明细");
            assertThat(cells(details.getRow(0))).containsExactly("排名", "单位", "考核项目", "分值", "任务编号", "改革任务",
                    "环节或事项", "期限", "日期", "工作日", "说明");
            List<List<String>> lines = new ArrayList<>();
            for (int r = 1; r <= details.getLastRowNum(); r++) {
                lines.add(cells(details.getRow(r)));
            }
            assertThat(lines).contains(
                    List.of("1", "市发展改革委", "按时完成改革任务", "2", FGW_TASK, "数据要素市场化配置改革", "实施并申请销号",
                            "2026-09-30", "2026-08-03", "0", "2026-08-05 销号"),
                    List.of("2", "市卫生健康委", "迟报季度报送", "-2", WJW_TASK, "公立医院综合改革", "2026年第3季度报送",
                            wjwReportDue.toString(), calendar.addWorkingDays(wjwReportDue, 2).toString(), "2",
                            "迟报 2 个工作日"),
                    List.of("3", "市财政局", "收到督办单", "-3", CZJ_TASK, "预算绩效管理改革", "督办单 江改督〔2026〕7号（季度报送）",
                            czjReportDue.toString(), "2026-09-15",
                            String.valueOf(calendar.workingDaysBetween(czjReportDue, LocalDate.of(2026, 9, 15))),
                            "发出时逾期 " + calendar.workingDaysBetween(czjReportDue, LocalDate.of(2026, 9, 15))
                                    + " 个工作日"));
            assertThat(lines).hasSize(2 + 4 + 3); // fgw: report, task; wjw: report, 2 overdue steps, return; czj: 3

            Sheet rules = workbook.getSheet("计分规则");
            List<List<String>> ruleRows = new ArrayList<>();
            for (int r = 4; r <= rules.getLastRowNum(); r++) {
                ruleRows.add(cells(rules.getRow(r)).subList(0, 3));
            }
            assertThat(ruleRows).containsExactly(List.of("基础分", "100", "分"), List.of("按时报送季度报送", "0", "每份"),
                    List.of("迟报季度报送", "-2", "每份"), List.of("逾期未报季度报送", "-5", "每份"),
                    List.of("逾期工作日", "-0.5", "每个工作日"), List.of("逾期工作日扣分上限", "-10", "分"),
                    List.of("收到督办单", "-3", "每份"), List.of("工作被退回", "-1", "每次"),
                    List.of("按时完成改革任务", "2", "每项"));
        }
    }

    @Test
    @Order(6)
    void eventsAfterTheAsOfDayChangeNothingOfARerun() {
        at(LocalDate.of(2026, 10, 9));
        Map<String, Object> quarter = scores("office1", "period=2026Q3");
        Map<String, Object> middle = scores("office1", "period=2026Q3&asOf=" + midQuarter);

        // October: 市财政局 finally reports and has it returned, 市卫生健康委 gets a 督办单
        at(LocalDate.of(2026, 10, 12));
        report(CZJ_TASK, "behind");
        complete(CZJ_TASK, "Task_ReconcileReport", Map.of("reportDecision", "return", "reportComment", "请补充数据"));
        at(LocalDate.of(2026, 10, 13));
        recorder.noticeIssued(WJW_TASK, step(WJW_TASK, "Task_ImplementAndApplyCloseOut").getId(), "实施并申请销号",
                "江改督〔2026〕8号", LocalDate.of(2026, 10, 12));

        assertThat(scores("office1", "period=2026Q3")).isEqualTo(quarter);
        assertThat(scores("office1", "period=2026Q3&asOf=2026-09-30")).isEqualTo(quarter);
        assertThat(scores("office1", "period=2026Q3&asOf=2026-12-31")).as("asOf after today: as of today")
                .isEqualTo(quarter);
        assertThat(scores("office1", "period=2026Q3&asOf=" + midQuarter)).isEqualTo(middle);

        // the half-year sees October: the July report submitted late, its return, the new 督办单
        Map<String, Object> half = scores("office1", "period=2026H2");
        assertThat(half).containsEntry("asOf", "2026-10-13");
        Map<String, Object> czj = row(half, "czj");
        item(czj, "reportsLate", 1, "-2", "-2");
        item(czj, "reportsMissing", 0, "-5", "0");
        item(czj, "returns", 1, "-1", "-1");
        item(row(half, "wjw"), "notices", 1, "-3", "-3");
        // the fourth quarter counts only October's overdue days of the report due in July
        Map<String, Object> q4 = scores("office1", "period=2026Q4");
        Map<String, Object> czjQ4 = row(q4, "czj");
        item(czjQ4, "reportsLate", 0, "-2", "0");
        int october = calendar.workingDaysBetween(Q3_END, LocalDate.of(2026, 10, 12));
        Map<String, Object> overdue = item(czjQ4, "overdueDays", october, "-0.5",
                BigDecimal.valueOf(october).multiply(new BigDecimal("-0.5")).toPlainString());
        assertThat(details(overdue)).singleElement().satisfies(d -> assertThat((String) d.get("note"))
                .isEqualTo("办结时逾期 " + calendar.workingDaysBetween(czjReportDue, LocalDate.of(2026, 10, 12))
                        + " 个工作日，其中本期 " + october + " 个工作日"));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private static void at(LocalDate day) {
        ScoreScenario.at(day);
    }

    private Task step(String code, String activityId) {
        return scenario.step(code, activityId);
    }

    private void complete(String code, String activityId, Map<String, Object> variables) {
        scenario.complete(code, activityId, variables);
    }

    private void report(String code, String status) {
        scenario.report(code, status);
    }

    private Map<String, Object> scores(String user, String query) {
        ResponseEntity<Map<String, Object>> answer = api.get(user, "/api/scores?" + query, MAP);
        assertThat(answer.getStatusCode()).as("GET /api/scores?%s as %s: %s", query, user, answer.getBody())
                .isEqualTo(HttpStatus.OK);
        return answer.getBody();
    }

    private ResponseEntity<byte[]> download(String user, String query) {
        HttpHeaders headers = new HttpHeaders();
        return api.as(user).exchange("/api/scores.xlsx?" + query, HttpMethod.GET, new HttpEntity<>(headers),
                byte[].class);
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> rows(Map<String, Object> board) {
        return (List<Map<String, Object>>) board.get("rows");
    }

    @SuppressWarnings("unchecked")
    private static List<Object> names(Object units) {
        return ((List<Map<String, Object>>) units).stream().map(u -> u.get("unitName")).toList();
    }

    private static Map<String, Object> row(Map<String, Object> board, String unitId) {
        return rows(board).stream().filter(r -> unitId.equals(r.get("unitId"))).findFirst()
                .orElseThrow(() -> new AssertionError(unitId + " not ranked: " + board));
    }

    /** The item of the row, checked: count × points = subtotal. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> item(Map<String, Object> row, String key, int count, String points,
            String subtotal) {
        Map<String, Object> item = ((List<Map<String, Object>>) row.get("items")).stream()
                .filter(i -> key.equals(i.get("key"))).findFirst()
                .orElseThrow(() -> new AssertionError(key + " not in " + row));
        assertThat(item.get("count")).as("%s of %s", key, row.get("unitId")).isEqualTo(count);
        assertThat(number(item.get("points"))).as("points of %s", key).isEqualByComparingTo(points);
        assertThat(number(item.get("subtotal"))).as("subtotal of %s of %s", key, row.get("unitId"))
                .isEqualByComparingTo(subtotal);
        assertThat(details(item)).as("details of %s of %s", key, row.get("unitId")).hasSize(
                "overdueDays".equals(key) ? details(item).size() : count);
        return item;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> details(Map<String, Object> item) {
        return (List<Map<String, Object>>) item.get("details");
    }

    private static BigDecimal number(Object value) {
        return new BigDecimal(String.valueOf(value));
    }

    /** The cells of a row as text: numbers as people write them (102, -2.5). */
    private static List<String> cells(Row row) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < row.getLastCellNum(); c++) {
            Cell cell = row.getCell(c);
            if (cell == null) {
                cells.add("");
            } else if (cell.getCellType() == CellType.NUMERIC) {
                cells.add(BigDecimal.valueOf(cell.getNumericCellValue()).stripTrailingZeros().toPlainString());
            } else {
                cells.add(cell.getStringCellValue());
            }
        }
        return cells;
    }
}
