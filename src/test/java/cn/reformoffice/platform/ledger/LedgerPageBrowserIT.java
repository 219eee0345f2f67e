package cn.reformoffice.platform.ledger;

import static cn.reformoffice.platform.browser.ReformApi.LIST;
import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;

/**
 * The ledger pages (/ledger/index.html, /ledger/task.html) in headless Chromium on a 1366×768 laptop screen
 * with the Tasklist login of the same browser, which runs in Los Angeles time so that times must be
 * converted to China time by the page. Seven reform tasks are built once with the engine's clock moved
 * (one overdue: 红灯; one due in 3 working days and one whose quarterly report was returned: 黄灯; the
 * rest 绿灯). The office sees them all with their lights and reasons, narrows them with each filter, sorts
 * and pages them, and a link of the page's address shows the same view; a unit sees only the tasks it
 * leads or cooperates on, without the office's export, and is refused another task in Chinese; a unit
 * without tasks sees the empty state.
 * Skipped without Chromium unless {@code -Dbrowser.required=true}; screenshots in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledgerpagebrowserit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class LedgerPageBrowserIT {

    private static final String BROWSER_ZONE = "America/Los_Angeles";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Led by 市营商环境办; due in 3 working days on the day of the test: 黄灯. */
    private static final String SERVICE_TASK = "2026-101";
    /** Led by 市发展改革委 (fgw1's unit) with leader 赵明远, 市科技局 cooperating; its plan is drafted: 方案审定, 绿灯. */
    private static final String DATA_TASK = "2026-102";
    /** Led by 市发展改革委 with leader 钱立新, created two weeks earlier: its draft is overdue, 红灯. */
    private static final String PRICE_TASK = "2026-103";
    /** Led by 市财政局, 市发展改革委 cooperating: its quarterly report was on time but returned, 黄灯. */
    private static final String BUDGET_TASK = "2026-104";
    private static final String MEDICAL_TASK = "2026-105";
    private static final String ELDERLY_TASK = "2026-106";
    /** Next year's plan, led by 市科技局. */
    private static final String NEXT_YEAR_TASK = "2027-001";

    private static final List<String> ALL_BY_CODE = List.of(SERVICE_TASK, DATA_TASK, PRICE_TASK, BUDGET_TASK,
            MEDICAL_TASK, ELDERLY_TASK, NEXT_YEAR_TASK);

    /** The day of the test (the engine's clock), set when the tasks are built. */
    private static LocalDate today;

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("LedgerPageBrowserIT").timeZone(BROWSER_ZONE)
            .window(1366, 768);

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired WorkingCalendar calendar;
    @Autowired LedgerRecorder recorder;

    private final ReformApi api = new ReformApi(() -> rest);

    @BeforeEach
    void tasks() {
        if (today == null) {
            buildTasks();
        }
        at(today);
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void anonymousUserIsAskedToLogIn() throws IOException {
        browser.open("/ledger/index.html");
        WebElement login = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(login.getText()).contains("请先登录");
        assertThat(login.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("/camunda/app/welcome/default/");
        assertThat(browser.find(By.id("ledger")).isDisplayed()).isFalse();
        browser.screenshot("00-anonymous");

        browser.open("/ledger/task.html?code=" + DATA_TASK);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(browser.find(By.id("entry")).isDisplayed()).isFalse();
    }

    @Test
    @SuppressWarnings("unchecked")
    void officeSeesEveryTaskWithItsLightAndWhyAndOpensOne() throws IOException {
        String recordedAt = (String) ((List<Map<String, Object>>) api.get("office1", "/api/tasks/" + DATA_TASK, MAP)
                .getBody().get("records")).get(0).get("recordedAt");
        String chinaTime = OffsetDateTime.parse(recordedAt).atZoneSameInstant(CHINA)
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String processInstanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(DATA_TASK)
                .singleResult().getId();

        browser.logInToTasklist("office1");
        browser.open("/ledger/index.html");
        assertThat(browser.script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo(BROWSER_ZONE);
        // red first, then yellow, then green (each the earliest step due first), as the server sorts them
        List<String> byLight = byLight();
        assertThat(byLight.subList(0, 3)).containsExactly(PRICE_TASK, SERVICE_TASK, BUDGET_TASK);
        waitForRows(byLight.toArray(String[]::new));
        assertThat(text("count")).isEqualTo("共 7 项");
        assertThat(text("user")).contains("刘洋");
        assertThat(browser.find(By.cssSelector("th[aria-sort]")).getText()).contains("灯");
        assertThat(browser.find(By.cssSelector("th[aria-sort]")).getDomAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(lightCount("RED")).isEqualTo("1");
        assertThat(lightCount("YELLOW")).isEqualTo("2");
        assertThat(lightCount("GREEN")).isEqualTo("4");
        assertThat(lightCount("")).isEqualTo("7");

        String todayText = today.toString();
        Map<String, Object> red = ledgerRow(PRICE_TASK);
        assertThat((String) red.get("lightReason")).startsWith("环节逾期：方案制定逾期");
        assertThat(cell(PRICE_TASK, "light-cell")).contains("红灯", (String) red.get("lightReason"), "变更于 " + todayText);
        assertThat(row(PRICE_TASK).findElement(By.cssSelector("span.light")).getDomAttribute("class"))
                .contains("light-RED");
        assertThat(cell(PRICE_TASK, "seq")).isEqualTo("1");
        assertThat(cell(PRICE_TASK, "task")).contains(PRICE_TASK, "价格机制改革");
        assertThat(cell(PRICE_TASK, "leaders")).isEqualTo("钱立新");
        assertThat(cell(PRICE_TASK, "holder")).isEqualTo("市发展改革委");
        assertThat(cell(PRICE_TASK, "step-due")).isEqualTo(red.get("stepDue"));

        Map<String, Object> yellow = ledgerRow(SERVICE_TASK);
        assertThat(cell(SERVICE_TASK, "light-cell")).contains("黄灯",
                "临近到期：方案制定3个工作日后到期（" + yellow.get("stepDue") + "）");
        assertThat(cell(BUDGET_TASK, "light-cell")).contains("黄灯", "季度报送被退回");
        assertThat(cell(BUDGET_TASK, "report")).contains("2026年第4季度", todayText, "按时", "已退回", "按计划推进",
                "完成预算绩效评价办法起草");
        assertThat(row(BUDGET_TASK).findElement(By.cssSelector(".excerpt")).getDomAttribute("title"))
                .isEqualTo("完成预算绩效评价办法起草。 下一步征求意见。");
        assertThat(cell(DATA_TASK, "light-cell")).contains("绿灯", "正常推进");
        assertThat(row(DATA_TASK).getText()).contains("重大改革攻坚", "数据要素市场化配置改革", "赵明远", "市发展改革委",
                "市科技局", "2026-12-31", "方案审定");
        assertThat(cell(DATA_TASK, "report")).isEqualTo("尚未报送");
        assertThat(cell(DATA_TASK, "notices")).isEqualTo("0");
        assertThat(browser.find(By.cssSelector("#tasks tr[data-code='" + DATA_TASK + "'] td.task a.title"))
                .getDomAttribute("href")).isEqualTo("task.html?code=" + DATA_TASK);

        WebElement export = browser.find(By.id("export"));
        assertThat(export.isDisplayed()).isTrue();
        assertThat(export.getText()).isEqualTo("导出 Excel");
        assertThat(export.getDomAttribute("href")).isEqualTo("/api/ledger/export.xlsx");
        assertThat(browser.find(By.id("nav-cockpit")).isDisplayed()).isTrue();
        assertNoEnglish();
        // the wide table scrolls inside its frame, under its header
        assertThat((Boolean) browser.script("const w = document.getElementById('table-wrap');"
                + " return w.scrollWidth <= w.clientWidth || getComputedStyle(w).overflowX === 'auto';")).isTrue();
        assertThat((Long) browser.script("return document.documentElement.scrollWidth;")).isLessThanOrEqualTo(1366L);
        browser.screenshot("01-office-ledger");
        browser.script("const w = document.getElementById('table-wrap'); w.scrollLeft = w.scrollWidth; w.scrollTop = 60;");
        assertThat((String) browser.script("return getComputedStyle(document.querySelector('#ledger-table thead th'))"
                + ".position;")).isEqualTo("sticky");
        browser.screenshot("02-office-ledger-scrolled");

        // --- the office opens one entry ---
        browser.script("document.getElementById('table-wrap').scrollLeft = 0;");
        row(DATA_TASK).findElement(By.cssSelector("td.task a.code")).click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("entry")));
        assertThat(browser.driver().getCurrentUrl()).endsWith("/ledger/task.html?code=" + DATA_TASK);
        assertThat(text("f-code")).isEqualTo(DATA_TASK);
        assertThat(text("f-year")).isEqualTo("2026年");
        assertThat(text("f-category")).isEqualTo("重大改革攻坚");
        assertThat(text("title")).isEqualTo("数据要素市场化配置改革");
        assertThat(text("f-leaders")).isEqualTo("赵明远");
        assertThat(text("f-lead-units")).isEqualTo("市发展改革委");
        assertThat(text("f-coop-units")).isEqualTo("市科技局");
        assertThat(text("f-deadline")).isEqualTo("2026年12月31日");
        assertThat(text("f-stage")).isEqualTo("方案审定");
        assertThat(text("f-goals")).isEqualTo("目标：数据要素市场化配置改革");

        List<WebElement> records = browser.findAll(By.cssSelector("#records tr"));
        assertThat(records).hasSize(1);
        browser.until(ExpectedConditions.textToBePresentInElement(
                records.get(0).findElement(By.cssSelector("td.actor")), "张伟"));
        assertThat(records.get(0).getText()).contains(chinaTime, "方案制定", "张伟 市发展改革委", "具体措施",
                "推进公共数据授权运营", "时间节点及阶段安排", "6月底前");

        WebElement cockpit = browser.find(By.id("cockpit-link"));
        assertThat(cockpit.isDisplayed()).isTrue();
        assertThat(cockpit.getText()).isEqualTo("在流程监控中查看");
        assertThat(cockpit.getDomAttribute("href"))
                .isEqualTo("/camunda/app/cockpit/default/#/process-instance/" + processInstanceId + "/runtime");
        WebElement tasklist = browser.find(By.id("tasklist-link"));
        assertThat(tasklist.getText()).isEqualTo("前往任务办理");
        assertThat(tasklist.getDomAttribute("href")).isEqualTo("/camunda/app/tasklist/default/");
        browser.screenshot("03-office-entry");

        browser.open("/ledger/task.html?code=2026-999");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "未找到改革任务 2026-999"));
        assertThat(browser.find(By.id("entry")).isDisplayed()).isFalse();
    }

    @Test
    void eachFilterNarrowsTheRowsAndTheAddressKeepsThem() throws IOException {
        browser.logInToTasklist("office1");
        browser.open("/ledger/index.html");
        waitForRows(byLight().toArray(String[]::new));
        assertThat(new Select(browser.find(By.id("year"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("全部年度", "2027年", "2026年");
        assertThat(new Select(browser.find(By.id("light"))).getOptions()).extracting(WebElement::getText)
                .containsExactly("全部", "红灯", "黄灯", "绿灯", "已销号", "待分配");
        assertThat(browser.find(By.id("reset")).isDisplayed()).isFalse();

        choose("year", "2027");
        waitForRows(NEXT_YEAR_TASK);
        assertThat(text("count")).isEqualTo("共 1 项");
        assertThat(address()).isEqualTo("year=2027");
        assertThat(browser.find(By.id("export")).getDomAttribute("href")).isEqualTo("/api/ledger/export.xlsx?year=2027");
        // the light counts follow the other filters
        assertThat(lightCount("GREEN")).isEqualTo("1");
        assertThat(lightCount("RED")).isEqualTo("0");
        choose("year", "");

        choose("category", "营商环境优化提升");
        waitForRows(SERVICE_TASK);
        assertThat(address()).isEqualTo("category=" + encoded("营商环境优化提升"));
        choose("category", "");

        choose("leader", "zhaomingyuan");
        waitForRows(DATA_TASK);
        choose("leader", "qianlixin");
        waitForRows(PRICE_TASK, MEDICAL_TASK);
        assertThat(address()).isEqualTo("leader=qianlixin");
        choose("leader", "");

        choose("unit", "fgw");
        waitForRows(PRICE_TASK, BUDGET_TASK, DATA_TASK);
        choose("unit", "kjj");
        waitForRowsInAnyOrder(DATA_TASK, NEXT_YEAR_TASK);
        choose("unit", "");

        choose("stage", "APPROVAL");
        waitForRows(DATA_TASK);
        assertThat(address()).isEqualTo("stage=APPROVAL");
        choose("stage", "");

        choose("light", "YELLOW");
        waitForRows(SERVICE_TASK, BUDGET_TASK);
        assertThat(chip("YELLOW").getDomAttribute("aria-pressed")).isEqualTo("true");
        chip("RED").click();
        waitForRows(PRICE_TASK);
        assertThat(address()).isEqualTo("light=RED");
        assertThat(new Select(browser.find(By.id("light"))).getFirstSelectedOption().getText()).isEqualTo("红灯");
        assertThat(chip("RED").getDomAttribute("aria-pressed")).isEqualTo("true");
        assertThat(lightCount("YELLOW")).as("the counts ignore the light filter").isEqualTo("2");
        chip("RED").click();
        waitForRows(byLight().toArray(String[]::new));
        assertThat(address()).isEmpty();

        browser.find(By.id("overdue")).click();
        waitForRows(PRICE_TASK);
        assertThat(address()).isEqualTo("overdue=true");
        browser.find(By.id("overdue")).click();

        WebElement search = browser.find(By.id("search"));
        search.sendKeys("数据要素");
        waitForRows(DATA_TASK);
        assertThat(address()).isEqualTo("q=" + encoded("数据要素"));
        search.clear();
        search.sendKeys("市营商环境办");
        waitForRows(SERVICE_TASK);
        search.sendKeys("不存在");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertThat(rowCodes()).isEmpty();
        assertThat(text("empty")).contains("没有符合条件的改革任务");
        assertThat(text("count")).isEqualTo("共 0 项");
        browser.find(By.id("reset")).click();
        waitForRows(byLight().toArray(String[]::new));
        assertThat(browser.find(By.id("search")).getDomProperty("value")).isEmpty();

        // several filters at once, then the same address in a fresh page
        choose("unit", "fgw");
        choose("light", "YELLOW");
        waitForRows(BUDGET_TASK);
        browser.find(By.id("search")).sendKeys("预算");
        browser.until(d -> address().contains("q="));
        browser.find(By.id("overdue")).click();
        waitForRows();
        browser.find(By.id("overdue")).click();
        waitForRows(BUDGET_TASK);
        assertThat(address()).isEqualTo("unit=fgw&light=YELLOW&q=" + encoded("预算"));
        assertThat(browser.find(By.id("export")).getDomAttribute("href"))
                .isEqualTo("/api/ledger/export.xlsx?unit=fgw&light=YELLOW&q=" + encoded("预算"));
        browser.screenshot("04-office-filtered");

        browser.open("/ledger/index.html?year=2026&unit=fgw&stage=APPROVAL&overdue=false&q=" + encoded("数据"));
        waitForRows(DATA_TASK);
        assertThat(selected("year")).isEqualTo("2026");
        assertThat(selected("unit")).isEqualTo("fgw");
        assertThat(selected("stage")).isEqualTo("APPROVAL");
        assertThat(browser.find(By.id("overdue")).isSelected()).isFalse();
        assertThat(browser.find(By.id("search")).getDomProperty("value")).isEqualTo("数据");
        browser.driver().navigate().refresh();
        waitForRows(DATA_TASK);
        assertThat(address()).isEqualTo("year=2026&unit=fgw&stage=APPROVAL&q=" + encoded("数据"));

        browser.open("/ledger/index.html?overdue=true&light=RED");
        waitForRows(PRICE_TASK);
        assertThat(browser.find(By.id("overdue")).isSelected()).isTrue();
        assertThat(chip("RED").getDomAttribute("aria-pressed")).isEqualTo("true");

        // a wrong address: the server's Chinese words
        browser.open("/ledger/index.html?size=1000&light=PURPLE");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "台账查询条件有误"));
        assertThat(text("message")).contains("每页条数应在 1 到 200 之间", "灯只能是红灯、黄灯、绿灯、已销号或待分配").doesNotContain("Exception");
        assertThat(browser.find(By.id("ledger-table")).isDisplayed()).isFalse();
        browser.screenshot("05-office-wrong-address");
        browser.find(By.id("reset")).click();
        waitForRows(byLight().toArray(String[]::new));
        assertThat(address()).isEmpty();
        assertThat(text("message")).isEmpty();
    }

    @Test
    void headersSortAndPagesPage() throws IOException {
        browser.logInToTasklist("office1");
        browser.open("/ledger/index.html");
        waitForRows(byLight().toArray(String[]::new));

        sortBy("code");
        waitForRows(ALL_BY_CODE.toArray(String[]::new));
        assertThat(header("code").getDomAttribute("aria-sort")).isEqualTo("ascending");
        assertThat(header("light").getDomAttribute("aria-sort")).isNull();
        assertThat(address()).isEqualTo("sort=code");
        sortBy("code");
        waitForRows(ALL_BY_CODE.stream().sorted(java.util.Comparator.reverseOrder()).toArray(String[]::new));
        assertThat(header("code").getDomAttribute("aria-sort")).isEqualTo("descending");
        assertThat(address()).isEqualTo("sort=code&dir=desc");

        sortBy("deadline");
        assertThat(address()).isEqualTo("sort=deadline");
        browser.until(d -> NEXT_YEAR_TASK.equals(rowCodes().get(rowCodes().size() - 1)));
        sortBy("stage");
        browser.until(d -> BUDGET_TASK.equals(rowCodes().get(rowCodes().size() - 1))); // 方案制定, 方案审定, 推进实施
        assertThat(rowCodes().get(rowCodes().size() - 2)).isEqualTo(DATA_TASK);

        // paging: two a page
        browser.open("/ledger/index.html?sort=code&size=2");
        waitForRows(SERVICE_TASK, DATA_TASK);
        assertThat(text("count")).isEqualTo("共 7 项");
        assertThat(text("range")).isEqualTo("（第 1–2 项）");
        assertThat(text("page-info")).isEqualTo("第 1 / 4 页");
        assertThat(browser.findAll(By.cssSelector("#pages button")).stream().map(WebElement::getText).toList())
                .containsExactly("1", "2", "3", "4");
        assertThat(browser.find(By.id("prev")).isEnabled()).isFalse();
        assertThat(selected("size")).isEqualTo("2");

        browser.find(By.id("next")).click();
        waitForRows(PRICE_TASK, BUDGET_TASK);
        assertThat(cell(PRICE_TASK, "seq")).isEqualTo("3");
        assertThat(address()).isEqualTo("sort=code&page=1&size=2");
        assertThat(browser.find(By.cssSelector("#pages button[aria-current='page']")).getText()).isEqualTo("2");
        browser.find(By.cssSelector("#pages button[data-page='3']")).click();
        waitForRows(NEXT_YEAR_TASK);
        assertThat(browser.find(By.id("next")).isEnabled()).isFalse();
        assertThat(address()).isEqualTo("sort=code&page=3&size=2");
        assertThat(text("range")).isEqualTo("（第 7 项）");
        browser.screenshot("06-office-last-page");
        browser.find(By.id("prev")).click();
        waitForRows(MEDICAL_TASK, ELDERLY_TASK);

        browser.driver().navigate().refresh();
        waitForRows(MEDICAL_TASK, ELDERLY_TASK);
        assertThat(text("page-info")).isEqualTo("第 3 / 4 页");
        assertThat(header("code").getDomAttribute("aria-sort")).isEqualTo("ascending");

        // a filter starts again at the first page; a page past the end shows the last one
        choose("light", "GREEN");
        waitForRows(DATA_TASK, MEDICAL_TASK);
        assertThat(address()).isEqualTo("light=GREEN&sort=code&size=2");
        browser.open("/ledger/index.html?sort=code&size=2&page=9");
        waitForRows(NEXT_YEAR_TASK);
        assertThat(address()).isEqualTo("sort=code&page=3&size=2");

        new Select(browser.find(By.id("size"))).selectByValue("20");
        waitForRows(ALL_BY_CODE.toArray(String[]::new));
        assertThat(address()).isEqualTo("sort=code&size=20");
        assertThat(browser.find(By.id("prev")).isEnabled()).isFalse();
        assertThat(browser.find(By.id("next")).isEnabled()).isFalse();

        // one year by code, backwards, two a page (the database reads a year's codes in index order)
        browser.open("/ledger/index.html?year=2026&sort=code&dir=desc&size=2&page=1");
        waitForRows(BUDGET_TASK, PRICE_TASK);
        assertThat(text("count")).isEqualTo("共 6 项");
        assertThat(text("page-info")).isEqualTo("第 2 / 3 页");
        assertThat(header("code").getDomAttribute("aria-sort")).isEqualTo("descending");
        assertThat(cell(BUDGET_TASK, "seq")).isEqualTo("3");
        browser.screenshot("06a-office-year-by-code-backwards");
        browser.find(By.id("next")).click();
        waitForRows(DATA_TASK, SERVICE_TASK);
        assertThat(address()).isEqualTo("year=2026&sort=code&dir=desc&page=2&size=2");
    }

    @Test
    void clicksFasterThanTheAnswersEndOnTheLastChoice() throws IOException {
        browser.logInToTasklist("fgw1");
        browser.open("/ledger/index.html?year=2026");
        waitForRows(PRICE_TASK, BUDGET_TASK, DATA_TASK);
        // five clicks on 改革任务 and two light chips without waiting for any answer: code, up, down, up, down, up
        for (int i = 0; i < 5; i++) {
            clickAsItIsNow(By.cssSelector("#ledger-table button.sort[data-sort='code']"));
        }
        clickAsItIsNow(By.cssSelector("#lights button[data-light='RED']"));
        clickAsItIsNow(By.cssSelector("#lights button[data-light='GREEN']"));
        waitForRows(DATA_TASK);
        assertThat(address()).isEqualTo("year=2026&light=GREEN&sort=code");
        assertThat(header("code").getDomAttribute("aria-sort")).isEqualTo("ascending");
        // the counts ignore the light filter and stay the unit's own: 3 in all, 1 red, 1 yellow, 1 green
        assertThat(lightCount("")).isEqualTo("3");
        assertThat(lightCount("RED")).isEqualTo("1");
        assertThat(lightCount("GREEN")).isEqualTo("1");
        assertThat(text("count")).isEqualTo("共 1 项");
        browser.screenshot("07a-unit-fast-clicks");
        chip("GREEN").click();
        waitForRows(DATA_TASK, PRICE_TASK, BUDGET_TASK);
    }

    @Test
    void aUnitSeesOnlyItsOwnTasksWithoutTheExport() throws IOException {
        browser.logInToTasklist("fgw1");
        browser.open("/ledger/index.html");
        waitForRows(PRICE_TASK, BUDGET_TASK, DATA_TASK);
        assertThat(text("count")).isEqualTo("共 3 项");
        assertThat(lightCount("")).isEqualTo("3");
        assertThat(browser.find(By.id("export")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("nav-cockpit")).isDisplayed()).isFalse();
        assertThat(new Select(browser.find(By.id("unit"))).getOptions()).extracting(WebElement::getText)
                .doesNotContain("市营商环境办", "市医保局");
        choose("unit", "czj");
        waitForRows(BUDGET_TASK);
        choose("unit", "");
        waitForRows(PRICE_TASK, BUDGET_TASK, DATA_TASK);
        assertNoEnglish();
        browser.screenshot("07-unit-ledger");

        // another unit's tasks stay hidden whatever the address asks for
        assertHidden("unit=yshj", SERVICE_TASK, "08-unit-refused");

        browser.open("/ledger/task.html?code=" + DATA_TASK);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("entry")));
        assertThat(text("f-stage")).isEqualTo("方案审定");
        assertThat(browser.find(By.id("cockpit-link")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("tasklist-link")).isDisplayed()).isTrue();

        // --- a unit that takes part in no task ---
        browser.driver().manage().deleteAllCookies();
        browser.logInToTasklist("wjw1");
        browser.open("/ledger/index.html");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertThat(text("empty")).startsWith("暂无您可查看的改革任务");
        assertThat(browser.find(By.id("ledger-table")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("pager")).isDisplayed()).isFalse();
        browser.screenshot("09-unit-without-tasks");
    }

    /**
     * A lead leader (钱立新: the price and the medical insurance tasks) sees the tasks they lead and nothing else,
     * whatever the address asks for; unit choices made faster than the answers end on the last one.
     */
    @Test
    void aLeaderSeesTheTasksTheyLeadAndNoOtherLeadersTasks() throws IOException {
        browser.logInToTasklist("qianlixin");
        browser.open("/ledger/index.html");
        waitForRowsInAnyOrder(PRICE_TASK, MEDICAL_TASK);
        assertThat(text("count")).isEqualTo("共 2 项");
        assertThat(lightCount("")).isEqualTo("2");
        assertThat(lightCount("RED")).isEqualTo("1");
        assertThat(browser.find(By.id("export")).isDisplayed()).isFalse();
        assertThat(new Select(browser.find(By.id("unit"))).getOptions()).extracting(WebElement::getText)
                .doesNotContain("市营商环境办", "市财政局");
        assertNoEnglish();
        browser.screenshot("11-leader-ledger");

        // two units chosen one after the other without waiting: the page ends on the second
        choose("unit", "fgw");
        choose("unit", "ybj");
        waitForRows(MEDICAL_TASK);
        assertThat(address()).isEqualTo("unit=ybj");
        assertThat(text("count")).isEqualTo("共 1 项");

        // another leader's task stays hidden, in the list and on its own page
        assertHidden("leader=zhaomingyuan", DATA_TASK, "12-leader-refused");
    }

    /**
     * The ledger asked for what the user may not see ({@code query}) shows no row and counts nothing, and the page
     * of a task not theirs refuses in Chinese, showing nothing of it.
     */
    private void assertHidden(String query, String code, String screenshot) throws IOException {
        browser.open("/ledger/index.html?" + query);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertThat(rowCodes()).isEmpty();
        assertThat(text("empty")).contains("没有符合条件的改革任务");
        assertThat(lightCount("")).isEqualTo("0");
        browser.open("/ledger/task.html?code=" + code);
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "您无权查看改革任务“" + code + "”。"));
        assertThat(browser.find(By.id("entry")).isDisplayed()).isFalse();
        browser.screenshot(screenshot);
    }

    /** A wide screenshot of the office's ledger for the documentation (docs/ledger-page.png). */
    @Test
    void wideScreenshot() throws IOException {
        browser.driver().manage().window().setSize(new Dimension(1920, 1080));
        browser.logInToTasklist("office1");
        browser.open("/ledger/index.html");
        waitForRows(byLight().toArray(String[]::new));
        assertNoEnglish();
        browser.screenshot("10-office-ledger-wide");
    }

    // --- the tasks -----------------------------------------------------------------------------

    /**
     * Builds the seven tasks: the overdue one two weeks before the test's day, the one due soon the week
     * before, the others on the day, when every light is recomputed.
     */
    private void buildTasks() {
        at(LocalDate.of(2026, 11, 2));
        createTask(PRICE_TASK, 2026, "重大改革攻坚", "价格机制改革", List.of("钱立新"), List.of("市发改委"), List.of());
        at(LocalDate.of(2026, 11, 16));
        createTask(SERVICE_TASK, 2026, "营商环境优化提升", "政务服务集成改革", List.of(), List.of("市营商环境办"),
                List.of());
        LocalDate serviceDue = LocalDate.parse((String) ledgerRow(SERVICE_TASK).get("stepDue"));
        LocalDate day = calendar.subtractWorkingDays(serviceDue, 3);
        assertThat(day).as("the day of the test").isAfterOrEqualTo(LocalDate.of(2026, 11, 16));
        at(day);

        createTask(DATA_TASK, 2026, "重大改革攻坚", "数据要素市场化配置改革", List.of("赵明远"), List.of("市发改委"),
                List.of("市科技局"));
        draftPlan("fgw1", DATA_TASK);
        createTask(BUDGET_TASK, 2026, "财税体制改革", "预算绩效管理改革", List.of(), List.of("市财政局"),
                List.of("市发改委"));
        taskService.complete(step(BUDGET_TASK, "Task_DraftPlan").getId(), Map.of("planMeasures", "措施",
                "planMilestones", "节点", "planResults", "成果"));
        taskService.complete(step(BUDGET_TASK, "Task_OfficeApprovePlan").getId(), Map.of("planDecision", "approve"));
        assertThat(api.post("office1", "/api/tasks/" + BUDGET_TASK + "/quarterly-report", null).getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        taskService.complete(step(BUDGET_TASK, "Task_SubmitQuarterlyReport").getId(), Map.of("reportProgress",
                "完成预算绩效评价办法起草。\n下一步征求意见。", "reportStatus", "on-track", "reportNextSteps", "征求意见"));
        taskService.complete(step(BUDGET_TASK, "Task_ReconcileReport").getId(), Map.of("reportDecision", "return",
                "reportComment", "请补充评价指标"));
        createTask(MEDICAL_TASK, 2026, "社会事业改革", "医保支付方式改革", List.of("钱立新"), List.of("市医保局"), List.of());
        createTask(ELDERLY_TASK, 2026, "社会事业改革", "养老服务体系改革", List.of(), List.of("市民政局"), List.of());
        Map<String, Object> nextYear = ReformApi.taskBody(NEXT_YEAR_TASK, "科技成果转化改革", List.of("市科技局"));
        nextYear.put("year", 2027);
        nextYear.put("deadline", "2027-12-31");
        api.createTask(nextYear);

        recorder.refreshAll();
        today = day;
        assertThat(ledgerRow(PRICE_TASK)).containsEntry("light", "RED");
        assertThat(ledgerRow(SERVICE_TASK)).containsEntry("light", "YELLOW");
        assertThat(ledgerRow(BUDGET_TASK)).containsEntry("light", "YELLOW");
        assertThat(ledgerRow(DATA_TASK)).containsEntry("light", "GREEN").containsEntry("stage", "APPROVAL");
        assertThat(LocalDate.parse((String) ledgerRow(BUDGET_TASK).get("stepDue")))
                .as("the budget task's next step is due after the service task's draft")
                .isAfter(serviceDue);
    }

    private static void at(LocalDate day) {
        ClockUtil.setCurrentTime(Date.from(day.atTime(LocalTime.of(10, 0)).atZone(CHINA).toInstant()));
    }

    private void createTask(String code, int year, String category, String title, List<String> leaders,
            List<String> leadUnits, List<String> coopUnits) {
        Map<String, Object> body = ReformApi.taskBody(code, title, leadUnits);
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

    /** The primary lead unit completes 方案制定 through the engine's REST API, as Tasklist would. */
    private void draftPlan(String user, String code) {
        List<Map<String, Object>> tasks = api.get(user,
                "/engine-rest/task?processInstanceBusinessKey=" + code + "&taskDefinitionKey=Task_DraftPlan", LIST)
                .getBody();
        assertThat(tasks).hasSize(1);
        Map<String, Object> variables = Map.of(
                "planMeasures", Map.of("value", "推进公共数据授权运营"),
                "planMilestones", Map.of("value", "6月底前出台管理办法"),
                "planResults", Map.of("value", "制度文件"));
        ResponseEntity<String> completed = api.post(user, "/engine-rest/task/" + tasks.get(0).get("id") + "/complete",
                Map.of("variables", variables), String.class);
        assertThat(completed.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** The codes of all tasks in the ledger's default order (by light), as the office sees them. */
    @SuppressWarnings("unchecked")
    private List<String> byLight() {
        return ((List<Map<String, Object>>) api.get("office1", "/api/ledger?size=200", MAP).getBody().get("rows"))
                .stream().map(r -> (String) r.get("code")).toList();
    }

    /** The task's row of GET /api/ledger as the office sees it. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> ledgerRow(String code) {
        ResponseEntity<Map<String, Object>> page = api.get("office1", "/api/ledger?q=" + code, MAP);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        return ((List<Map<String, Object>>) page.getBody().get("rows")).stream()
                .filter(r -> code.equals(r.get("code"))).findFirst().orElseThrow();
    }

    // --- the page ------------------------------------------------------------------------------

    /** The codes of the rows shown, read at once (the rows are replaced while the page loads). */
    @SuppressWarnings("unchecked")
    private List<String> rowCodes() {
        return (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('#tasks tr')).map(tr => tr.dataset.code);");
    }

    /** Waits until the page shows these rows in this order, after its query has come back. */
    private void waitForRows(String... codes) {
        List<String> expected = List.of(codes);
        try {
            browser.until(d -> "false".equals(browser.find(By.id("ledger")).getDomAttribute("aria-busy"))
                    && rowCodes().equals(expected));
        } catch (TimeoutException e) {
            assertThat(rowCodes()).as("rows of %s", browser.driver().getCurrentUrl()).containsExactlyElementsOf(expected);
            throw e;
        }
    }

    private void waitForRowsInAnyOrder(String... codes) {
        List<String> expected = List.of(codes).stream().sorted().toList();
        try {
            browser.until(d -> "false".equals(browser.find(By.id("ledger")).getDomAttribute("aria-busy"))
                    && rowCodes().stream().sorted().toList().equals(expected));
        } catch (TimeoutException e) {
            assertThat(rowCodes()).as("rows of %s", browser.driver().getCurrentUrl())
                    .containsExactlyInAnyOrderElementsOf(expected);
            throw e;
        }
    }

    private WebElement row(String code) {
        return browser.find(By.cssSelector("#tasks tr[data-code='" + code + "']"));
    }

    private String cell(String code, String className) {
        return row(code).findElement(By.cssSelector("td." + className)).getText();
    }

    private WebElement chip(String light) {
        return browser.find(By.cssSelector("#lights button[data-light='" + light + "']"));
    }

    private String lightCount(String light) {
        return chip(light).findElement(By.cssSelector(".n")).getText();
    }

    private WebElement header(String sort) {
        return browser.find(By.xpath("//table[@id='ledger-table']//th[.//button[@data-sort='" + sort + "']]"));
    }

    /**
     * A click on what the page shows now: an answer that arrives between finding the element and clicking it
     * redraws it (the chips, the table's head), and the click then goes to the new one, as a person's would.
     */
    private void clickAsItIsNow(By what) {
        for (int attempt = 1; ; attempt++) {
            try {
                browser.find(what).click();
                return;
            } catch (StaleElementReferenceException redrawn) {
                if (attempt == 3) {
                    throw redrawn;
                }
            }
        }
    }

    private void sortBy(String sort) {
        browser.find(By.cssSelector("#ledger-table button.sort[data-sort='" + sort + "']")).click();
    }

    private void choose(String select, String value) {
        new Select(browser.find(By.id(select))).selectByValue(value);
    }

    private String selected(String select) {
        return new Select(browser.find(By.id(select))).getFirstSelectedOption().getDomAttribute("value");
    }

    /** The query of the page's address. */
    private String address() {
        return (String) browser.script("return location.search.replace(/^\\?/, '');");
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private String text(String id) {
        return browser.find(By.id(id)).getText();
    }

    /** No word of English on the page (the task codes and dates aside). */
    private void assertNoEnglish() {
        String body = browser.find(By.tagName("body")).getText().replace("导出 Excel", "");
        assertThat(body).doesNotContainPattern("[A-Za-z]{3,}");
    }
}
