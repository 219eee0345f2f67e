package cn.reformoffice.platform.planimport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

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

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private WebDriver driver;
    private WebDriverWait wait;
    private Path userDataDir;

    @BeforeAll
    static void requireBrowser() {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "Chromium or chromedriver is not installed (apt-get install -y chromium chromium-driver fonts-wqy-zenhei)";
        if (Boolean.parseBoolean(System.getProperty("browser.required", "false"))) {
            fail(missing + " (browser.required=true)");
        }
        System.err.println("WARNING: ImportPageBrowserIT: " + missing + " — skipped");
        Assumptions.assumeTrue(false, missing);
    }

    @BeforeEach
    void startBrowser() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        userDataDir = Files.createTempDirectory("import-page-it-");
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1600,1400", "--lang=zh-CN",
                "--user-data-dir=" + userDataDir.toAbsolutePath());
        driver = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build(), options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterEach
    void quitBrowser() throws IOException {
        if (driver != null) {
            driver.quit();
        }
        try (var paths = Files.walk(userDataDir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void officeUploadsPreviewsResolvesAndConfirms() throws IOException {
        try {
            driver.get("http://localhost:" + port + "/office/import.html");
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("login-hint")));
            screenshot("01-not-logged-in");

            driver.get("http://localhost:" + port + "/camunda/app/tasklist/default/");
            WebElement login = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));
            login.findElement(By.cssSelector("input[type='text']")).sendKeys("office1");
            login.findElement(By.cssSelector("input[type='password']")).sendKeys("demo");
            login.findElement(By.cssSelector("button[type='submit']")).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector("form[name='signinForm']")));

            driver.get("http://localhost:" + port + "/office/import.html");
            Path plan = Files.createTempFile("sample-2024-plan", ".txt");
            Files.write(plan, PlanFixtures.plan("sample-2024-plan"));
            driver.findElement(By.name("file")).sendKeys(plan.toAbsolutePath().toString());
            driver.findElement(By.name("year")).sendKeys("2050");
            driver.findElement(By.id("upload-button")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("preview")));
            assertThat(driver.findElements(By.cssSelector("#tasks tbody tr"))).hasSize(10);
            assertThat(driver.findElements(By.cssSelector("#tasks tbody tr.warn"))).hasSizeGreaterThanOrEqualTo(5);
            assertThat(driver.findElement(By.id("summary")).getText()).contains("共 10 项任务", "待分配 5", "未知名称 6");
            screenshot("02-preview");

            driver.findElement(By.id("confirm-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "还有 6 个未知名称"));
            Map<String, String> choices = Map.of("孙海燕", "map:qianlixin", "李文博", "ignore", "市农业农村局", "create",
                    "市自然资源和规划局", "ignore", "各县(区)", "ignore", "市经信局", "map:kjj");
            for (WebElement select : driver.findElements(By.cssSelector("#unknown select"))) {
                new Select(select).selectByValue(choices.get(select.getDomAttribute("data-name")));
            }
            screenshot("03-names-resolved");
            driver.findElement(By.id("confirm-button")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("result"), "导入完成"));
            assertThat(driver.findElement(By.id("result")).getText()).contains("新增 10 项", "已启动流程 5 个", "待分配 5 项");
            screenshot("04-confirmed");

            assertThat(jdbc.sql("select count(*) from reform_task where plan_year = 2050").query(Long.class).single())
                    .isEqualTo(10);
            assertThat(jdbc.sql("select count(*) from reform_task where plan_year = 2050 and process_instance_id is not null")
                    .query(Long.class).single()).isEqualTo(5);
        } catch (RuntimeException | AssertionError e) {
            screenshot("99-failure");
            Files.writeString(SCREENSHOTS.resolve("ImportPageBrowserIT-99-failure.html"),
                    (String) ((JavascriptExecutor) driver).executeScript("return document.documentElement.outerHTML"),
                    StandardCharsets.UTF_8);
            throw e;
        }
    }

    private void screenshot(String name) throws IOException {
        Path file = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(file, SCREENSHOTS.resolve("ImportPageBrowserIT-" + name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
