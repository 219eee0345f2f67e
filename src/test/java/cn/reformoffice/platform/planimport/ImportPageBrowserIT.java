package cn.reformoffice.platform.planimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;

/**
 * The import page in a real (headless) Chromium, as reform office staff: log into Tasklist, open
 * /office/import.html, upload the sample plan, see the preview with warnings highlighted, resolve the
 * unknown names, confirm and see the result. Skipped without Chromium unless -Dbrowser.required=true.
 * Screenshots in target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:importpageit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class ImportPageBrowserIT {

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("ImportPageBrowserIT").window(1600, 1400)
            .failureStep("99-failure");

    @Autowired JdbcClient jdbc;

    @Test
    void officeUploadsPreviewsResolvesAndConfirms() throws IOException {
        browser.open("/office/import.html");
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-hint")));
        browser.screenshot("01-not-logged-in");

        browser.logInToTasklist("office1");
        browser.open("/office/import.html");
        Path plan = Files.createTempFile("sample-2024-plan", ".txt");
        Files.write(plan, PlanFixtures.plan("sample-2024-plan"));
        browser.find(By.name("file")).sendKeys(plan.toAbsolutePath().toString());
        browser.find(By.name("year")).sendKeys("2050");
        browser.find(By.id("upload-button")).click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
        assertThat(browser.findAll(By.cssSelector("#tasks tbody tr"))).hasSize(10);
        assertThat(browser.findAll(By.cssSelector("#tasks tbody tr.warn"))).hasSizeGreaterThanOrEqualTo(5);
        assertThat(browser.find(By.id("summary")).getText()).contains("共 10 项任务", "待分配 5", "未知名称 6");
        browser.screenshot("02-preview");

        browser.find(By.id("confirm-button")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "还有 6 个未知名称"));
        Map<String, String> choices = Map.of("孙海燕", "map:qianlixin", "李文博", "ignore", "市农业农村局", "create",
                "市自然资源和规划局", "ignore", "各县(区)", "ignore", "市经信局", "map:kjj");
        for (WebElement select : browser.findAll(By.cssSelector("#unknown select"))) {
            new Select(select).selectByValue(choices.get(select.getDomAttribute("data-name")));
        }
        browser.screenshot("03-names-resolved");
        browser.find(By.id("confirm-button")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "导入完成"));
        assertThat(browser.find(By.id("result")).getText()).contains("新增 10 项", "已启动流程 5 个", "待分配 5 项");
        browser.screenshot("04-confirmed");

        assertThat(jdbc.sql("select count(*) from reform_task where plan_year = 2050").query(Long.class).single())
                .isEqualTo(10);
        assertThat(jdbc.sql("select count(*) from reform_task where plan_year = 2050 and process_instance_id is not null")
                .query(Long.class).single()).isEqualTo(5);
    }
}
