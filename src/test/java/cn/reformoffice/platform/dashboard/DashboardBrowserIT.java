package cn.reformoffice.platform.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.ledger.LedgerRecorder;

/**
 * The dashboard (/dashboard/index.html) in headless Chromium (zh-CN) with the Tasklist login of the same browser,
 * over a 2026 plan whose tasks are driven through the engine while its clock moves from September to November:
 * every chart is drawn (ECharts on canvas, with data and pixels), a click on a pie slice or a bar opens the ledger
 * with the matching filter in its address, the tasks turned red this week (by moving the clock past a due date) are
 * listed and link to their ledger entry, a year without tasks shows 暂无数据, nothing breaks the pages'
 * Content-Security-Policy; a unit clerk sees only the figures of its own tasks. Screenshots in
 * {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:dashboardbrowserit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardBrowserIT {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final List<String> CHARTS = List.of("chart-lights", "chart-stages", "chart-categories",
            "chart-overdue", "chart-notices", "chart-reports");

    /** 市发展改革委 with leader 赵明远, cooperating 市科技局: its plan is overdue this week (red). */
    private static final String DATA = "2026-101";
    /** 市科技局: its plan is overdue this week too (red). */
    private static final String SCIENCE = "2026-105";

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("DashboardBrowserIT").language("zh-CN")
            .window(1440, 1800);

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired WorkingCalendar calendar;
    @Autowired LedgerRecorder recorder;

    private final ReformApi api = new ReformApi(() -> rest);
    private LocalDate today;

    @BeforeAll
    void buildThePlan() {
        at(LocalDate.of(2026, 6, 1));
        create("2026-102", "营商环境优化提升", "深化政务服务集成改革", List.of("yshj"), List.of());
        create("2026-103", "民生保障", "公立医院综合改革", List.of("wjw"), List.of("qianlixin"));
        create("2026-104", "重大改革攻坚", "预算管理制度改革", List.of("czj"), List.of());
        create("2026-106", "民生保障", "医保支付方式改革", List.of("ybj"), List.of());
        create("2026-107", "营商环境优化提升", "要素保障机制改革", List.of("fgw"), List.of());
        Map<String, Object> lastYear = ReformApi.taskBody("2025-001", "工程建设项目审批制度改革", List.of("yshj"));
        lastYear.put("year", 2025);
        lastYear.put("category", "营商环境优化提升");
        api.createTask(lastYear);
        for (String code : List.of("2025-001", "2026-102", "2026-104", "2026-106", "2026-107")) {
            draftPlan(code);
            complete(code, "Task_OfficeApprovePlan", Map.of("planDecision", "approve"));
        }
        draftPlan("2026-103");
        complete("2026-103", "Task_LeaderApprovePlan", Map.of("planDecision", "approve"));
        complete("2026-104", "Task_ImplementAndApplyCloseOut", Map.of("completionSummary", "已全面完成",
                "achievementType", "policy", "completionEvidence", "江府办〔2026〕1号"));
        complete("2026-104", "Task_ReviewCloseOut", Map.of("closeOutDecision", "approve"));

        // second-quarter reports, on time
        at(LocalDate.of(2026, 6, 25));
        for (String code : List.of("2026-102", "2026-103", "2026-106", "2026-107")) {
            assertThat(api.post("office1", "/api/tasks/" + code + "/quarterly-report", null).getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
            submitReport(code);
            complete(code, "Task_ReconcileReport", Map.of("reportDecision", "accept"));
        }

        // a 督办单 in September; third-quarter reports: two on time, two late
        at(LocalDate.of(2026, 9, 7));
        Task implementation = step("2026-103", "Task_ImplementAndApplyCloseOut");
        recorder.noticeIssued("2026-103", implementation.getId(), "实施", "改督〔2026〕0号", LocalDate.of(2026, 9, 4));
        at(LocalDate.of(2026, 9, 25));
        for (String code : List.of("2026-102", "2026-103", "2026-106", "2026-107")) {
            assertThat(api.post("office1", "/api/tasks/" + code + "/quarterly-report", null).getStatusCode())
                    .isEqualTo(HttpStatus.ACCEPTED);
        }
        submitReport("2026-102");
        submitReport("2026-106");
        LocalDate reportDue = stepDue("2026-103", "Task_SubmitQuarterlyReport");
        create(DATA, "重大改革攻坚", "数据要素市场化配置改革", List.of("fgw"), List.of("zhaomingyuan"));
        create(SCIENCE, "创新驱动", "科技成果转化机制改革", List.of("kjj"), List.of());
        LocalDate draftDue = stepDue(DATA, "Task_DraftPlan");
        at(calendar.addWorkingDays(reportDue, 2));
        submitReport("2026-103");
        submitReport("2026-107");
        for (String code : List.of("2026-102", "2026-103", "2026-106", "2026-107")) {
            complete(code, "Task_ReconcileReport", Map.of("reportDecision", "accept"));
        }
        notice(DATA, "改督〔2026〕1号");

        // the plans' due date passes: both turn red this week
        today = calendar.addWorkingDays(draftDue, 1);
        at(today);
        recorder.refreshAll();
        notice(DATA, "改督〔2026〕2号");
        notice(SCIENCE, "改督〔2026〕3号");
    }

    @AfterAll
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anonymousUserIsAskedToLogIn() throws IOException {
        browser.open("/dashboard/index.html");
        WebElement login = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(login.getText()).contains("请先登录");
        assertThat(browser.find(By.id("dashboard")).isDisplayed()).isFalse();
    }

    @Test
    void theOfficeSeesEveryChartAndClicksIntoTheLedger() throws IOException {
        at(today);
        watchForViolations();
        browser.logInToTasklist("office1");
        // the webapps' header leads to the dashboard
        WebElement headerLink = browser.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[cam-widget-header] .reform-home a[href='/dashboard/index.html']")));
        assertThat(headerLink.getText()).isEqualTo("督查督办驾驶舱");
        headerLink.click();
        waitForCharts();

        assertThat(text("scope")).isEqualTo("2026年度全部改革任务推进情况。");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("user"), "刘洋"));
        assertThat(text("as-of")).isEqualTo("数据截至 " + today);
        assertThat(new Select(browser.find(By.id("year"))).getFirstSelectedOption().getText()).isEqualTo("2026年");
        assertThat(text("kpi-tasks")).isEqualTo("7");
        assertThat(text("kpi-red")).isEqualTo("2");
        assertThat(text("kpi-overdue")).isEqualTo("2");
        assertThat(text("kpi-closed")).isEqualTo("1");
        assertThat(text("kpi-rate")).isEqualTo("完成率 14%");
        assertThat(text("kpi-reports")).isEqualTo("按时率 75%");
        assertThat(text("kpi-reports-late")).isEqualTo("按时 6 份，迟报 2 份");
        assertThat(text("kpi-notices")).isEqualTo("4");
        assertThat(browser.find(By.id("nav-cockpit")).isDisplayed()).isTrue();
        for (String chart : CHARTS) {
            assertThat(seriesData(chart)).as(chart).isPositive();
            assertThat(paintedPixels(chart)).as("pixels drawn in %s", chart).isGreaterThan(500);
        }
        assertThat(categories("chart-overdue")).containsExactly("市发展改革委", "市科技局");
        assertThat(categories("chart-stages")).containsExactly("待分配", "方案制定", "方案审定", "实施", "销号审核", "已销号");
        assertThat(categories("chart-reports")).containsExactlyInAnyOrder("市发展改革委", "市卫生健康委", "市营商环境办",
                "市医保局");
        assertThat(legend("chart-reports")).containsExactly("第2季度按时", "第3季度按时", "第3季度迟报");

        // red this week: both tasks, each linking to its ledger entry
        List<WebElement> red = browser.findAll(By.cssSelector("#red-list li"));
        assertThat(red).extracting(li -> li.getDomAttribute("data-code")).containsExactlyInAnyOrder(DATA, SCIENCE);
        WebElement data = browser.find(By.cssSelector("#red-list li[data-code='" + DATA + "']"));
        assertThat(data.getText()).contains(today + " 10:00", DATA, "数据要素市场化配置改革", "环节逾期：方案制定逾期1个工作日");
        assertThat(data.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("/ledger/task.html?code=" + DATA);

        fitWindowToPage();
        browser.screenshot("00-office-overview");

        // a tooltip, in Chinese
        hoverBar("chart-overdue", 0, true);
        WebElement tip = browser.until(d -> d.findElements(By.cssSelector("#chart-overdue .tip")).stream()
                .filter(WebElement::isDisplayed).findFirst().orElse(null));
        assertThat(tip.getText()).contains("市发展改革委", "逾期任务", "1 项", "点击在台账中查看该单位的逾期任务");
        browser.screenshot("01-office");

        // clicks into the ledger
        clickPieSlice("chart-lights", "RED");
        assertThat(ledgerAddress()).isEqualTo("/ledger/index.html?light=RED&year=2026");
        back();
        clickBar("chart-stages", 1, false);
        assertThat(ledgerAddress()).isEqualTo("/ledger/index.html?stage=DRAFTING&year=2026");
        back();
        clickBar("chart-overdue", 0, true);
        assertThat(ledgerAddress()).isEqualTo("/ledger/index.html?unit=fgw&overdue=true&year=2026");
        back();
        int attack = categories("chart-categories").indexOf("重大改革攻坚");
        clickBar("chart-categories", attack, true);
        assertThat(ledgerAddress()).isEqualTo("/ledger/index.html?category=重大改革攻坚&year=2026");
        back();
        clickBar("chart-reports", categories("chart-reports").indexOf("市卫生健康委"), true);
        assertThat(ledgerAddress()).isEqualTo("/ledger/index.html?unit=wjw&year=2026");
        back();
        browser.find(By.cssSelector("#red-list li[data-code='" + DATA + "'] a")).click();
        browser.until(ExpectedConditions.urlContains("/ledger/task.html?code=" + DATA));
        back();

        // another year
        assertThat(new Select(browser.find(By.id("year"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("2026年", "2025年");
        new Select(browser.find(By.id("year"))).selectByValue("2025");
        browser.until(d -> "1".equals(text("kpi-tasks")));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/dashboard/index.html?year=2025");
        assertThat(text("scope")).isEqualTo("2025年度全部改革任务推进情况。");
        clickPieSlice("chart-lights", "GREEN");
        assertThat(ledgerAddress()).isEqualTo("/ledger/index.html?light=GREEN&year=2025");

        // a year without tasks
        browser.open("/dashboard/index.html?year=2024");
        waitForCharts();
        assertThat(text("kpi-tasks")).isEqualTo("0");
        for (String chart : CHARTS) {
            browser.until(d -> "暂无数据".equals(browser.script("const c = echarts.getInstanceByDom("
                    + "document.getElementById(arguments[0])); const t = c.getOption().title;"
                    + " return t && t.length ? t[0].text : null;", chart)));
        }
        // the tasks turned red this week, whatever their year
        assertThat(text("red-list")).contains(DATA, SCIENCE);
        assertThat(text("week")).isEqualTo("（" + today.with(java.time.temporal.TemporalAdjusters.previousOrSame(
                java.time.DayOfWeek.MONDAY)) + " 至 " + today + "，不限年度）");
        browser.screenshot("02-office-2024");

        // a year the server refuses: said in Chinese, this year shown
        browser.open("/dashboard/index.html?year=abc");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "年度“abc”有误"));
        waitForCharts();
        assertThat(text("kpi-tasks")).isEqualTo("7");
        assertThat(violations()).isEmpty();
    }

    @Test
    void aUnitClerkSeesTheFiguresOfItsOwnTasks() throws IOException {
        at(today);
        watchForViolations();
        browser.logInToTasklist("fgw1");
        browser.open("/dashboard/index.html");
        waitForCharts();
        assertThat(text("scope")).isEqualTo("2026年度本人及所在单位参与的改革任务推进情况。");
        assertThat(text("kpi-tasks")).isEqualTo("2");
        assertThat(text("kpi-red")).isEqualTo("1");
        assertThat(text("kpi-overdue")).isEqualTo("1");
        assertThat(text("kpi-reports")).isEqualTo("按时率 50%");
        assertThat(text("kpi-reports-late")).isEqualTo("按时 1 份，迟报 1 份");
        assertThat(text("kpi-notices")).isEqualTo("2");
        assertThat(browser.find(By.id("nav-cockpit")).isDisplayed()).isFalse();
        assertThat(categories("chart-overdue")).containsExactly("市发展改革委");
        assertThat(categories("chart-reports")).containsExactly("市发展改革委");
        assertThat(browser.findAll(By.cssSelector("#red-list li"))).extracting(li -> li.getDomAttribute("data-code"))
                .containsExactly(DATA);
        browser.screenshot("03-unit-fgw1");

        clickPieSlice("chart-lights", "YELLOW");
        assertThat(ledgerAddress()).isEqualTo("/ledger/index.html?light=YELLOW&year=2026");
        assertThat(violations()).isEmpty();
    }

    // --- the page ------------------------------------------------------------------------------

    private String text(String id) {
        return browser.find(By.id(id)).getText();
    }

    /** Waits until every chart has its ECharts instance and the dashboard is shown. */
    private void waitForCharts() {
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("dashboard")));
        browser.until(d -> Boolean.TRUE.equals(browser.script("return !!window.echarts && arguments[0].every(id =>"
                + " !!echarts.getInstanceByDom(document.getElementById(id)))", CHARTS)));
    }

    /** Makes the window as tall as the page, so that a screenshot shows all of it. */
    private void fitWindowToPage() {
        long chrome = (Long) browser.script("return window.outerHeight - window.innerHeight");
        long page = (Long) browser.script("return Math.ceil(document.querySelector('main').getBoundingClientRect().bottom"
                + " + window.scrollY)");
        browser.driver().manage().window().setSize(new Dimension(1440, (int) (page + chrome)));
        browser.until(d -> Boolean.TRUE.equals(browser.script(
                "return window.innerHeight >= document.querySelector('main').getBoundingClientRect().bottom")));
    }

    /** The number of data items in the chart's series. */
    private long seriesData(String chart) {
        return (Long) browser.script("const o = echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption(); return (o.series || []).reduce((n, s) => n + (s.data || []).length, 0);", chart);
    }

    /** How many pixels of the chart's canvas are painted (not transparent, not white). */
    private long paintedPixels(String chart) {
        return (Long) browser.script("const canvas = document.querySelector('#' + arguments[0] + ' canvas');"
                + " if (!canvas || !canvas.width) return 0;"
                + " const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;"
                + " let n = 0; for (let i = 0; i < pixels.length; i += 4) {"
                + "   if (pixels[i + 3] > 0 && (pixels[i] < 240 || pixels[i + 1] < 240 || pixels[i + 2] < 240)) n++; }"
                + " return n;", chart);
    }

    /** The category axis' labels of a bar chart. */
    @SuppressWarnings("unchecked")
    private List<String> categories(String chart) {
        return (List<String>) browser.script("const o = echarts.getInstanceByDom(document.getElementById(arguments[0]))"
                + ".getOption(); const axis = [].concat(o.yAxis || [], o.xAxis || []).find(a => a.type === 'category');"
                + " return axis ? axis.data : [];", chart);
    }

    @SuppressWarnings("unchecked")
    private List<String> legend(String chart) {
        return (List<String>) browser.script("const c = echarts.getInstanceByDom(document.getElementById(arguments[0]));"
                + " return c.getOption().series.map(s => s.name);", chart);
    }

    /** Clicks the middle of the pie slice with the given id. */
    @SuppressWarnings("unchecked")
    private void clickPieSlice(String chart, String id) {
        List<Number> point = (List<Number>) browser.script("const el = document.getElementById(arguments[0]);"
                + " const c = echarts.getInstanceByDom(el); const data = c.getModel().getSeriesByIndex(0).getData();"
                + " let index = -1; for (let i = 0; i < data.count(); i++) { if (data.getRawDataItem(i).id === arguments[1]) index = i; }"
                + " const l = data.getItemLayout(index); const angle = (l.startAngle + l.endAngle) / 2;"
                + " const r = (l.r + l.r0) / 2;"
                + " return [l.cx + Math.cos(angle) * r - el.clientWidth / 2, l.cy + Math.sin(angle) * r - el.clientHeight / 2];",
                chart, id);
        clickAt(chart, point);
    }

    /** Clicks a bar at the category's index ({@link #barPoint}); horizontal: categories on the y axis. */
    private void clickBar(String chart, int index, boolean horizontal) {
        clickAt(chart, barPoint(chart, index, horizontal));
    }

    private void hoverBar(String chart, int index, boolean horizontal) {
        List<Number> point = barPoint(chart, index, horizontal);
        new Actions(browser.driver()).moveToElement(browser.find(By.id(chart)), point.get(0).intValue(),
                point.get(1).intValue()).perform();
    }

    /**
     * Offsets from the chart's centre of a point three quarters along the first bar drawn at the category's index
     * (of the first series with a value there), from the bar's layout.
     */
    @SuppressWarnings("unchecked")
    private List<Number> barPoint(String chart, int index, boolean horizontal) {
        return (List<Number>) browser.script("const el = document.getElementById(arguments[0]);"
                + " const c = echarts.getInstanceByDom(el); const series = c.getOption().series;"
                + " for (let s = 0; s < series.length; s++) {"
                + "   const raw = series[s].data[arguments[1]]; const value = typeof raw === 'object' ? raw.value : raw;"
                + "   if (!(value > 0)) continue;"
                + "   const r = c.getModel().getSeriesByIndex(s).getData().getItemLayout(arguments[1]);"
                + "   const p = arguments[2] ? [r.x + r.width * 0.75, r.y + r.height / 2]"
                + "                          : [r.x + r.width / 2, r.y + r.height * 0.75];"
                + "   return [p[0] - el.clientWidth / 2, p[1] - el.clientHeight / 2]; }"
                + " throw new Error('no bar at ' + arguments[1] + ' in ' + arguments[0]);", chart, index, horizontal);
    }

    private void clickAt(String chart, List<Number> offset) {
        new Actions(browser.driver()).moveToElement(browser.find(By.id(chart)), offset.get(0).intValue(),
                offset.get(1).intValue()).click().perform();
        browser.until(ExpectedConditions.urlContains("/ledger/"));
    }

    /**
     * The path and query, decoded, the ledger page was opened with (the ledger page may rewrite its address as
     * it applies the filters).
     */
    private String ledgerAddress() {
        String url = (String) browser.script("return performance.getEntriesByType('navigation')[0].name");
        return URLDecoder.decode(url.substring(url.indexOf("/ledger/")), StandardCharsets.UTF_8);
    }

    private void back() {
        browser.driver().navigate().back();
        browser.until(ExpectedConditions.urlContains("/dashboard/"));
        waitForCharts();
    }

    /** Records, in every page from now on, what the Content-Security-Policy refused and the script errors. */
    private void watchForViolations() {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__problems = [];"
                        + "document.addEventListener('securitypolicyviolation', e => window.__problems.push("
                        + "  'CSP ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"
                        + "window.addEventListener('error', e => window.__problems.push('error ' + e.message));"));
    }

    @SuppressWarnings("unchecked")
    private List<String> violations() {
        return (List<String>) browser.script("return window.__problems || [];");
    }

    // --- the plan ------------------------------------------------------------------------------

    private static void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CHINA).toInstant()));
    }

    private void create(String code, String category, String title, List<String> leadUnits, List<String> leaders) {
        Map<String, Object> body = ReformApi.taskBody(code, title, leadUnits);
        body.put("category", category);
        body.put("leaders", leaders);
        if (DATA.equals(code)) {
            body.put("coopUnits", List.of("kjj"));
        }
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

    private void submitReport(String code) {
        complete(code, "Task_SubmitQuarterlyReport", Map.of("reportProgress", "完成阶段目标", "reportStatus",
                "on-track", "reportNextSteps", "继续推进"));
    }

    private void notice(String code, String noticeNo) {
        Task draft = step(code, "Task_DraftPlan");
        recorder.noticeIssued(code, draft.getId(), "方案制定", noticeNo,
                draft.getDueDate().toInstant().atZone(CHINA).toLocalDate());
    }
}
