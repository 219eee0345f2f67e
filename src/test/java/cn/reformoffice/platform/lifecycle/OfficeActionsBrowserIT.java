package cn.reformoffice.platform.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
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
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.reminder.ExtensionRequests;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * The office works without curl, in headless Chromium (zh-CN, China time): on a reform task's ledger entry page
 * ({@code /ledger/task.html?code=…}) the office assigns a 待分配 task to units chosen from the organization's list,
 * starts an inspection with a reason (and finds the reason in the 督查 form in Tasklist) and asks for this
 * quarter's report (a second click is refused in Chinese); each action asks for confirmation and sends once
 * however often it is clicked. A lead unit's clerk sees none of it. The office finds a unit's extension request
 * in Tasklist's filter 延期审批 (counted on the welcome page) and approves it with the decision form: the step's
 * due date moves and the ledger records it. Screenshots in {@code target/screenshots/OfficeActionsBrowserIT-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:officeactionsbrowserit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class OfficeActionsBrowserIT {

    private static final String NAME = "OfficeActionsBrowserIT";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    /** Counts the POSTs of the page from now on (until the next page load). */
    private static final String COUNT_POSTS = "window.__posts = 0; if (!window.__counting) {"
            + " window.__counting = true; const original = window.fetch;"
            + " window.fetch = function (url, options) {"
            + "  if (options && options.method === 'POST') window.__posts++;"
            + "  return original.apply(this, arguments); }; }";

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest(NAME).language("zh-CN").timeZone("Asia/Shanghai");

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired ReformTaskService reformTasks;
    @Autowired ExtensionRequests extensions;

    private final ReformApi api = new ReformApi(() -> rest);

    @Test
    void officeAssignsInspectsAndAsksForTheQuarterlyReportFromTheLedger() throws Exception {
        String awaiting = "2026-09-01";
        reformTasks.createAwaitingAssignment(new NewReformTask(awaiting, 2026, "营商环境", "推进涉企经营许可改革",
                "目标：压减审批环节。", "（1）清理许可事项。", List.of(), List.of(), List.of(), LocalDate.of(2026, 12, 31)),
                "office1");
        String running = "2026-601";
        String runningTitle = "要素市场化配置综合改革";
        api.createTask(running, runningTitle, List.of("fgw"));
        toImplementation(running);

        // --- 待分配: pick the units from the organization's list and start ---
        step("assign");
        browser.logInToTasklist("office1");
        browser.open("/ledger/task.html?code=" + awaiting);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("assign-button")));
        assertThat(text("office-actions")).contains("改革办操作").contains("分配牵头单位并启动");
        assertThat(browser.findAll(By.id("inspection-button"))).isEmpty();
        Select lead = new Select(browser.find(By.id("assign-lead")));
        assertThat(lead.getOptions()).extracting(WebElement::getText).contains("市发展改革委", "市财政局", "市科技局");
        browser.screenshot("01-awaiting-assignment");
        browser.script(COUNT_POSTS);
        browser.find(By.id("assign-button")).click();
        assertThat(waitForText("office-message")).isEqualTo("请选择主牵头单位。");
        lead.selectByVisibleText("市发展改革委");
        new Select(browser.find(By.id("assign-coop"))).selectByVisibleText("市科技局");
        // a double click opens one dialog
        browser.script("const b = document.getElementById('assign-button'); b.click(); b.click();");
        WebElement dialog = confirmDialog();
        assertThat(browser.findAll(By.cssSelector("dialog.confirm-dialog"))).hasSize(1);
        assertThat(dialog.getText()).contains("确认分配牵头单位并启动改革任务？").contains("牵头单位：市发展改革委")
                .contains("协同单位：市科技局");
        browser.screenshot("02-assign-confirm");
        browser.script("const ok = document.querySelector('dialog.confirm-dialog .confirm-ok'); ok.click(); ok.click();");
        assertThat(waitForText("office-done")).startsWith("已分配并启动：牵头单位 市发展改革委，协同单位 市科技局");
        browser.until(ExpectedConditions.textToBe(By.id("f-stage"), "方案制定"));
        assertThat(text("f-lead-units")).isEqualTo("市发展改革委");
        assertThat(text("f-coop-units")).isEqualTo("市科技局");
        assertThat(posts()).isEqualTo(1);
        ReformTask assigned = reformTasks.get(awaiting);
        assertThat(assigned.leadUnitIds()).containsExactly("fgw");
        assertThat(assigned.coopUnitIds()).containsExactly("kjj");
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(awaiting).taskDefinitionKey("Task_DraftPlan")
                .count()).isEqualTo(1);
        assertThat(browser.findAll(By.id("assign-button"))).isEmpty();
        browser.screenshot("03-assigned");

        // --- 督查 with a reason; cancelling sends nothing ---
        step("inspection");
        String reason = "季度抽查：要素交易平台建设进度滞后";
        browser.open("/ledger/task.html?code=" + running);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("inspection-button")));
        browser.script(COUNT_POSTS);
        browser.find(By.id("inspection-button")).click();
        assertThat(waitForText("office-message")).isEqualTo("请填写督查事由。");
        browser.find(By.id("inspection-reason")).sendKeys(reason);
        browser.find(By.id("inspection-button")).click();
        confirmDialog().findElement(By.cssSelector(".confirm-cancel")).click();
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("dialog.confirm-dialog"), 0));
        assertThat(posts()).isZero();
        browser.find(By.id("inspection-button")).click();
        assertThat(confirmDialog().getText()).contains("确认发起督查？").contains("督查事由：" + reason);
        browser.screenshot("04-inspection-confirm");
        confirmDialog().findElement(By.cssSelector(".confirm-ok")).click();
        assertThat(waitForText("office-done")).startsWith("已发起督查（事由：" + reason + "）");
        browser.until(d -> text("records").contains(reason));
        assertThat(posts()).isEqualTo(1);
        browser.screenshot("05-inspection-started");

        // --- 季度报送: once; the second click is refused in Chinese ---
        step("quarterly");
        String quarter = QuarterlyReports.quarterLabel(LocalDate.now(CHINA));
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("quarterly-button")));
        assertThat(text("quarterly-state")).isEqualTo("本季度（" + quarter + "）：尚未发起报送。");
        browser.script(COUNT_POSTS);
        browser.find(By.id("quarterly-button")).click();
        assertThat(confirmDialog().getText()).contains("确认发起" + quarter + "报送？");
        confirmDialog().findElement(By.cssSelector(".confirm-ok")).click();
        browser.until(ExpectedConditions.textToBe(By.id("office-done"),
                "已发起" + quarter + "报送，牵头单位将在待办中收到该季度报送任务。"));
        browser.until(ExpectedConditions.textToBe(By.id("quarterly-state"), "本季度（" + quarter + "）：报送已经发起。"));
        browser.find(By.id("quarterly-button")).click();
        assertThat(waitForText("office-message")).isEqualTo("改革任务“" + running + "”的" + quarter
                + "报送已经发起，同一季度不能重复发起。请在任务办理中查看该季度报送的办理情况。");
        assertThat(posts()).isEqualTo(1);
        assertThat(taskService.createTaskQuery().processInstanceBusinessKey(running)
                .taskDefinitionKey("Task_SubmitQuarterlyReport").count()).isEqualTo(1);
        browser.screenshot("06-quarterly-second-click-refused");

        // --- the reason in the 督查 form in Tasklist ---
        step("inspection-form");
        browser.open("/camunda/app/tasklist/default/");
        openFilter("全部任务");
        browser.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'tasks-list')]"
                + "//a[starts-with(normalize-space(.),'督查｜" + running + "')]"))).click();
        WebElement form = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
        browser.until(d -> form.getText().contains(reason));
        assertThat(form.getText()).contains("发起督查");
        browser.script("arguments[0].scrollIntoView({block: 'center'});", browser.find(By.xpath(
                "//*[contains(@class,'fjs-form')]//*[contains(normalize-space(.),'" + reason + "')][last()]")));
        browser.screenshot("07-inspection-form-shows-reason");

        // --- a lead unit's clerk sees no office actions ---
        step("unit");
        browser.driver().manage().deleteAllCookies();
        browser.logInToTasklist("fgw1");
        browser.open("/ledger/task.html?code=" + running);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("entry")));
        browser.until(d -> !text("records").isEmpty());
        assertThat(browser.find(By.id("office-actions")).isDisplayed()).isFalse();
        assertThat(browser.findAll(By.cssSelector("#office-actions button"))).isEmpty();
        browser.screenshot("08-unit-sees-no-office-actions");
    }

    @Test
    void officeApprovesAnExtensionInTasklist() throws Exception {
        String code = "2026-602";
        String title = "深化医药卫生体制改革";
        api.createTask(code, title, List.of("fgw"));
        Task draft = taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey("Task_DraftPlan")
                .singleResult();
        LocalDate due = draft.getDueDate().toInstant().atZone(CHINA).toLocalDate();
        LocalDate requested = due.plusDays(14);
        String reason = "需与省级医保支付方式改革文件衔接";
        assertThat(api.post("fgw1", "/api/extensions", Map.of("taskId", draft.getId(), "newDueDate",
                requested.toString(), "reason", reason)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        String taskName = "延期审批｜" + code + " " + title;

        // --- the welcome page counts the office's 延期审批 ---
        step("welcome");
        browser.logInToTasklist("office1");
        browser.open("/camunda/app/welcome/default/");
        WebElement link = browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'custom-links')]//a[normalize-space(.)='延期审批（1）']")));
        assertThat(link.getDomAttribute("href")).contains("/camunda/app/tasklist/default/#/?filter=");
        browser.screenshot("11-welcome-count");

        // --- the filter 延期审批 in Tasklist, the decision form ---
        step("tasklist");
        link.click();
        WebElement card = browser.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'" + taskName + "')]")));
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(@class,'task-filter') and "
                + "contains(@class,'active')]//*[normalize-space(text())='延期审批']")));
        card.click();
        browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.unclaim")));
        WebElement form = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
        browser.until(d -> form.getText().contains(reason));
        assertThat(form.getText()).contains(code + " " + title).contains("原期限： " + due)
                .contains("申请延至： " + requested).contains("方案制定").contains("审批结果").contains("审批意见");
        browser.screenshot("12-decision-form");
        // 不同意 without a comment: refused, in Chinese
        chooseDecision("不同意");
        clickComplete();
        browser.until(d -> form.getText().contains("此项为必填项") || !browser.findAll(By.cssSelector(
                ".page-notifications .alert")).isEmpty());
        assertThat(extensions.list("PENDING")).hasSize(1);
        browser.screenshot("13-reject-needs-comment");
        chooseDecision("同意");
        WebElement comment = browser.find(By.xpath("//*[contains(@class,'fjs-form')]//textarea"));
        comment.sendKeys("同意，请按新期限完成方案。");
        browser.screenshot("14-approve-filled");
        clickComplete();
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'" + taskName + "')]")));
        browser.screenshot("15-approved");

        assertThat(taskService.createTaskQuery().taskId(draft.getId()).singleResult().getDueDate().toInstant()
                .atZone(CHINA).toLocalDate()).isEqualTo(requested);
        assertThat(extensions.list("APPROVED")).singleElement().satisfies(r -> {
            assertThat(r.decidedBy()).isEqualTo("office1");
            assertThat(r.decisionComment()).isEqualTo("同意，请按新期限完成方案。");
        });

        // --- the ledger records it; the welcome page counts none ---
        step("ledger");
        browser.open("/ledger/task.html?code=" + code);
        browser.until(d -> text("records").contains("延期"));
        assertThat(text("records")).contains(due.toString()).contains(requested.toString()).contains(reason)
                .contains("同意");
        browser.screenshot("16-ledger-records-extension");
        browser.open("/camunda/app/welcome/default/");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'custom-links')]//a[normalize-space(.)='延期审批（0）']")));
    }

    // --- helpers ---------------------------------------------------------------------------------

    private void toImplementation(String code) {
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_DraftPlan").singleResult().getId(),
                Map.of("planMeasures", "措施", "planMilestones", "节点", "planResults", "成果"));
        taskService.complete(taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_OfficeApprovePlan").singleResult().getId(), Map.of("planDecision", "approve"));
    }

    private void step(String step) {
        browser.diagnoseFailureAs(step);
    }

    private String text(String id) {
        return browser.find(By.id(id)).getText().trim();
    }

    private String waitForText(String id) {
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id(id)));
        browser.until(d -> !text(id).isEmpty());
        return text(id);
    }

    private WebElement confirmDialog() {
        return browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog")));
    }

    private long posts() {
        return ((Number) browser.script("return window.__posts")).longValue();
    }

    private void openFilter(String name) {
        browser.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'task-filter')]//*[normalize-space(text())='" + name + "']"))).click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'task-filter') and contains(@class,'active')]//*[normalize-space(text())='"
                        + name + "']")));
    }

    private void chooseDecision(String label) {
        WebElement option = browser.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'fjs-form')]//label[normalize-space(.)='" + label + "']")));
        browser.script("arguments[0].scrollIntoView({block: 'center'});", option);
        option.click();
    }

    private void clickComplete() {
        WebElement button = browser.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'form-actions')]//button[normalize-space(.)='完成']")));
        browser.script("document.querySelectorAll('.page-notifications .close').forEach(b => b.click());"
                + "arguments[0].scrollIntoView({block: 'center'});", button);
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".page-notifications .alert")));
        browser.until(ExpectedConditions.elementToBeClickable(button)).click();
    }
}
