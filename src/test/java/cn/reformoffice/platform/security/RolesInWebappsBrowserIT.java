package cn.reformoffice.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import cn.reformoffice.platform.browser.Browser;
import cn.reformoffice.platform.browser.BrowserSession;

/**
 * The webapps still work for every role behind the narrowed engine API: each role walks through what
 * it does every day in Tasklist (every filter, including 即将到期 with its stored expression; a task's
 * form, history, diagram and description; claiming), Cockpit and Admin in a Chinese Chromium, and not a
 * single request is refused by the platform's guards (the audit log stays empty) nor shown as an error
 * in the page. Screenshots: {@code target/screenshots/RolesInWebappsBrowserIT-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:rolesinwebappsit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=true",
        "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class RolesInWebappsBrowserIT {

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("RolesInWebappsBrowserIT").window(1500, 1000)
            .language("zh-CN").timeZone("Asia/Shanghai").startedByTests();

    private final ListAppender<ILoggingEvent> refusals = new ListAppender<>();
    private final String year = String.valueOf(LocalDate.now().getYear());

    @BeforeEach
    void watchRefusals() {
        refusals.start();
        ((Logger) LoggerFactory.getLogger("cn.reformoffice.platform.security.audit")).addAppender(refusals);
    }

    @AfterEach
    void stopWatching() {
        ((Logger) LoggerFactory.getLogger("cn.reformoffice.platform.security.audit")).detachAppender(refusals);
    }

    @Test
    void leadUnitClerkInTasklist() throws IOException {
        Browser b = browser.start("lead-unit", none -> { });
        b.logInToTasklist("fgw1");
        walkFilters(b, List.of("本单位待办", "我的待办", "即将到期", "已逾期"));
        openTask(b, "本单位待办", "方案制定｜" + year + "-002");
        b.until(ExpectedConditions.elementToBeClickable(By.cssSelector("button.claim"))).click();
        b.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.unclaim")));
        walkTabs(b);
        b.screenshot("01-task-claimed");
        b.find(By.cssSelector("button.unclaim")).click();
        b.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("button.claim")));
        assertNothingRefused(b);
    }

    @Test
    void coLeadUnitInTasklist() throws IOException {
        Browser b = browser.start("co-lead", none -> { });
        b.logInToTasklist("czj1");
        walkFilters(b, List.of("本单位待办", "我的待办", "即将到期", "已逾期"));
        b.screenshot("01-filters");
        assertNothingRefused(b);
    }

    @Test
    void leadLeaderInTasklist() throws IOException {
        Browser b = browser.start("leader", none -> { });
        b.logInToTasklist("zhaomingyuan");
        walkFilters(b, List.of("我的待办", "即将到期", "已逾期", "我领衔的任务"));
        openTask(b, "我领衔的任务", "方案制定｜" + year + "-002");
        walkTabs(b);
        b.screenshot("01-leaders-view-of-a-step");
        assertNothingRefused(b);
    }

    @Test
    void officeInTasklistAndCockpit() throws IOException {
        Browser b = browser.start("office", none -> { });
        b.logInToTasklist("office1");
        walkFilters(b, List.of("本单位待办", "我的待办", "即将到期", "已逾期", "全部任务", "延期审批"));
        openTask(b, "全部任务", "方案制定｜" + year + "-001");
        walkTabs(b);
        b.screenshot("01-tasklist");

        b.open("/camunda/app/cockpit/default/");
        b.until(d -> d.findElement(By.tagName("body")).getText().contains("改革任务督办平台"));
        b.open("/camunda/app/cockpit/default/#/processes");
        b.until(ExpectedConditions.elementToBeClickable(By.linkText("改革任务"))).click();
        WebElement row = b.until(ExpectedConditions.visibilityOfElementLocated(By.xpath(
                "//tr[td[normalize-space(.)='" + year + "-002']]")));
        b.screenshot("02-cockpit-definition");
        row.findElement(By.xpath(".//a[contains(@href,'process-instance/')]")).click();
        b.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("svg .djs-element")));
        // the instance page's tabs (变量, 事件, 调用的流程实例, 用户任务, 作业, 外部任务), each once; they re-render
        // while loading, so each is looked up again by its label right before the click
        List<String> tabs = b.findAll(By.cssSelector(".ctn-tabbed-content .nav-tabs a, .nav-tabs li a")).stream()
                .filter(WebElement::isDisplayed).map(WebElement::getText).map(String::trim)
                .filter(text -> !text.isEmpty()).toList();
        for (String tab : tabs) {
            b.until(d -> {
                try {
                    d.findElement(By.xpath("//ul[contains(@class,'nav-tabs')]//a[normalize-space(.)='" + tab + "']"))
                            .click();
                    return true;
                } catch (org.openqa.selenium.StaleElementReferenceException
                        | org.openqa.selenium.ElementClickInterceptedException e) {
                    return false;
                }
            });
            pause(b);
        }
        b.screenshot("03-cockpit-instance");
        for (String page : List.of("#/decisions", "#/tasks", "#/repository", "#/batch")) {
            b.open("/camunda/app/cockpit/default/" + page);
            pause(b);
        }
        b.screenshot("04-cockpit-repository");
        assertNothingRefused(b);
    }

    /** A unit clerk who opens the office's pages by address: told in Chinese, shown nothing, offered nothing. */
    @Test
    void aUnitClerkOnTheOfficesPages() throws IOException {
        Browser b = browser.start("unit-on-office-pages", none -> { });
        b.logInToTasklist("fgw1");
        b.open("/office/import.html");
        b.until(d -> d.findElement(By.tagName("body")).getText().contains("只有市委改革办工作人员或系统管理员"));
        assertThat(b.find(By.id("upload-button")).isEnabled()).as("upload offered to a unit").isFalse();
        b.screenshot("01-import-page");
        b.open("/camunda/app/cockpit/default/#/processes");
        pause(b);
        b.screenshot("02-cockpit");
        assertThat(b.findAll(By.linkText("改革任务"))).as("Cockpit's process list shown to a unit").isEmpty();
        assertThat(b.find(By.tagName("body")).getText()).doesNotContain("2026-00").doesNotContain("Whitelabel")
                .contains("您没有访问该页面的权限").contains("返回首页");
    }

    @Test
    void adminInAdmin() throws IOException {
        Browser b = browser.start("admin", none -> { });
        b.open("/camunda/app/admin/default/");
        b.logIn(b.loginForm(), "admin");
        for (String page : List.of("#/users", "#/groups", "#/authorization?resource=0", "#/system?section=system-settings-general")) {
            b.open("/camunda/app/admin/default/" + page);
            pause(b);
        }
        b.screenshot("01-admin");
        assertNothingRefused(b);
    }

    // --- steps --------------------------------------------------------------------------------------

    private static void walkFilters(Browser b, List<String> filters) {
        b.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".task-filter")));
        for (String name : filters) {
            b.until(ExpectedConditions.elementToBeClickable(By.xpath(
                    "//*[contains(@class,'task-filter')]//*[normalize-space(text())='" + name + "']"))).click();
            b.until(ExpectedConditions.visibilityOfElementLocated(By.xpath("//*[contains(@class,'task-filter') and "
                    + "contains(@class,'active')]//*[normalize-space(text())='" + name + "']")));
            pause(b);
        }
    }

    private static void openTask(Browser b, String filter, String namePrefix) {
        // the description tooltip of the filter clicked last (shown above it) may cover the one to open
        b.script("document.querySelectorAll('.task-filter .tooltip, body > .tooltip').forEach(t => t.remove());");
        b.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'task-filter')]//*[normalize-space(text())='" + filter + "']"))).click();
        b.until(ExpectedConditions.elementToBeClickable(By.xpath(
                "//*[contains(@class,'tasks-list')]//a[starts-with(normalize-space(.),'" + namePrefix + "')]"))).click();
        b.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
    }

    /** 表单, 历史, 流程图, 描述: each tab of the task view once, back to the form. */
    private static void walkTabs(Browser b) {
        for (String tab : List.of("历史", "流程图", "描述", "表单")) {
            b.until(ExpectedConditions.elementToBeClickable(By.xpath("//*[contains(@class,'task-details')]"
                    + "//ul[contains(@class,'nav')]//a[normalize-space(.)='" + tab + "']"))).click();
            pause(b);
        }
    }

    /** Lets the page's requests finish (Angular keeps no pending-request counter we could wait on). */
    private static void pause(Browser b) {
        b.until(d -> Boolean.TRUE.equals(b.script("return document.readyState === 'complete'")));
        try {
            Thread.sleep(700);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void assertNothingRefused(Browser b) {
        assertThat(refusals.list).extracting(ILoggingEvent::getFormattedMessage).as("requests refused by the guards")
                .isEmpty();
        List<String> errors = b.findAll(By.cssSelector(".page-notifications .alert-danger, .notifications .alert-danger"))
                .stream().filter(WebElement::isDisplayed).map(WebElement::getText).toList();
        assertThat(errors).as("error notices shown in the page").isEmpty();
    }
}
