package cn.reformoffice.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.reminder.ReminderWatches;

/**
 * What a Chinese office user sees, everywhere (issue item 9), in a headless Chromium with a Chinese browser and
 * China's time zone: Cockpit's instance page without "Actions", "null" or {@code 2026-11-30T07:00:12}; the login
 * page with the product's name instead of the Camunda logo; Admin with group types in Chinese words and a user
 * form whose fields are 姓名 and 单位或职务 (no "(市发展改革委)" as a surname); Tasklist's 历史 tab naming people;
 * the import page without "（TEXT）" and with the uploader's name; the favicon; a way home from every platform page
 * and every webapp's header; the welcome page's office links for the office only. Also: databases of earlier
 * versions (technical group types, "(unit)" surnames) are brought in line at start-up, idempotently.
 * Screenshots: {@code target/screenshots/ChineseEverywhereBrowserIT-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:chineseeverywhereit;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "reform.demo.seed-tasks=true",
        "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class ChineseEverywhereBrowserIT {

    private static final String PRODUCT = "改革任务督办平台";
    private static final String WELCOME = "/camunda/app/welcome/default/";
    private static final String ISO_TIMESTAMP = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}";

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("ChineseEverywhereBrowserIT").window(1400, 1000)
            .language("zh-CN").timeZone("Asia/Shanghai").startedByTests();

    @Autowired
    RuntimeService runtimeService;

    @Autowired
    org.camunda.bpm.engine.ManagementService managementService;

    @Autowired
    TaskService taskService;

    @Autowired
    IdentityService identityService;

    @Autowired
    ProcessEngine processEngine;

    @Autowired
    ApplicationContext context;

    @Autowired
    TestRestTemplate rest;

    @Test
    void loginPageShowsTheProductNotTheCamundaLogo() throws IOException {
        browser.start("login", none -> {
        });
        browser.open(WELCOME);
        browser.loginForm();
        WebElement logo = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".login-logo")));
        browser.until(d -> PRODUCT.equals(logo.getText().trim()));
        assertThat(logo.findElements(By.tagName("svg"))).as("Camunda's logo").isEmpty();
        browser.screenshot("01-login");
    }

    @Test
    void cockpitInstancePageHasNoActionsNullOrIsoTimestamps() throws IOException {
        browser.start("cockpit", none -> {
        });
        String code = LocalDate.now().getYear() + "-002";
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(code).singleResult().getId();
        // the reminder watch of the reform task's open step, started by its first reminder's job (run early here):
        // a top-level instance with date variables
        ReminderWatches watches = new ReminderWatches(runtimeService, managementService);
        managementService.executeJob(watches.timer(taskId).getId());
        ProcessInstance watch = watches.watch(taskId);
        browser.open("/camunda/app/cockpit/default/");
        browser.logIn(browser.loginForm(), "office1");
        browser.open("/camunda/app/cockpit/default/#/process-instance/" + watch.getId() + "/runtime");
        WebElement parent = browser.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("dd.super-process-instance-id")));
        browser.until(d -> "无".equals(parent.getText().trim()));
        browser.until(d -> body().contains("dueDate") && body().contains("操作"));
        browser.screenshot("02-cockpit-instance");
        assertThat(body()).as("Cockpit's instance page").doesNotContain("Actions").doesNotContain("null")
                .doesNotContainPattern(ISO_TIMESTAMP).containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertWayHomeInHeader();
    }

    @Test
    void adminShowsGroupTypesInChineseAndAUserFormThatReadsRight() throws IOException {
        browser.start("admin", none -> {
        });
        browser.open("/camunda/app/admin/default/");
        browser.logIn(browser.loginForm(), "admin");
        browser.open("/camunda/app/admin/default/#/groups");
        browser.until(d -> body().contains("市发展改革委"));
        browser.screenshot("03-admin-groups");
        assertThat(body()).as("group types").contains("单位", "领导", "改革办", "系统")
                .doesNotContain("WORKFLOW", "IMPORTED_UNIT", "SYSTEM");

        browser.open("/camunda/app/admin/default/#/users/fgw1?tab=profile");
        WebElement lastName = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("inputLastname")));
        WebElement firstName = browser.find(By.id("inputFirstname"));
        browser.until(d -> "张伟".equals(firstName.getDomProperty("value")));
        assertThat(lastName.getDomProperty("value")).as("unit in the user form").isEqualTo("市发展改革委");
        assertThat(label("inputFirstname")).isEqualTo("姓名*");
        assertThat(label("inputLastname")).isEqualTo("单位或职务*");
        browser.screenshot("04-admin-user-form");
        assertWayHomeInHeader();
    }

    @Test
    void tasklistHistoryNamesPeople() throws IOException {
        browser.start("tasklist", none -> {
        });
        String code = LocalDate.now().getYear() + "-003";
        Task task = taskService.createTaskQuery().processInstanceBusinessKey(code).singleResult();
        // as the unit's clerk did it: the history (user operation log) records who
        identityService.setAuthentication("wjw1", List.of("wjw"));
        try {
            taskService.claim(task.getId(), "wjw1");
        } finally {
            identityService.clearAuthentication();
        }
        browser.open("/camunda/app/tasklist/default/");
        browser.logIn(browser.loginForm(), "wjw1");
        browser.open("/camunda/app/tasklist/default/#/?task=" + task.getId() + "&detailsTab=history");
        WebElement who = browser.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector(".history-pane .operation-user")));
        browser.until(d -> who.getText().contains("王芳"));
        browser.until(d -> d.findElement(By.cssSelector(".history-pane .event-body")).getText().contains("王芳"));
        browser.screenshot("05-tasklist-history");
        assertThat(browser.find(By.cssSelector(".history-pane")).getText()).as("history").doesNotContain("wjw1");
        assertWayHomeInHeader();
    }

    @Test
    void importPageSaysWhatTheFileIsAndWhoUploadedIt() throws IOException {
        browser.start("import", none -> {
        });
        browser.open(WELCOME);
        browser.logIn(browser.loginForm(), "office1");
        browser.open("/office/import.html");
        WebElement file = browser.until(ExpectedConditions.presenceOfElementLocated(By.id("file")));
        file.sendKeys(Path.of("src/test/resources/plans/sample-2024-plan.txt").toAbsolutePath().toString());
        browser.until(d -> d.findElement(By.id("file-name")).getText().contains("sample-2024-plan.txt"));
        browser.find(By.id("upload-button")).click();
        WebElement document = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("document")));
        browser.until(d -> document.getText().contains("刘洋"));
        browser.screenshot("06-import-preview");
        assertThat(document.getText()).contains("sample-2024-plan.txt（文本）").doesNotContain("TEXT")
                .doesNotContain("office1").containsPattern("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}");
        assertThat(body()).as("the browser's English file button is not shown").doesNotContain("Choose File",
                "No file chosen");
    }

    @Test
    void everyPlatformPageLeadsHomeAndShowsTheFavicon() throws IOException {
        browser.start("way-home", none -> {
        });
        String code = LocalDate.now().getYear() + "-002";
        browser.open(WELCOME);
        browser.logIn(browser.loginForm(), "office1");
        assertWayHomeInHeader();
        for (String page : List.of("/ledger/index.html", "/ledger/task.html?code=" + code,
                "/ledger/attachments.html?code=" + code, "/ledger/extensions.html", "/office/import.html")) {
            browser.open(page);
            WebElement home = browser.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("a[href='" + WELCOME + "']")));
            assertThat(home.getText().trim()).as("way home on %s", page).isEqualTo("首页");
            assertThat(browser.script("const l = document.querySelector('link[rel~=\"icon\"]'); return l && l.href;"))
                    .as("favicon of %s", page).isEqualTo(browser.url("/favicon.svg"));
        }
        browser.screenshot("07-ledger-with-way-home");

        byte[] ours = resource("static/favicon.ico");
        for (String path : List.of("/favicon.ico", "/camunda/favicon.ico")) {
            ResponseEntity<byte[]> icon = rest.getForEntity(path, byte[].class);
            assertThat(icon.getStatusCode()).as(path).isEqualTo(HttpStatus.OK);
            assertThat(icon.getBody()).as("%s is the platform's icon", path).isEqualTo(ours);
        }
        assertThat(rest.getForEntity("/favicon.svg", String.class).getBody()).contains("<svg");
    }

    @Test
    void welcomePageShowsOfficeLinksToTheOfficeOnly() throws IOException {
        browser.start("welcome", none -> {
        });
        Map<String, List<String>> expected = Map.of(
                "fgw1", List.of("改革任务台账", "督查督办驾驶舱", "单位考核得分"),
                "zhaomingyuan", List.of("改革任务台账", "督查督办驾驶舱", "单位考核得分"),
                "office1", List.of("改革任务台账", "督查督办驾驶舱", "单位考核得分", "导入年度工作要点", "延期审批（0）", "工作日历", "流程版本迁移"));
        for (String user : List.of("fgw1", "zhaomingyuan", "office1")) {
            browser.driver().manage().deleteAllCookies();
            browser.open(WELCOME);
            browser.logIn(browser.loginForm(), user);
            browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".custom-links")));
            // the office's extension link turns into 延期审批（N） once its count has been looked up
            browser.until(d -> links().equals(expected.get(user)));
            String name = Map.of("fgw1", "张伟", "zhaomingyuan", "赵明远", "office1", "刘洋").get(user);
            browser.until(d -> d.findElement(By.cssSelector(".user-profile")).getText().contains(name));
            browser.screenshot("08-welcome-" + user);
        }
    }

    /** Databases of earlier versions: technical group types and "(unit)" surnames, fixed at start-up, twice. */
    @Test
    void startUpBringsEarlierIdentitiesInLine() {
        User user = identityService.createUserQuery().userId("czj1").singleResult();
        user.setLastName("(市财政局)");
        identityService.saveUser(user);
        Group unit = identityService.createGroupQuery().groupId("czj").singleResult();
        unit.setType("WORKFLOW");
        identityService.saveGroup(unit);
        Group imported = identityService.newGroup("unitlegacy");
        imported.setName("市乡村振兴局");
        imported.setType("IMPORTED_UNIT");
        identityService.saveGroup(imported);

        for (int run = 0; run < 2; run++) {
            context.getBeansOfType(AbstractProcessEnginePlugin.class).values().stream()
                    .filter(p -> List.of("IdentitySynchronizer", "ImportedUnitsLoader")
                            .contains(p.getClass().getSimpleName()))
                    .forEach(p -> p.postProcessEngineBuild(processEngine));
            assertThat(identityService.createUserQuery().userId("czj1").singleResult())
                    .extracting(User::getFirstName, User::getLastName).containsExactly("李娜", "市财政局");
            assertThat(identityService.createGroupQuery().groupId("czj").singleResult().getType()).isEqualTo("单位");
            assertThat(identityService.createGroupQuery().groupId("unitlegacy").singleResult().getType())
                    .isEqualTo("单位（导入）");
        }
        assertThat(identityService.createGroupQuery().groupType("WORKFLOW").count()).isZero();
        assertThat(identityService.createGroupQuery().groupType("IMPORTED_UNIT").count()).isZero();
        identityService.deleteGroup("unitlegacy");
    }

    // --- helpers -----------------------------------------------------------------------------

    /** Each webapp's header leads back to the home page and the ledger. */
    private void assertWayHomeInHeader() {
        WebElement home = browser.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("[cam-widget-header] .reform-home a[href='/ledger/index.html']")));
        assertThat(home.getText()).isEqualTo("改革任务台账");
        if (!browser.driver().getCurrentUrl().contains("/app/welcome/")) {
            assertThat(browser.find(By.cssSelector("[cam-widget-header] .reform-home a[href='" + WELCOME + "']"))
                    .getText()).isEqualTo("首页");
        }
    }

    @SuppressWarnings("unchecked")
    private List<String> links() {
        return (List<String>) browser.script("return Array.from(document.querySelectorAll('.custom-links a'))"
                + ".filter(a => a.offsetParent !== null).map(a => a.textContent.trim());");
    }

    private String label(String inputId) {
        return browser.find(By.cssSelector("label[for='" + inputId + "']")).getText().trim();
    }

    private String body() {
        return browser.find(By.tagName("body")).getText();
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = ChineseEverywhereBrowserIT.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }
}
