package cn.reformoffice.platform.score;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;
import cn.reformoffice.platform.ledger.LedgerRecorder;

/**
 * The unit scores page (/scores/index.html) in headless Chromium (zh-CN) after {@link ScoreScenario}'s quarter:
 * the office sees the ranking, opens 市卫生健康委's breakdown with what each item counted and the ledger links,
 * may download the Excel file, picks another period and an earlier as-of day; the unit sees its own score, place
 * and breakdown only; the leader the unit of their task. Screenshots in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:scorespagebrowserit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class ScoresPageBrowserIT {

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("ScoresPageBrowserIT").language("zh-CN");

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired WorkingCalendar calendar;
    @Autowired LedgerRecorder recorder;

    private final ReformApi api = new ReformApi(() -> rest);

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    void theOfficeSeesTheRankingAndEachUnitWhyItScoredWhatItScored() throws IOException {
        ScoreScenario scenario = new ScoreScenario(api, taskService, calendar, recorder).drive();
        ScoreScenario.at(LocalDate.of(2026, 10, 9));

        // --- the office: the ranking ---
        browser.diagnoseFailureAs("office");
        browser.logInToTasklist("office1");
        browser.open("/scores/index.html?period=2026Q3");
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#ranking-rows tr"), 3));
        assertThat(column("td.unit")).containsExactly("市发展改革委", "市卫生健康委", "市财政局");
        assertThat(column("td.rank")).containsExactly("1", "2", "3");
        assertThat(column("td.score")).containsExactly("102", "94.5", "82");
        assertThat(texts("#ranking-head th")).containsExactly("排名", "单位", "得分", "按时报送", "迟报", "逾期未报",
                "逾期工作日", "督办单", "退回", "按时完成任务");
        assertThat(texts("#ranking-rows tr[data-unit='wjw'] td")).containsExactly("2", "市卫生健康委", "94.5", "—", "1",
                "—", "5", "—", "1", "—");
        assertThat(text("summary")).isEqualTo(
                "2026年第三季度（2026-07-01 至 2026-09-30）· 统计截至 2026-09-30，考核期已结束 · 参与排名 3 个单位");
        assertThat(new Select(browser.find(By.id("period"))).getFirstSelectedOption().getText()).isEqualTo("2026年第三季度");
        assertThat(text("unranked")).startsWith("本期没有考核事项、不参与排名的单位：").contains("市科技局", "市医保局");
        WebElement export = browser.find(By.id("export"));
        assertThat(export.isDisplayed()).isTrue();
        assertThat(export.getText()).isEqualTo("导出 Excel");
        assertThat(export.getDomAttribute("href")).isEqualTo("/api/scores.xlsx?period=2026Q3");
        assertThat(browser.find(By.id("breakdown")).isDisplayed()).isFalse();
        assertThat(text("user")).contains("刘洋");
        browser.screenshot("01-office-ranking");

        // the file downloads with the page's login
        Object download = ((JavascriptExecutor) browser.driver()).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/scores.xlsx?period=2026Q3', {credentials: 'same-origin'})"
                        + ".then(r => done(r.status + ' ' + r.headers.get('Content-Type'))).catch(e => done(String(e)));");
        assertThat(download).isEqualTo("200 " + ScoreController.XLSX);

        // --- the office opens 市卫生健康委's breakdown ---
        browser.find(By.cssSelector("#ranking-rows tr[data-unit='wjw'] td.unit button")).click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("breakdown")));
        assertThat(text("breakdown-title")).isEqualTo("市卫生健康委 · 94.5 分 · 第 2 名");
        assertThat(text("breakdown-summary")).isEqualTo("2026年第三季度，统计截至 2026-09-30。基础分 100 分，迟报季度报送 -2 分，"
                + "逾期工作日 -2.5 分，工作被退回 -1 分，合计 94.5 分。");
        assertThat(browser.find(By.id("breakdown-ledger")).getDomAttribute("href")).isEqualTo("/ledger/index.html?unit=wjw");
        assertThat(itemCells("reportsLate")).containsExactly("1 份", "-2", "-2");
        assertThat(itemCells("overdueDays")).containsExactly("5 个工作日", "-0.5", "-2.5");
        assertThat(itemCells("returns")).containsExactly("1 次", "-1", "-1");
        assertThat(itemCells("tasksOnTime")).containsExactly("0 项", "+2", "0");
        assertThat(details("reportsLate")).containsExactly("2026-SC2 公立医院综合改革 · 2026年第3季度报送 · 期限 "
                + scenario.wjwReportDue + " · 报送 " + calendar.addWorkingDays(scenario.wjwReportDue, 2) + " · 迟报 2 个工作日");
        assertThat(details("overdueDays")).hasSize(2).anySatisfy(line -> assertThat(line)
                .startsWith("2026-SC2 公立医院综合改革 · 方案制定 · 期限 " + scenario.wjwDraftDue).endsWith("办结时逾期 3 个工作日"));
        assertThat(details("returns")).containsExactly("2026-SC2 公立医院综合改革 · 方案制定被退回 · 退回 "
                + calendar.addWorkingDays(scenario.wjwDraftDue, 3) + " · 改革办审定退回");
        assertThat(browser.findAll(By.cssSelector("#item-rows tr[data-key] a.ledger-link")))
                .hasSize(7).allSatisfy(a -> assertThat(a.getDomAttribute("href")).isEqualTo("/ledger/index.html?unit=wjw"));
        assertThat(browser.find(By.cssSelector("#item-rows tr[data-key='returns'] td.details a.code"))
                .getDomAttribute("href")).isEqualTo("/ledger/task.html?code=2026-SC2");
        assertThat(text("total")).isEqualTo("94.5");
        assertThat(browser.driver().getCurrentUrl()).endsWith("/scores/index.html?period=2026Q3&unit=wjw");
        browser.screenshot("02-office-breakdown");

        // 市财政局: the cap and the 督办单
        browser.find(By.cssSelector("#ranking-rows tr[data-unit='czj'] td.unit button")).click();
        browser.until(ExpectedConditions.textToBe(By.id("breakdown-title"), "市财政局 · 82 分 · 第 3 名"));
        assertThat(itemCells("overdueDays").get(2)).isEqualTo("-10");
        assertThat(browser.find(By.cssSelector("#item-rows tr[data-key='overdueDays'] .item-note")).getText())
                .isEqualTo("按上限计 -10 分");
        assertThat(details("notices")).singleElement().asString().contains("督办单 江改督〔2026〕7号（季度报送）", "发出 2026-09-15");
        browser.screenshot("03-office-capped");

        // another period: nothing to assess in the second quarter
        new Select(browser.find(By.id("period"))).selectByValue("2026Q2");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("empty")));
        assertThat(text("empty")).isEqualTo("2026年第二季度（统计截至 2026-06-30）各单位均没有需要考核的事项。");
        assertThat(browser.find(By.id("ranking")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("breakdown")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("export")).isDisplayed()).isFalse();

        // an earlier day of the quarter, typed the Chinese way
        new Select(browser.find(By.id("period"))).selectByValue("2026Q3");
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#ranking-rows tr"), 3));
        WebElement asOf = browser.find(By.id("as-of"));
        LocalDate mid = scenario.midQuarter;
        asOf.sendKeys(mid.getYear() + "年" + mid.getMonthValue() + "月" + mid.getDayOfMonth() + "日", Keys.TAB);
        browser.until(ExpectedConditions.textToBe(By.cssSelector("#ranking-rows tr[data-unit='wjw'] td.score"), "92"));
        assertThat(asOf.getDomProperty("value")).isEqualTo(mid.toString());
        assertThat(browser.driver().getCurrentUrl()).endsWith("?period=2026Q3&asOf=" + mid);
        browser.screenshot("04-office-as-of");
        browser.find(By.id("today")).click();
        browser.until(ExpectedConditions.textToBe(By.cssSelector("#ranking-rows tr[data-unit='wjw'] td.score"), "94.5"));
        assertThat(asOf.getDomProperty("value")).isEmpty();

        // an earlier day of the quarter and a unit, from the address
        browser.open("/scores/index.html?period=2026Q3&asOf=" + scenario.midQuarter + "&unit=wjw");
        browser.until(ExpectedConditions.textToBe(By.id("breakdown-title"), "市卫生健康委 · 92 分 · 第 2 名"));
        assertThat(browser.find(By.id("as-of")).getDomProperty("value")).isEqualTo(scenario.midQuarter.toString());
        assertThat(itemCells("reportsMissing")).containsExactly("1 份", "-5", "-5");
        assertThat(text("summary")).contains("统计截至 " + scenario.midQuarter + "，考核期尚未结束");
        assertThat(browser.find(By.id("export")).getDomAttribute("href"))
                .isEqualTo("/api/scores.xlsx?period=2026Q3&asOf=" + scenario.midQuarter);

        // a period that does not exist
        browser.open("/scores/index.html?period=2026Q9");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        assertThat(text("message")).isEqualTo(
                "考核得分加载失败：考核期“2026Q9”格式不正确：季度写作 2026Q3，半年写作 2026H1 或 2026H2，全年写作 2026。");
        assertThat(browser.find(By.id("ranking")).isDisplayed()).isFalse();

        // --- the unit: its own score, place and breakdown ---
        browser.diagnoseFailureAs("unit");
        browser.driver().manage().deleteAllCookies();
        browser.logInToTasklist("wjw1");
        browser.open("/scores/index.html?period=2026Q3");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("breakdown")));
        assertThat(text("own")).isEqualTo("市卫生健康委在2026年第三季度得 94.5 分，在 3 个参与排名的单位中排第 2 名。"
                + "其他单位的得分由市委改革办通报。");
        assertThat(column("td.unit")).containsExactly("市卫生健康委");
        assertThat(text("breakdown-title")).isEqualTo("市卫生健康委 · 94.5 分 · 第 2 名");
        assertThat(details("overdueDays")).hasSize(2);
        assertThat(browser.find(By.id("export")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("unranked")).isDisplayed()).isFalse();
        assertThat(browser.find(By.id("nav-cockpit")).isDisplayed()).isFalse();
        assertThat(browser.driver().getPageSource()).doesNotContain("市财政局");
        browser.screenshot("05-unit");

        // --- the leader: the units of their task ---
        browser.diagnoseFailureAs("leader");
        browser.driver().manage().deleteAllCookies();
        browser.logInToTasklist("zhaomingyuan");
        browser.open("/scores/index.html?period=2026Q3");
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#ranking-rows tr"), 1));
        assertThat(column("td.unit")).containsExactly("市发展改革委");
        assertThat(column("td.rank")).containsExactly("1");
        assertThat(text("unranked")).isEqualTo("本期没有考核事项、不参与排名的单位：市科技局。");
        browser.find(By.cssSelector("#ranking-rows tr[data-unit='fgw'] td.unit button")).click();
        browser.until(ExpectedConditions.textToBe(By.id("breakdown-title"), "市发展改革委 · 102 分 · 第 1 名"));
        assertThat(itemCells("tasksOnTime")).containsExactly("1 项", "+2", "+2");
        assertThat(browser.find(By.cssSelector("#item-rows tr[data-key='tasksOnTime'] .item-note")).getText())
                .isEqualTo("本期销号 1 项，其中按时申请销号 1 项");
        browser.screenshot("06-leader");
    }

    // --- helpers -------------------------------------------------------------------------------

    private String text(String id) {
        return browser.find(By.id(id)).getText();
    }

    private List<String> texts(String css) {
        return browser.findAll(By.cssSelector(css)).stream().map(WebElement::getText).toList();
    }

    private List<String> column(String cell) {
        return texts("#ranking-rows tr " + cell);
    }

    /** 数量, 每项分值, 小计 of an item of the breakdown. */
    private List<String> itemCells(String key) {
        String row = "#item-rows tr[data-key='" + key + "'] ";
        return List.of(browser.find(By.cssSelector(row + "td.count")).getText(),
                browser.find(By.cssSelector(row + "td.points")).getText(),
                browser.find(By.cssSelector(row + "td.subtotal")).getText());
    }

    private List<String> details(String key) {
        return texts("#item-rows tr[data-key='" + key + "'] td.details li");
    }
}
