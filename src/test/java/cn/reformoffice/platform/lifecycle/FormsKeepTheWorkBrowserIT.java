package cn.reformoffice.platform.lifecycle;

import static cn.reformoffice.platform.security.EngineClient.value;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.browser.Browser;
import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.security.EngineClient;
import cn.reformoffice.platform.security.EngineClient.Transport;

/**
 * Returns keep the work, refusals say only what to fix, and the year-long form shows today, in
 * Tasklist in a Chinese Chromium: a leader who chooses 退回修改 sees at once that the comment is required,
 * and a submission without it answers with the Chinese message alone; the unit's returned plan opens
 * filled in with the previous plan and the leader's comment above it; the ledger shows what changed
 * between the rounds; the 实施并申请销号 form shows the quarterly report and the inspection that happened
 * after it was created. Screenshots: {@code target/screenshots/FormsKeepTheWorkBrowserIT-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:formskeeptheworkit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class FormsKeepTheWorkBrowserIT {

    private static final String FIRST_MEASURES = "第一版：建立数据要素工作专班，梳理公共数据目录。";
    private static final String SECOND_MEASURES = "第二版：建立数据要素工作专班，梳理公共数据目录，6月底前完成30个场景。";
    private static final String RETURN_COMMENT = "请补充量化指标和时间节点";

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("FormsKeepTheWorkBrowserIT").window(1500, 1100)
            .language("zh-CN").timeZone("Asia/Shanghai").startedByTests();

    @LocalServerPort int port;
    @Autowired TaskService taskService;

    private EngineClient api(String user) {
        return new EngineClient(port, Transport.ENGINE_REST, user, "demo");
    }

    private String createTask(String code, List<String> leaders) {
        Map<String, Object> body = ReformApi.taskBody(code, "数据要素市场化配置改革", List.of("fgw"));
        body.put("leaders", leaders);
        assertThat(api("office1").raw("POST", "/api/tasks", body).status()).isEqualTo(201);
        return code;
    }

    private Task open(String code, String activity) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey(activity).singleResult();
    }

    private void complete(String user, Task task, Map<String, Object> fields) {
        Map<String, Object> variables = new LinkedHashMap<>();
        fields.forEach((k, v) -> variables.put(k, value(v)));
        assertThat(api(user).post("/task/" + task.getId() + "/complete", Map.of("variables", variables)).status())
                .as("%s completes %s", user, task.getTaskDefinitionKey()).isEqualTo(204);
    }

    @Test
    void aReturnKeepsTheWorkAndSaysWhy() throws IOException {
        String code = createTask("2026-701", List.of("赵明远"));
        complete("fgw1", open(code, "Task_DraftPlan"), Map.of("planMeasures", FIRST_MEASURES,
                "planMilestones", "6月底前", "planResults", "制度文件"));

        // the leader returns the plan: the comment is marked required as soon as 退回修改 is chosen
        Browser leader = browser.start("leader", none -> { });
        leader.logInToTasklist("zhaomingyuan");
        openTask(leader, "我的待办", "领衔领导审定｜" + code);
        WebElement returnChoice = leader.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'fjs-form')]//label[contains(normalize-space(.),'退回修改')]")));
        assertThat(label(leader, "审定意见").getText()).doesNotContain("必填");
        leader.script("arguments[0].scrollIntoView({block: 'center'});", returnChoice);
        leader.until(ExpectedConditions.elementToBeClickable(returnChoice)).click();
        leader.until(d -> label(leader, "审定意见").getText().contains("退回修改时必填"));
        leader.screenshot("01-comment-required-once-return-is-chosen");

        clickComplete(leader);
        WebElement notice = leader.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".page-notifications .alert-danger, .notifications .alert-danger")));
        assertThat(notice.getText()).contains("请填写必填项 “审定意见”").doesNotContain("ENGINE").doesNotContain("Cannot")
                .doesNotContain("Exception");
        leader.screenshot("02-refusal-says-only-what-to-fix");
        assertThat(open(code, "Task_LeaderApprovePlan")).as("nothing submitted").isNotNull();
        WebElement comment = field(leader, "审定意见");
        leader.script("arguments[0].scrollIntoView({block: 'center'});", comment);
        comment.sendKeys(RETURN_COMMENT);
        leader.until(d -> RETURN_COMMENT.equals(comment.getDomProperty("value")));
        humanPause();
        clickComplete(leader);
        leader.until(d -> open(code, "Task_DraftPlan") != null);

        // the unit's plan comes back filled in, with the leader's comment above it
        switchUser(leader, "fgw1");
        openTask(leader, "本单位待办", "方案制定｜" + code);
        leader.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        leader.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.unclaim")));
        WebElement form = leader.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
        leader.until(d -> form.getText().contains("退回意见"));
        assertThat(form.getText()).contains(RETURN_COMMENT).contains("已填入上次提交的内容");
        WebElement measures = field(leader, "具体措施");
        leader.until(d -> FIRST_MEASURES.equals(measures.getDomProperty("value")));
        assertThat(field(leader, "时间节点").getDomProperty("value")).isEqualTo("6月底前");
        leader.screenshot("03-returned-plan-opens-filled-in");
        leader.script("arguments[0].scrollIntoView({block: 'center'});", measures);
        measures.clear();
        measures.sendKeys(SECOND_MEASURES);
        leader.until(d -> SECOND_MEASURES.equals(measures.getDomProperty("value")));
        humanPause();
        clickComplete(leader);
        leader.until(d -> open(code, "Task_LeaderApprovePlan") != null);

        // the ledger shows what changed between the rounds
        leader.open("/ledger/task.html?code=" + code);
        leader.until(d -> d.findElement(By.tagName("body")).getText().contains("本轮修改"));
        assertThat(leader.find(By.tagName("body")).getText()).contains("第 2 轮提交").contains(SECOND_MEASURES)
                .contains("时间节点及阶段安排（未改）");
        leader.screenshot("04-ledger-shows-what-changed");
    }

    @Test
    void theImplementationFormShowsWhatHappenedSinceItWasCreated() throws IOException {
        String code = createTask("2026-702", List.of());
        complete("fgw1", open(code, "Task_DraftPlan"), Map.of("planMeasures", "措施", "planMilestones", "节点",
                "planResults", "成果"));
        complete("office1", open(code, "Task_OfficeApprovePlan"), Map.of("planDecision", "approve"));
        assertThat(api("office1").raw("POST", "/api/tasks/" + code + "/quarterly-report", null).status()).isEqualTo(202);
        complete("fgw1", open(code, "Task_SubmitQuarterlyReport"), Map.of("reportProgress", "本季度已完成30个场景试点",
                "reportStatus", "on-track", "reportNextSteps", "全面推开"));
        complete("office1", open(code, "Task_ReconcileReport"), Map.of("reportDecision", "accept"));
        assertThat(api("office1").raw("POST", "/api/tasks/" + code + "/inspections", Map.of("reason", "年中抽查"))
                .status()).isEqualTo(202);
        complete("office1", open(code, "Task_Inspect"), Map.of("inspectionMethod", "onsite",
                "inspectionFindings", "工作专班运转良好", "inspectionResult", "pass"));

        Browser unit = browser.start("implementation", none -> { });
        unit.logInToTasklist("fgw1");
        openTask(unit, "本单位待办", "实施并申请销号｜" + code);
        WebElement form = unit.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
        unit.until(d -> form.getText().contains("本季度已完成30个场景试点"));
        assertThat(form.getText()).contains("工作专班运转良好").doesNotContain("最近一次季度报送\n（暂无）");
        unit.screenshot("01-implementation-form-shows-today");
    }

    @Test
    void theRectificationDeadlineIsTypedTheChineseWay() throws IOException {
        String code = createTask("2026-703", List.of());
        complete("fgw1", open(code, "Task_DraftPlan"), Map.of("planMeasures", "措施", "planMilestones", "节点",
                "planResults", "成果"));
        complete("office1", open(code, "Task_OfficeApprovePlan"), Map.of("planDecision", "approve"));
        assertThat(api("office1").raw("POST", "/api/tasks/" + code + "/inspections", Map.of("reason", "抽查")).status())
                .isEqualTo(202);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        java.time.LocalDate meant = today.plusDays(5).isAfter(java.time.LocalDate.of(2026, 12, 31))
                ? java.time.LocalDate.of(2026, 12, 31) : today.plusDays(5);

        Browser office = browser.start("rectification-deadline", none -> { });
        office.logInToTasklist("office1");
        openTask(office, "全部任务", "督查｜" + code);
        office.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        office.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.unclaim")));
        WebElement method = office.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'fjs-form')]//select | //*[contains(@class,'fjs-form')]//*[contains(@class,'fjs-select')]")));
        office.script("arguments[0].scrollIntoView({block: 'center'});", method);
        method.click();
        office.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'fjs-form')]//*[normalize-space(text())='实地督查']"))).click();
        type(office, "督查发现", "试点尚未启动");
        WebElement rectify = office.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'fjs-form')]//label[contains(normalize-space(.),'需要整改')]")));
        office.script("arguments[0].scrollIntoView({block: 'center'});", rectify);
        rectify.click();
        type(office, "整改要求", "一个月内启动试点");
        // typed as people here write it: 2026年12月5日, without leading zeros
        type(office, "整改期限", meant.getYear() + "年" + meant.getMonthValue() + "月" + meant.getDayOfMonth() + "日");
        office.screenshot("01-deadline-typed-the-chinese-way");
        humanPause();
        clickComplete(office);
        office.until(d -> open(code, "Task_Rectify") != null);
        assertThat(open(code, "Task_Rectify").getDueDate().toInstant().atZone(java.time.ZoneId.of("Asia/Shanghai"))
                .toLocalDate()).isEqualTo(meant);
    }

    private static void type(Browser b, String labelText, String text) {
        WebElement field = field(b, labelText);
        b.script("arguments[0].scrollIntoView({block: 'center'});", field);
        field.clear();
        field.sendKeys(text);
        b.until(d -> text.equals(field.getDomProperty("value")));
    }

    /** A person reads what they typed before pressing a button. */
    private static void humanPause() {
        try {
            Thread.sleep(800);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void switchUser(Browser b, String user) {
        b.driver().manage().deleteAllCookies();
        b.logInToTasklist(user);
    }

    private static WebElement label(Browser b, String text) {
        return b.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//*[contains(@class,'fjs-form')]//label[@for][starts-with(normalize-space(.),'" + text + "')]")));
    }

    private static WebElement field(Browser b, String labelText) {
        return b.find(By.id(label(b, labelText).getDomAttribute("for")));
    }

    private static void openTask(Browser b, String filter, String namePrefix) {
        b.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'task-filter')]//*[normalize-space(text())='" + filter + "']"))).click();
        b.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'" + namePrefix + "')]"))).click();
        b.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
    }

    private static void clickComplete(Browser b) {
        WebElement button = b.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'form-actions')]//button[normalize-space(.)='完成']")));
        b.script("document.querySelectorAll('.page-notifications .close').forEach(x => x.click());"
                + "arguments[0].scrollIntoView({block: 'center'});", button);
        b.until(ExpectedConditions.elementToBeClickable(button)).click();
    }
}
