package cn.reformoffice.platform.planimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.Browser;

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

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private Browser browser;
    private WebDriver driver;
    private WebDriverWait wait;

    @BeforeAll
    static void requireBrowser() {
        Browser.requireChromium(ImportPageBrowserIT.class);
    }

    @BeforeEach
    void startBrowser() throws IOException {
        browser = Browser.forTest("ImportPageBrowserIT", port).window(1600, 1400).start();
        driver = browser.driver();
        wait = browser.webDriverWait();
    }

    @AfterEach
    void quitBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void officeUploadsPreviewsResolvesAndConfirms() throws IOException {
        try {
            browser.open("/office/import.html");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-hint")));
            browser.screenshot("01-not-logged-in");

            browser.logInToTasklist("office1");
            browser.open("/office/import.html");
            Path plan = Files.createTempFile("sample-2024-plan", ".txt");
            Files.write(plan, PlanFixtures.plan("sample-2024-plan"));
            driver.findElement(By.name("file")).sendKeys(plan.toAbsolutePath().toString());
            driver.findElement(By.name("year")).sendKeys("2050");
            driver.findElement(By.id("upload-button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
            assertThat(driver.findElements(By.cssSelector("#tasks tbody tr"))).hasSize(10);
            assertThat(driver.findElements(By.cssSelector("#tasks tbody tr.warn"))).hasSizeGreaterThanOrEqualTo(5);
            assertThat(driver.findElement(By.id("summary")).getText()).contains("共 10 项任务", "待分配 5", "未知名称 6");
            browser.screenshot("02-preview");

            driver.findElement(By.id("confirm-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "还有 6 个未知名称"));
            Map<String, String> choices = Map.of("孙海燕", "map:qianlixin", "李文博", "ignore", "市农业农村局", "create",
                    "市自然资源和规划局", "ignore", "各县(区)", "ignore", "市经信局", "map:kjj");
            for (WebElement select : driver.findElements(By.cssSelector("#unknown select"))) {
                new Select(select).selectByValue(choices.get(select.getDomAttribute("data-name")));
            }
            browser.screenshot("03-names-resolved");
            driver.findElement(By.id("confirm-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "导入完成"));
            assertThat(driver.findElement(By.id("result")).getText()).contains("新增 10 项", "已启动流程 5 个", "待分配 5 项");
            browser.screenshot("04-confirmed");

            assertThat(jdbc.sql("select count(*) from reform_task where plan_year = 2050").query(Long.class).single())
                    .isEqualTo(10);
            assertThat(jdbc.sql("select count(*) from reform_task where plan_year = 2050 and process_instance_id is not null")
                    .query(Long.class).single()).isEqualTo(5);
        } catch (RuntimeException | AssertionError e) {
            browser.diagnose("99-failure");
            throw e;
        }
    }
}
