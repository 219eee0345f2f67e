package cn.reformoffice.platform.ledger;

import static cn.reformoffice.platform.browser.ReformApi.LIST;
import static cn.reformoffice.platform.browser.ReformApi.MAP;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
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

/**
 * The ledger pages (/ledger/index.html, /ledger/task.html) in headless Chromium with the Tasklist login
 * of the same browser, which runs in Los Angeles time so that times must be converted to China time
 * by the page. The office sees both tasks, filters, searches and opens one entry with its step record
 * and Cockpit link; a unit sees only the task it leads and is refused the other one in Chinese, a unit
 * without tasks sees the empty state.
 * Skipped without Chromium unless {@code -Dbrowser.required=true}; screenshots in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:ledgerpagebrowserit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class LedgerPageBrowserIT {

    private static final String BROWSER_ZONE = "America/Los_Angeles";

    /** Led by 市发展改革委 (fgw1's unit) with leader 赵明远; its plan is drafted before the pages are opened. */
    private static final String DATA_TASK = "2026-102";
    /** Led by 市营商环境办: fgw1's unit takes no part in it. */
    private static final String SERVICE_TASK = "2026-101";

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("LedgerPageBrowserIT").timeZone(BROWSER_ZONE);

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtimeService;

    private final ReformApi api = new ReformApi(() -> rest);

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
    void officeSeesAllTasksAndAUnitOnlyItsOwn() throws IOException {
        createTask(DATA_TASK, "重大改革攻坚", "数据要素市场化配置改革", List.of("赵明远"), List.of("市发改委"),
                List.of("市科技局"));
        createTask(SERVICE_TASK, "营商环境优化提升", "政务服务集成改革", List.of(), List.of("市营商环境办"), List.of());
        draftPlan("fgw1", DATA_TASK);
        String recordedAt = (String) ((List<Map<String, Object>>) api.get("office1", "/api/tasks/" + DATA_TASK, MAP)
                .getBody().get("records")).get(0).get("recordedAt");
        String chinaTime = OffsetDateTime.parse(recordedAt).atZoneSameInstant(ZoneId.of("Asia/Shanghai"))
                .format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String processInstanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(DATA_TASK)
                .singleResult().getId();

        // --- the office: both tasks, filter, search, sort ---
        browser.logInToTasklist("office1");
        browser.open("/ledger/index.html");
        assertThat(browser.script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo(BROWSER_ZONE);
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tasks tr"), 2));
        assertThat(rowCodes()).containsExactly(SERVICE_TASK, DATA_TASK);
        assertThat(row(DATA_TASK).getText()).contains("重大改革攻坚", "数据要素市场化配置改革", "赵明远", "市发展改革委",
                "市科技局", "2026-12-31", "方案审定");
        assertThat(row(SERVICE_TASK).getText()).contains("营商环境优化提升", "政务服务集成改革", "市营商环境办", "方案制定");
        assertThat(browser.find(By.id("count")).getText()).isEqualTo("共 2 项");
        assertThat(browser.find(By.id("user")).getText()).contains("刘洋");
        browser.screenshot("01-office-ledger");

        Select stage = new Select(browser.find(By.id("stage")));
        assertThat(stage.getOptions()).extracting(WebElement::getText)
                .containsExactly("全部环节", "方案制定（1）", "方案审定（1）");
        stage.selectByValue("DRAFTING");
        assertThat(rowCodes()).containsExactly(SERVICE_TASK);
        stage.selectByValue("");

        WebElement search = browser.find(By.id("search"));
        search.sendKeys("数据要素");
        assertThat(rowCodes()).containsExactly(DATA_TASK);
        assertThat(browser.find(By.id("count")).getText()).isEqualTo("共 2 项，显示 1 项");
        browser.screenshot("02-office-search");
        search.clear();
        search.sendKeys("市营商环境办");
        assertThat(rowCodes()).containsExactly(SERVICE_TASK);
        search.sendKeys("不存在");
        assertThat(rowCodes()).isEmpty();
        assertThat(browser.find(By.id("empty")).getText()).contains("没有符合条件的改革任务");
        search.clear();
        search.sendKeys(" ");
        assertThat(rowCodes()).containsExactly(SERVICE_TASK, DATA_TASK);
        browser.find(By.id("sort-code")).click();
        assertThat(rowCodes()).containsExactly(DATA_TASK, SERVICE_TASK);

        // --- the office opens one entry ---
        row(DATA_TASK).findElement(By.cssSelector("td.code a")).click();
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

        // --- a unit that leads one task and takes no part in the other ---
        browser.driver().manage().deleteAllCookies();
        browser.logInToTasklist("fgw1");
        browser.open("/ledger/index.html");
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#tasks tr"), 1));
        assertThat(rowCodes()).containsExactly(DATA_TASK);
        assertThat(browser.find(By.id("nav-cockpit")).isDisplayed()).isFalse();
        browser.screenshot("04-unit-ledger");

        browser.open("/ledger/task.html?code=" + SERVICE_TASK);
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "您无权查看改革任务“" + SERVICE_TASK + "”。"));
        assertThat(browser.find(By.id("entry")).isDisplayed()).isFalse();
        browser.screenshot("05-unit-refused");

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
        browser.screenshot("06-unit-without-tasks");
    }

    // --- helpers -------------------------------------------------------------------------------

    private List<String> rowCodes() {
        return browser.findAll(By.cssSelector("#tasks tr")).stream().map(tr -> tr.getDomAttribute("data-code"))
                .toList();
    }

    private WebElement row(String code) {
        return browser.find(By.cssSelector("#tasks tr[data-code='" + code + "']"));
    }

    private String text(String id) {
        return browser.find(By.id(id)).getText();
    }

    private void createTask(String code, String category, String title, List<String> leaders,
            List<String> leadUnits, List<String> coopUnits) {
        Map<String, Object> body = ReformApi.taskBody(code, title, leadUnits);
        body.put("category", category);
        body.put("leaders", leaders);
        body.put("coopUnits", coopUnits);
        api.createTask(body);
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
}
