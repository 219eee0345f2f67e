package cn.reformoffice.platform.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.reminder.ExtensionRequests.ExtensionRequest;

/**
 * The 延期申请 page (/ledger/extensions.html) in headless Chromium with the Tasklist login of the same
 * browser, which runs in Los Angeles time so that dates and times must be shown in China time by the page.
 * The lead unit opens it for its 方案制定 task: a request without a reason (or with a date not after the
 * current due date) is refused in the browser and sends nothing; a double submission sends once. The unit's
 * list 本任务的延期申请 shows the request 待审批, and while it is pending the form gives way to a note, also
 * when the page is opened again. Another unit is refused in Chinese. The office sees the pending request, is
 * refused 不同意 without a comment in the browser, approves it (the task's due date moves to the requested
 * day, 18:00 China time); the unit then sees 已同意 with the comment and files a new request, which the office
 * rejects while its page still shows it pending (the server's refusal is shown). Last, a request filed in
 * another window meanwhile: the unit's submission shows the server's 409 and the list brings it up.
 * Skipped without Chromium unless {@code -Dbrowser.required=true}; screenshots in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:extensionspagebrowserit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class ExtensionsPageBrowserIT {

    private static final String NAME = "ExtensionsPageBrowserIT";
    private static final String BROWSER_ZONE = "America/Los_Angeles";
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter MINUTES = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** Led by 市发展改革委 (fgw1 张伟, whose 方案制定 task is open); 市卫生健康委 (wjw1) takes no part in it. */
    private static final String CODE = "2026-401";
    private static final String TITLE = "要素市场化配置综合改革";
    private static final String REASON = "等待省级配套政策出台，方案需与省级文件衔接。";
    private static final String SUCCESS = "延期申请已提交，等待市委改革办审批。";
    private static final String PENDING_NOTE = "已有待审批的延期申请，审批后才能再次申请。";
    private static final String CONFLICT = "该任务已有待审批的延期申请，请勿重复提交。";

    /** Counts the POSTs of the page from now on (until the next page load). */
    private static final String COUNT_POSTS = "window.__posts = 0; const original = window.fetch;"
            + "window.fetch = function (url, options) {"
            + "  if (options && options.method === 'POST') window.__posts++;"
            + "  return original.apply(this, arguments); };";

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest(NAME).timeZone(BROWSER_ZONE);

    @Autowired TestRestTemplate rest;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ExtensionRequests extensions;

    private final ReformApi api = new ReformApi(() -> rest);

    @Test
    void anonymousUserIsAskedToLogIn() throws IOException {
        browser.open("/ledger/extensions.html?taskId=x&code=" + CODE);
        WebElement login = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(login.getText()).contains("请先登录");
        assertThat(displayed("task")).isFalse();
        assertThat(displayed("office")).isFalse();
        browser.screenshot("00-anonymous");
    }

    @Test
    void unitRequestsOfficeDecides() throws Exception {
        step("start");
        createTask();
        String processInstanceId = runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(CODE)
                .singleResult().getId();
        Task draft = taskService.createTaskQuery().processInstanceId(processInstanceId)
                .taskDefinitionKey("Task_DraftPlan").singleResult();
        String taskId = draft.getId();
        LocalDate currentDue = draft.getDueDate().toInstant().atZone(CHINA).toLocalDate();
        LocalDate requested = currentDue.plusDays(20);
        String page = "/ledger/extensions.html?taskId=" + taskId + "&code=" + CODE;

        // --- the lead unit opens the page from its 方案制定 form ---
        step("unit-form");
        browser.logInToTasklist("fgw1");
        browser.open(page);
        assertThat(browser.script("return Intl.DateTimeFormat().resolvedOptions().timeZone")).isEqualTo(BROWSER_ZONE);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("extension-form")));
        assertThat(text("heading")).isEqualTo("延期申请 — " + CODE);
        assertThat(text("task-code")).isEqualTo(CODE);
        assertThat(text("task-name")).isEqualTo(TITLE);
        assertThat(text("task-stage")).isEqualTo("方案制定");
        assertThat(text("current-due")).isEqualTo(currentDue.toString());
        assertThat(text("current-due-time")).contains("18:00");
        assertThat(browser.find(By.id("new-due")).getDomAttribute("min"))
                .isEqualTo(currentDue.plusDays(1).toString());
        assertThat(browser.find(By.id("entry-link")).getDomAttribute("href")).isEqualTo("task.html?code=" + CODE);
        assertThat(displayed("overdue")).isFalse();
        assertThat(displayed("message")).isFalse();
        assertThat(displayed("office")).isFalse(); // units cannot list all requests
        assertThat(displayed("loading")).isFalse();
        assertThat(browser.find(By.id("submit-button")).isEnabled()).isTrue();
        assertThat(displayed("pending-note")).isFalse();
        // the task's own requests: none yet
        assertThat(displayed("history")).isTrue();
        assertThat(text("history-empty")).isEqualTo("本任务尚无延期申请。");
        assertThat(displayed("history-table")).isFalse();
        assertThat(displayed("history-message")).isFalse();
        browser.screenshot("01-unit-form");

        // --- refused in the browser: no reason; a date not after the current due date ---
        step("unit-refused-in-browser");
        browser.script(COUNT_POSTS);
        setDate(requested);
        browser.find(By.id("submit-button")).click();
        assertThat(browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("form-message"))).getText())
                .isEqualTo("请填写延期理由。");
        setDate(currentDue);
        browser.find(By.id("reason")).sendKeys("   ");
        browser.find(By.id("submit-button")).click();
        assertThat(text("form-message")).isEqualTo("申请的新期限必须晚于当前期限" + currentDue + "。请填写延期理由。");
        Thread.sleep(300);
        assertThat(posts()).isZero();
        assertThat(extensions.list(null)).isEmpty();
        browser.screenshot("02-unit-refused-in-browser");

        // --- a double click and a second submission while sending send one request ---
        step("unit-submitted");
        setDate(requested);
        browser.find(By.id("reason")).clear();
        browser.find(By.id("reason")).sendKeys(REASON);
        browser.script("const button = document.getElementById('submit-button');"
                + "button.click(); button.click(); document.getElementById('extension-form').requestSubmit();");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("success"), SUCCESS));
        assertThat(text("success")).isEqualTo(SUCCESS);
        assertThat(posts()).isEqualTo(1);
        List<ExtensionRequest> stored = extensions.list(null);
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("PENDING");
            assertThat(r.camundaTaskId()).isEqualTo(taskId);
            assertThat(r.taskCode()).isEqualTo(CODE);
            assertThat(r.requestedBy()).isEqualTo("fgw1");
            assertThat(r.currentDue()).isEqualTo(currentDue);
            assertThat(r.requestedDue()).isEqualTo(requested);
            assertThat(r.reason()).isEqualTo(REASON);
        });
        ExtensionRequest request = stored.get(0);
        assertThat(text("submitted-due")).isEqualTo(requested.toString());
        assertThat(text("submitted-at")).isEqualTo(chinaTime(request.createdAt()));
        assertThat(text("submitted-reason")).isEqualTo(REASON);
        assertThat(displayed("extension-form")).isFalse();
        assertThat(displayed("form-message")).isFalse();
        // the list is reloaded: the request is pending, and the form has given way to the note
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history-rows tr"), 1));
        WebElement mine = historyRow(request.id());
        assertThat(cellText(mine, "stage-name")).isEqualTo("方案制定");
        assertThat(cellText(mine, "requested-due")).isEqualTo(requested.toString());
        assertThat(cellText(mine, "reason")).isEqualTo(REASON);
        assertThat(cellText(mine, "status")).isEqualTo("待审批");
        assertThat(cellText(mine, "decision-comment")).isEqualTo("—");
        assertThat(cellText(mine, "created-at")).isEqualTo(chinaTime(request.createdAt()));
        assertThat(text("history-count")).isEqualTo("共 1 件");
        assertThat(displayed("history-empty")).isFalse();
        assertThat(text("pending-note")).isEqualTo(PENDING_NOTE);
        browser.screenshot("03-unit-submitted");

        // --- opened again while the request is pending: the note instead of the form ---
        step("unit-pending");
        browser.open(page);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("pending-note")));
        assertThat(text("pending-note")).isEqualTo(PENDING_NOTE);
        assertThat(displayed("extension-form")).isFalse();
        assertThat(displayed("form-message")).isFalse();
        assertThat(displayed("submitted")).isFalse();
        assertThat(text("current-due")).isEqualTo(currentDue.toString());
        assertThat(historyStatuses()).containsExactly("待审批");
        assertThat(extensions.list(null)).hasSize(1);
        browser.screenshot("04-unit-pending");

        // --- a unit without a task id is told where to apply (and lists nothing) ---
        browser.open("/ledger/extensions.html");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("howto")));
        assertThat(displayed("office")).isFalse();
        assertThat(displayed("task")).isFalse();
        assertThat(displayed("history")).isFalse();

        // --- a unit that takes no part in the reform task ---
        step("other-unit");
        switchUser("wjw1");
        browser.open(page);
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "该待办不存在或已办结，或您无权查看该任务，不能申请延期。"));
        // the page has finished loading once the task's requests are refused (403) too
        browser.until(ExpectedConditions.invisibilityOfElementLocated(By.id("loading")));
        assertThat(displayed("task")).isFalse();
        assertThat(displayed("office")).isFalse();
        assertThat(displayed("history")).isFalse();
        assertThat(displayed("loading")).isFalse();
        browser.screenshot("05-other-unit-refused");

        // --- the office lists the pending request ---
        step("office-pending");
        switchUser("office1");
        browser.open("/ledger/extensions.html");
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pending tr"), 1));
        assertThat(text("heading")).isEqualTo("延期申请审批");
        assertThat(displayed("task")).isFalse();
        assertThat(displayed("message")).isFalse();
        assertThat(displayed("decided-empty")).isTrue();
        WebElement row = pendingRow(request.id());
        assertThat(row.findElement(By.cssSelector("td.code a")).getText()).isEqualTo(CODE);
        assertThat(row.findElement(By.cssSelector("td.code a")).getDomAttribute("href"))
                .isEqualTo("task.html?code=" + CODE);
        assertThat(cellText(row, "stage-name")).isEqualTo("方案制定");
        browser.until(d -> cellText(pendingRow(request.id()), "requested-by").contains("张伟"));
        assertThat(cellText(row, "current-due")).isEqualTo(currentDue.toString());
        assertThat(cellText(row, "requested-due")).isEqualTo(requested.toString());
        assertThat(cellText(row, "reason")).isEqualTo(REASON);
        assertThat(cellText(row, "created-at")).isEqualTo(chinaTime(request.createdAt()));
        assertThat(text("pending-count")).isEqualTo("共 1 件");
        browser.screenshot("06-office-pending");

        // --- 不同意 without a comment is refused in the browser ---
        step("office-reject-refused");
        browser.script(COUNT_POSTS);
        row.findElement(By.cssSelector("button.reject")).click();
        assertThat(browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("decision-message"))).getText())
                .isEqualTo("不同意延期时请填写审批意见。");
        Thread.sleep(300);
        assertThat(posts()).isZero();
        assertThat(extensions.find(request.id()).status()).isEqualTo("PENDING");
        browser.screenshot("07-office-reject-refused");

        // --- 同意 with a comment: the request moves to 已处理 and the due date to the requested day ---
        step("office-approved");
        row.findElement(By.cssSelector("textarea.decision-comment")).sendKeys("同意，请按新期限完成。");
        row.findElement(By.cssSelector("button.approve")).click();
        // approving asks first; 取消 sends nothing, 确定 decides
        WebElement dialog = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("dialog.confirm-dialog")));
        assertThat(dialog.getText()).contains("确认同意延期？").contains(CODE)
                .contains("延至" + requested).contains(REASON);
        browser.screenshot("08a-office-confirm-approval");
        dialog.findElement(By.cssSelector("button.confirm-cancel")).click();
        Thread.sleep(300);
        assertThat(posts()).isZero();
        assertThat(extensions.find(request.id()).status()).isEqualTo("PENDING");
        row.findElement(By.cssSelector("button.approve")).click();
        browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("dialog.confirm-dialog button.confirm-ok")))
                .click();
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#decided tr"), 1));
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pending tr"), 0));
        assertThat(posts()).isEqualTo(1);
        assertThat(displayed("pending-empty")).isTrue();
        assertThat(displayed("decision-message")).isFalse();
        assertThat(text("decision-done")).isEqualTo("已同意" + CODE + "（方案制定）的延期申请，完成期限延至" + requested + "。");
        ExtensionRequest approved = extensions.find(request.id());
        assertThat(approved.status()).isEqualTo("APPROVED");
        assertThat(approved.decidedBy()).isEqualTo("office1");
        assertThat(approved.decisionComment()).isEqualTo("同意，请按新期限完成。");
        WebElement decided = decidedRow(request.id());
        assertThat(cellText(decided, "status")).isEqualTo("已同意");
        browser.until(d -> cellText(decidedRow(request.id()), "decided-by").contains("刘洋"));
        assertThat(cellText(decided, "decision-comment")).isEqualTo("同意，请按新期限完成。");
        assertThat(cellText(decided, "decided-at")).isEqualTo(chinaTime(approved.decidedAt()));
        assertThat(cellText(decided, "requested-due")).isEqualTo(requested.toString());
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getDueDate().toInstant())
                .isEqualTo(requested.atTime(18, 0).atZone(CHINA).toInstant());
        browser.screenshot("08-office-approved");

        // --- the unit opens the page again: 已同意 with the office's comment, and it may apply again ---
        step("unit-approved");
        switchUser("fgw1");
        browser.open(page);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("extension-form")));
        assertThat(text("current-due")).isEqualTo(requested.toString());
        assertThat(displayed("pending-note")).isFalse();
        assertThat(historyStatuses()).containsExactly("已同意");
        WebElement outcome = historyRow(request.id());
        assertThat(cellText(outcome, "decision-comment")).isEqualTo("同意，请按新期限完成。");
        assertThat(cellText(outcome, "requested-due")).isEqualTo(requested.toString());
        assertThat(cellText(outcome, "created-at")).isEqualTo(chinaTime(request.createdAt()));
        browser.screenshot("09-unit-approved");

        step("unit-second-request");
        LocalDate later = requested.plusDays(10);
        browser.script(COUNT_POSTS);
        setDate(later);
        browser.find(By.id("reason")).sendKeys("试点范围扩大");
        browser.find(By.id("submit-button")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("success"), SUCCESS));
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history-rows tr"), 2));
        assertThat(posts()).isEqualTo(1);
        List<ExtensionRequest> pendingNow = extensions.list("PENDING");
        assertThat(pendingNow).hasSize(1);
        ExtensionRequest second = pendingNow.get(0);
        assertThat(second.camundaTaskId()).isEqualTo(taskId);
        assertThat(second.currentDue()).isEqualTo(requested);
        assertThat(second.requestedDue()).isEqualTo(later);
        long secondId = second.id();
        // newest first
        assertThat(historyIds()).containsExactly(secondId, request.id());
        assertThat(historyStatuses()).containsExactly("待审批", "已同意");
        assertThat(cellText(historyRow(secondId), "reason")).isEqualTo("试点范围扩大");
        assertThat(displayed("extension-form")).isFalse();
        assertThat(text("pending-note")).isEqualTo(PENDING_NOTE);
        assertThat(text("history-count")).isEqualTo("共 2 件");
        browser.screenshot("10-unit-second-request");

        // --- a request decided meanwhile: the server's refusal is shown and the lists are brought up to date ---
        step("office-server-refusal");
        switchUser("office1");
        browser.open("/ledger/extensions.html");
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pending tr"), 1));
        assertThat(api.post("office1", "/api/extensions/" + secondId + "/decision",
                Map.of("approve", false, "comment", "已电话沟通，不予延期。")).getStatusCode()).isEqualTo(HttpStatus.OK);
        WebElement stale = pendingRow(secondId);
        stale.findElement(By.cssSelector("textarea.decision-comment")).sendKeys("同意");
        stale.findElement(By.cssSelector("button.approve")).click();
        browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("dialog.confirm-dialog button.confirm-ok")))
                .click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("decision-message"),
                "该延期申请已处理，请勿重复审批。"));
        assertThat(text("decision-message")).isEqualTo("审批未完成：该延期申请已处理，请勿重复审批。");
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#pending tr"), 0));
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#decided tr"), 2));
        assertThat(cellText(decidedRow(secondId), "status")).isEqualTo("未同意");
        assertThat(cellText(decidedRow(secondId), "decision-comment")).isEqualTo("已电话沟通，不予延期。");
        assertThat(taskService.createTaskQuery().taskId(taskId).singleResult().getDueDate().toInstant())
                .isEqualTo(requested.atTime(18, 0).atZone(CHINA).toInstant());
        browser.screenshot("11-office-server-refusal");

        // --- the office with the task id: the task and only its requests ---
        step("office-task");
        browser.open(page);
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#decided tr"), 2));
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("task")));
        assertThat(text("current-due")).isEqualTo(requested.toString());
        // the office does not work the unit's task: no form, it decides below
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("office-note")));
        assertThat(displayed("extension-form")).isFalse();
        assertThat(text("decided-title")).isEqualTo("本待办的延期申请 · 已处理");
        assertThat(displayed("all-link")).isTrue();
        assertThat(browser.find(By.id("user")).getText()).contains("刘洋");
        assertThat(displayed("history")).isFalse(); // the office has its own lists
        browser.screenshot("12-office-task");

        // --- a request filed in another window meanwhile: the server's 409, and the list brings it up ---
        step("unit-conflict");
        switchUser("fgw1");
        browser.open(page);
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("extension-form")));
        assertThat(historyStatuses()).containsExactly("未同意", "已同意");
        assertThat(cellText(historyRow(secondId), "decision-comment")).isEqualTo("已电话沟通，不予延期。");
        ResponseEntity<Map<String, Object>> third = api.post("fgw1", "/api/extensions", Map.of("taskId", taskId,
                "newDueDate", requested.plusDays(3).toString(), "reason", "另一窗口提出的申请"));
        assertThat(third.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long thirdId = ((Number) third.getBody().get("id")).longValue();
        setDate(requested.plusDays(5));
        browser.find(By.id("reason")).sendKeys("再次申请");
        browser.find(By.id("submit-button")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-message"), CONFLICT));
        assertThat(text("form-message")).isEqualTo("延期申请未提交：" + CONFLICT);
        assertThat(displayed("success")).isFalse();
        browser.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#history-rows tr"), 3));
        assertThat(historyIds()).containsExactly(thirdId, secondId, request.id());
        assertThat(historyStatuses()).containsExactly("待审批", "未同意", "已同意");
        assertThat(text("pending-note")).isEqualTo(PENDING_NOTE);
        assertThat(displayed("extension-form")).isFalse();
        assertThat(displayed("form-message")).isTrue();
        assertThat(extensions.list(null)).hasSize(3);
        browser.screenshot("13-unit-conflict");
    }

    // --- helpers -------------------------------------------------------------------------------

    /** The scenario's step from here on: a failure saves its diagnostics as {@code failed-<step>}. */
    private static void step(String step) {
        browser.diagnoseFailureAs("failed-" + step);
    }

    /** Logs the browser out and another demo user in. */
    private void switchUser(String user) {
        browser.driver().manage().deleteAllCookies();
        browser.logInToTasklist(user);
    }

    private long posts() {
        return ((Number) browser.script("return window.__posts")).longValue();
    }

    /** Sets the date input as a date picker would (the text format of a date input depends on the locale). */
    private void setDate(LocalDate date) {
        browser.script("const input = document.getElementById('new-due'); input.value = arguments[0];"
                + "input.dispatchEvent(new Event('input', {bubbles: true}));"
                + "input.dispatchEvent(new Event('change', {bubbles: true}));", date.toString());
    }

    private static String chinaTime(OffsetDateTime time) {
        return time.atZoneSameInstant(CHINA).format(MINUTES);
    }

    private WebElement pendingRow(long id) {
        return browser.find(By.cssSelector("#pending tr[data-id='" + id + "']"));
    }

    private WebElement historyRow(long id) {
        return browser.find(By.cssSelector("#history-rows tr[data-id='" + id + "']"));
    }

    /** The unit's list, top to bottom. */
    private List<Long> historyIds() {
        return browser.findAll(By.cssSelector("#history-rows tr")).stream()
                .map(tr -> Long.valueOf(tr.getDomAttribute("data-id"))).toList();
    }

    private List<String> historyStatuses() {
        return browser.findAll(By.cssSelector("#history-rows td.status")).stream().map(WebElement::getText)
                .toList();
    }

    private WebElement decidedRow(long id) {
        return browser.find(By.cssSelector("#decided tr[data-id='" + id + "']"));
    }

    private static String cellText(WebElement row, String className) {
        return row.findElement(By.cssSelector("td." + className)).getText();
    }

    private String text(String id) {
        return browser.find(By.id(id)).getText();
    }

    private boolean displayed(String id) {
        return browser.find(By.id(id)).isDisplayed();
    }

    private void createTask() {
        Map<String, Object> body = ReformApi.taskBody(CODE, TITLE, List.of("fgw"));
        body.put("measures", "（1）推进土地要素市场化配置；（2）完善数据要素市场规则。");
        api.createTask(body);
    }
}
