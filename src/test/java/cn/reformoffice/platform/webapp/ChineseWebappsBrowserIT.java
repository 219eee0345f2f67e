package cn.reformoffice.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricTaskInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * The Camunda webapps as the product's users meet them, in a real (headless) Chromium whose language
 * is Chinese and whose time zone is China's:
 * <ul>
 * <li>a lead-unit clerk logs into Tasklist, sees it in Chinese and branded, without the migration
 * banner or links leaving the deployment, sees the unit's filters (and not the office's or the
 * leaders'), opens the 方案制定 task of demo reform task {@code <year>-001} from 本单位待办 (the list
 * shows its code, title and lead unit), claims it, reads the form's context and its link to the
 * ledger, is told in Chinese which fields are missing, fills them in and completes it;
 * <li>office staff open that reform task's process instance in Cockpit, in Chinese;
 * <li>a browser that prefers English still gets English.
 * </ul>
 * Expected texts come from the shipped zh.json where they are webapp labels, so a retranslation does
 * not break the test but a missing locale does. Needs Debian's {@code chromium}, {@code chromium-driver}
 * and {@code fonts-wqy-zenhei}; without them the test is skipped, unless {@code -Dbrowser.required=true}
 * (set by CI). Screenshots go to {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:chinesewebappsit;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "reform.demo.seed-tasks=true",
        "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class ChineseWebappsBrowserIT {

    private static final String PRODUCT = "改革任务督办平台";

    private static final String UNIT_USER = "yshj1";
    private static final String UNIT = "yshj";
    private static final String OFFICE_USER = "office1";
    private static final String TITLE = "深化政务服务集成改革";

    private static final String MEASURES = "浏览器测试：梳理高频事项清单，建立“一件事”集成办理工作专班。";
    private static final String MILESTONES = "浏览器测试：6月底前完成事项梳理，9月底前上线集成办理系统。";
    private static final String RESULTS = "浏览器测试：形成集成办理事项清单和工作规范，网办率达到90%以上。";

    /** Started by each test in its language; its zone decides how the webapps show times: China's, as for the users. */
    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("ChineseWebappsBrowserIT").window(1600, 1000)
            .timeZone("Asia/Shanghai").startedByTests();

    @Autowired
    TaskService taskService;

    @Autowired
    HistoryService historyService;

    @Autowired
    ReformTaskService reformTasks;

    @Autowired
    OrganizationDirectory directory;

    @Test
    void leadUnitClerkWorksATaskInChineseTasklist() throws IOException {
        startBrowser("zh-CN", "tasklist");
        JsonNode zh = labels("tasklist", "zh");
        String code = LocalDate.now().getYear() + "-001";
        String taskName = "方案制定" + "｜" + code;
        browser.open("/camunda/app/tasklist/default/");
        WebElement loginForm = browser.loginForm();
        assertThat(loginForm.findElement(By.cssSelector("button[type='submit']")).getText().trim())
                .as("log-in button").isEqualTo(zh.get("PAGE_LOGIN_SIGN_IN_ACTION").asText());
        browser.screenshot("01-login-page");
        browser.logIn(loginForm, UNIT_USER);

        assertBrandedWithoutBannerOrOutsideLinks();
        assertThat(browser.findAll(By.cssSelector(".create-task-action, .start-process-action")))
                .as("ad-hoc tasks and hand-started processes are not offered").noneMatch(WebElement::isDisplayed);
        assertThat(filterNames()).as("Tasklist filters of a lead-unit clerk")
                .containsExactly("本单位待办", "我的待办", "即将到期", "已逾期");

        openFilter("本单位待办");
        WebElement card = waitForTaskInList(taskName);
        WebElement listItem = card.findElement(By.xpath("ancestor::li[1]"));
        browser.until(d -> listItem.getText().contains("牵头单位"));
        assertThat(listItem.getText()).as("task card in the list").contains(TITLE)
                .contains("任务编号").contains(code).contains("牵头单位").contains(directory.unitName(UNIT));
        assertThat(browser.driver().getCurrentUrl()).as("sorted by due date").contains("dueDate");
        browser.screenshot("02-unit-filter-with-draft-plan-task");

        card.click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'task-details')]//*[starts-with(normalize-space(text()),'" + taskName + "')]")));
        WebElement claim = browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim")));
        assertThat(claim.getText().trim()).isEqualTo(zh.get("CLAIM_TASK").asText());
        claim.click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.unclaim")));

        // the 描述 tab says in one line what the task is about; then back to the form
        openTab(zh.get("DESCRIPTION").asText());
        browser.until(d -> d.findElement(By.cssSelector(".description-pane")).getText().contains("当前环节：方案制定"));
        assertThat(browser.find(By.cssSelector(".description-pane")).getText())
                .contains("改革任务 " + code + "《" + TITLE + "》").contains("牵头单位：" + directory.unitName(UNIT));
        openTab(zh.get("FORM").asText());

        WebElement form = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
        assertThat(form.getText()).as("read-only context of the form").contains(TITLE).contains(code)
                .contains("主要目标").contains("重点举措");
        WebElement ledgerLink = form.findElement(By.linkText("查看台账记录"));
        assertThat(ledgerLink.getDomProperty("href"))
                .isEqualTo(browser.url("/ledger/task.html?code=" + code));
        browser.until(d -> "_blank".equals(ledgerLink.getDomAttribute("target"))); // beside the half-filled form
        browser.screenshot("03-draft-plan-form-with-context");

        clickComplete(zh);
        browser.until(d -> form.getText().contains("此项为必填项"));
        assertThat(form.getText()).as("form-js validation messages in Chinese")
                .doesNotContain("Field is required");
        browser.screenshot("04-missing-fields-explained-in-chinese");

        fill("具体措施", MEASURES);
        fill("时间节点及阶段安排", MILESTONES);
        fill("成果形式及预期成效", RESULTS);
        browser.screenshot("05-draft-plan-form-filled");
        clickComplete(zh);
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'" + taskName + "')]")));
        browser.screenshot("06-draft-plan-completed");

        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_DraftPlan").count()).as("open 方案制定 tasks of %s", code).isZero();
        List<HistoricTaskInstance> drafts = historyService.createHistoricTaskInstanceQuery()
                .processInstanceBusinessKey(code).taskDefinitionKey("Task_DraftPlan").finished().list();
        assertThat(drafts).as("completed 方案制定 tasks of %s", code).hasSize(1);
        assertThat(drafts.get(0).getAssignee()).isEqualTo(UNIT_USER);
        List<Task> open = taskService.createTaskQuery().processInstanceBusinessKey(code).list();
        assertThat(open).extracting(Task::getTaskDefinitionKey).containsExactly("Task_OfficeApprovePlan");
        assertThat(reformTasks.records(code)).filteredOn(r -> r.activityId().equals("Task_DraftPlan"))
                .singleElement().satisfies(record -> {
                    assertThat(record.actorId()).isEqualTo(UNIT_USER);
                    assertThat(record.text("planMeasures")).isEqualTo(MEASURES);
                    assertThat(record.text("planMilestones")).isEqualTo(MILESTONES);
                    assertThat(record.text("planResults")).isEqualTo(RESULTS);
                });
    }

    @Test
    void officeOpensAReformTasksInstanceInChineseCockpit() throws IOException {
        startBrowser("zh-CN", "cockpit");
        JsonNode zh = labels("cockpit", "zh");
        String code = LocalDate.now().getYear() + "-002";
        ReformTask reformTask = reformTasks.get(code);
        browser.open("/camunda/app/cockpit/default/");
        browser.logIn(browser.loginForm(), OFFICE_USER);
        browser.until(d -> d.findElement(By.tagName("body")).getText()
                .contains(zh.get("DASHBOARD_RUNNING_PROCESS_INSTANCE").asText()));
        assertBrandedWithoutBannerOrOutsideLinks();
        browser.screenshot("01-dashboard");

        browser.open("/camunda/app/cockpit/default/#/processes");
        WebElement definition = browser.until(ExpectedConditions.elementToBeClickable(By.linkText("改革任务")));
        browser.screenshot("02-process-definitions");
        definition.click();
        WebElement instanceRow = browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//tr[td[normalize-space(.)='" + code + "']]")));
        browser.screenshot("03-reform-task-instances");
        instanceRow.findElement(By.xpath(".//a[contains(@href,'process-instance/')]")).click();

        browser.until(ExpectedConditions.urlContains("process-instance/" + reformTask.processInstanceId()));
        browser.until(d -> d.findElement(By.tagName("body")).getText().contains(code));
        String page = browser.find(By.tagName("body")).getText();
        assertThat(page).as("instance page in Chinese").contains(zh.get("PROCESS_INSTANCE_ID_BUSINESS_KEY")
                .asText()).contains(zh.get("PLUGIN_VARIABLE_INSTANCES_LABEL").asText());
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg .djs-element")));
        browser.screenshot("04-reform-task-instance");
        assertThat(browser.driver().getTitle()).as("browser tab").startsWith(PRODUCT);
    }

    @Test
    void welcomePageAndAdminAreChineseAndStayInsideTheDeployment() throws IOException {
        startBrowser("zh-CN", "welcome-admin");
        JsonNode welcome = labels("welcome", "zh");
        JsonNode admin = labels("admin", "zh");
        browser.open("/camunda/app/welcome/default/");
        browser.logIn(browser.loginForm(), "admin");
        browser.until(d -> d.findElement(By.tagName("body")).getText().contains(welcome.get("APPLICATIONS").asText()));
        WebElement ledger = browser.until(ExpectedConditions.visibilityOfElementLocated(By.linkText("改革任务台账")));
        assertThat(ledger.getDomProperty("href")).isEqualTo(browser.url("/ledger/index.html"));
        assertThat(browser.findAll(By.linkText("导入年度工作要点"))).hasSize(1);
        assertBrandedWithoutBannerOrOutsideLinks();
        browser.screenshot("01-welcome");

        browser.open("/camunda/app/admin/default/#/users");
        browser.until(d -> d.findElement(By.tagName("body")).getText().contains(admin.get("USERS_USERS").asText()));
        browser.until(d -> d.findElement(By.tagName("body")).getText().contains("张伟"));
        assertBrandedWithoutBannerOrOutsideLinks();
        browser.screenshot("02-admin-users");
    }

    @Test
    void aBrowserThatPrefersEnglishStillGetsEnglish() throws IOException {
        startBrowser("en-US", "english");
        JsonNode en = labels("tasklist", "en");
        browser.open("/camunda/app/tasklist/default/");
        WebElement loginForm = browser.loginForm();
        browser.until(d -> loginForm.findElement(By.cssSelector("button[type='submit']")).getText().trim()
                .equals(en.get("PAGE_LOGIN_SIGN_IN_ACTION").asText()));
        // another lead unit than the Chinese test's, whose task that test completes
        browser.logIn(loginForm, "fgw1");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[normalize-space(.)='" + en.get("SELECT_TASK_IN_LIST").asText() + "']")));
        openFilter("本单位待办");
        WebElement card = waitForTaskInList("方案制定");
        assertThat(card.findElement(By.xpath("ancestor::li[1]")).getText())
                .as("relative dates in English too").contains("Due in").doesNotContain("个月后");
        browser.screenshot("01-tasklist-in-english");
    }

    // --- steps -------------------------------------------------------------------------------

    /** The product's name in the header; no migration banner; no visible link leaving this deployment. */
    private void assertBrandedWithoutBannerOrOutsideLinks() {
        browser.until(d -> d.findElement(By.cssSelector("[cam-widget-header]")).getText().contains(PRODUCT));
        browser.until(d -> d.getTitle().startsWith(PRODUCT));
        assertThat(browser.findAll(By.cssSelector(".ce-eol-banner")))
                .as("Camunda 7 CE end-of-life banner").noneMatch(WebElement::isDisplayed);
        @SuppressWarnings("unchecked")
        List<String> outside = (List<String>) browser.script(
                "return Array.from(document.querySelectorAll('a[href]'))"
                        + ".filter(a => a.offsetParent !== null && /^https?:/.test(a.href)"
                        + " && !a.href.startsWith(location.origin)).map(a => a.href);");
        assertThat(outside).as("visible links leading outside the deployment").isEmpty();
    }

    private List<String> filterNames() {
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filter")));
        // a filter's name is followed by its task count in the focused filter
        return browser.findAll(By.cssSelector(".task-filter h4.name a")).stream()
                .map(e -> e.getText().trim().split("\\s+")[0]).toList();
    }

    private void openFilter(String name) {
        WebElement filter = browser.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'task-filter')]//*[normalize-space(text())='" + name + "']")));
        filter.click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'task-filter') and contains(@class,'active')]//*[normalize-space(text())='"
                        + name + "']")));
    }

    private WebElement waitForTaskInList(String namePrefix) {
        return browser.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'" + namePrefix + "')]")));
    }

    /** Types into the form-js field with the given label (found through the label's {@code for}). */
    private void fill(String label, String text) {
        WebElement labelElement = browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'fjs-form')]//label[starts-with(normalize-space(.),'" + label + "')]")));
        WebElement field = browser.find(By.id(labelElement.getDomAttribute("for")));
        assertThat(field.getTagName()).isEqualTo("textarea");
        field.clear();
        field.sendKeys(text);
        browser.until(d -> text.equals(field.getDomProperty("value")));
    }

    private void openTab(String label) {
        browser.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'task-details')]"
                + "//ul[contains(@class,'nav')]//a[normalize-space(.)='" + label + "']"))).click();
    }

    private void clickComplete(JsonNode zh) {
        WebElement button = browser.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'form-actions')]//button[normalize-space(.)='" + zh.get("COMPLETE").asText()
                        + "']")));
        // The button sits at the bottom of the scrolling task pane, under the fixed page footer and
        // under the notice of an earlier refused submission: close the notices, bring the button up.
        browser.script("document.querySelectorAll('.page-notifications .close').forEach(b => b.click());"
                + "arguments[0].scrollIntoView({block: 'center'});", button);
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".page-notifications .alert")));
        browser.until(ExpectedConditions.elementToBeClickable(button)).click();
    }

    // --- browser, labels ---------------------------------------------------------------------

    /** Screenshots {@code ChineseWebappsBrowserIT-<name>-<step>.png}. */
    private static void startBrowser(String language, String name) throws IOException {
        browser.start(name, options -> options.language(language));
    }

    /** The labels of a webapp locale as the application serves them (ours for zh, the webjar's for en). */
    private static JsonNode labels(String app, String locale) throws IOException {
        String resource = "META-INF/resources/webjars/camunda/app/" + app + "/locales/" + locale + ".json";
        try (InputStream in = ChineseWebappsBrowserIT.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new ObjectMapper().readTree(text.startsWith("\uFEFF") ? text.substring(1) : text).get("labels");
        }
    }
}
