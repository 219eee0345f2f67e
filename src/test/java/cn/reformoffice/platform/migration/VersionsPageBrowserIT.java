package cn.reformoffice.platform.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * The office's 流程版本迁移 page in headless Chromium (under the pages' Content-Security-Policy): two reform tasks
 * on version 1, a version 2 deployed; the office previews the migration, confirms it, and follows the batch
 * (run here by the test, the job executor being off) until both tasks are on version 2. Skipped without
 * Chromium unless {@code -Dbrowser.required=true}; screenshots in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:versionspagebrowserit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class VersionsPageBrowserIT {

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("VersionsPageBrowserIT").window(1400, 1200);

    @Autowired ReformTaskService reformTasks;
    @Autowired RepositoryService repositoryService;
    @Autowired RuntimeService runtimeService;
    @Autowired ManagementService managementService;

    @Test
    void theOfficePreviewsAndMigratesRunningReformTasks() throws IOException {
        for (String code : List.of("2026-VP01", "2026-VP02")) {
            reformTasks.createAndStart(new NewReformTask(code, 2026, "测试类别", "版本页面测试" + code, "目标", "举措",
                    List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        }
        String v2 = ReformTaskVersions.deploy(repositoryService, "reform-task-v2", ReformTaskVersions.original(),
                List.of()).getId();

        browser.open("/office/versions.html");
        assertThat(browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login"))).getText())
                .contains("请先登录");

        browser.logInToTasklist("office1");
        browser.open("/office/versions.html");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("versions"), "版本 2"));
        assertThat(browser.find(By.id("versions")).getText()).contains("版本 1").contains("最新版本");
        assertThat(browser.find(By.id("from")).getDomProperty("value")).isEqualTo("1");
        assertThat(browser.find(By.id("to")).getDomProperty("value")).isEqualTo("2");

        browser.find(By.id("preview")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "可以迁移 2 个"));
        assertThat(browser.find(By.id("movable")).getText()).contains("2026-VP01").contains("方案制定");
        assertThat(browser.find(By.id("blocked")).getText()).isEqualTo("无");
        browser.screenshot("01-preview");

        WebElement start = browser.until(ExpectedConditions.elementToBeClickable(By.id("start")));
        start.click();
        browser.until(ExpectedConditions.elementToBeClickable(By.cssSelector("dialog .confirm-ok"))).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "已开始把 2 个改革任务"));
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress"), "进行中"));
        browser.screenshot("02-started");

        String batchId = managementService.createBatchQuery().singleResult().getId();
        ReformTaskVersions.runBatch(managementService, batchId);
        assertThat(runtimeService.createProcessInstanceQuery().processDefinitionId(v2).count()).isEqualTo(2);
        // the page polls the batch until it has ended, then reads the versions again
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress"), "（已完成）：迁移已完成"));
        browser.until(ExpectedConditions.textToBe(By.cssSelector("#versions tr:nth-child(1) td:nth-child(3)"), "0"));
        browser.until(ExpectedConditions.textToBe(By.cssSelector("#versions tr:nth-child(2) td:nth-child(3)"), "2"));
        browser.screenshot("03-done");
    }

    /** A lead unit's clerk who finds the page's address sees in Chinese that it is the office's, and nothing to press. */
    @Test
    void aUnitClerkIsToldThePageIsTheOfficesAndCannotStartAnything() throws IOException {
        browser.logInToTasklist("fgw1");
        browser.open("/office/versions.html");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#message.error")));
        String message = browser.find(By.id("message")).getText();
        browser.screenshot("04-unit-clerk");
        assertThat(message).containsPattern("[\\u4e00-\\u9fa5]").contains("改革办").doesNotContain("403")
                .doesNotContainIgnoringCase("exception").doesNotContainIgnoringCase("forbidden");
        assertThat(browser.findAll(By.cssSelector("#versions tr"))).isEmpty();
        assertThat(browser.find(By.id("start")).isEnabled()).isFalse();
    }
}
