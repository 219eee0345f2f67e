package cn.reformoffice.platform.browser;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
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
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.util.FileSystemUtils;

/**
 * A headless Debian Chromium for the browser tests ({@code *BrowserIT}), pointed at the application
 * under test. The tests have one for each test through a {@link BrowserSession}, which checks
 * {@link #requireChromium}, starts it ({@link #forTest}), {@link #diagnose}s a failure and {@link #close()}s it.
 * Always the installed {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}: Selenium Manager must
 * never try to download a browser or a driver.
 * Screenshots and failure diagnostics go to {@code target/screenshots/<name>-<step>.png}.
 */
public final class Browser implements AutoCloseable {

    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String DEMO_PASSWORD = "demo";
    private static final By LOGIN_FORM = By.cssSelector("form[name='signinForm']");

    private final WebDriver driver;
    private final WebDriverWait wait;
    private final String origin;
    private final String name;
    private final Path userDataDir;

    private Browser(WebDriver driver, String origin, String name, Path userDataDir) {
        this.driver = driver;
        this.wait = new WebDriverWait(driver, TIMEOUT);
        this.origin = origin;
        this.name = name;
        this.userDataDir = userDataDir;
    }

    /**
     * Skips the test class when Chromium or its driver is not installed, or fails it when browser tests
     * are required ({@code -Dbrowser.required=true}, set by CI).
     */
    public static void requireChromium(Class<?> test) {
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
            return;
        }
        String missing = "Chromium (" + CHROMIUM + ") or its driver (" + CHROMEDRIVER + ") is not installed. "
                + "Install them with: apt-get install -y chromium chromium-driver fonts-wqy-zenhei";
        if (Boolean.parseBoolean(System.getProperty("browser.required", "false"))) {
            fail(missing + " (browser tests are required: browser.required=true)");
        }
        String skipped = missing + " — browser test skipped (set -Dbrowser.required=true to fail instead)";
        // Maven reports a class aborted in @BeforeAll as "Tests run: 0", without the reason: say it here.
        System.err.println("WARNING: " + test.getSimpleName() + ": " + skipped);
        Assumptions.assumeTrue(false, skipped);
    }

    /**
     * A browser for the application on {@code http://localhost:<port>}; {@code name} starts the names of its
     * screenshot files.
     */
    public static Options forTest(String name, int port) {
        return new Options(name, port);
    }

    public WebDriver driver() {
        return driver;
    }

    /** Waits up to 30 seconds. */
    public WebDriverWait webDriverWait() {
        return wait;
    }

    /** Waits up to 30 seconds until the condition holds (not null, not false); its value. */
    public <V> V until(Function<? super WebDriver, V> condition) {
        return wait.until(condition);
    }

    /** The element on the current page ({@link WebDriver#findElement}). */
    public WebElement find(By by) {
        return driver.findElement(by);
    }

    /** The elements on the current page ({@link WebDriver#findElements}). */
    public List<WebElement> findAll(By by) {
        return driver.findElements(by);
    }

    /** Runs JavaScript on the current page ({@link JavascriptExecutor#executeScript}); its value. */
    public Object script(String script, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(script, arguments);
    }

    /** The absolute URL of a path of the application. */
    public String url(String path) {
        return origin + path;
    }

    public void open(String path) {
        driver.get(url(path));
    }

    /** Waits for the Camunda webapps' login form. */
    public WebElement loginForm() {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(LOGIN_FORM));
    }

    /** Logs a demo user in through the Camunda webapps' login form and waits until the form is gone. */
    public void logIn(WebElement loginForm, String user) {
        // type each field and wait for it to hold the text: on a loaded machine the login page may still
        // be settling (autofocus), and keys sent too early land in the wrong field
        type(loginForm.findElement(By.cssSelector("input[type='text']")), user);
        type(loginForm.findElement(By.cssSelector("input[type='password']")), DEMO_PASSWORD);
        loginForm.findElement(By.cssSelector("button[type='submit']")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(LOGIN_FORM));
    }

    private void type(WebElement field, String text) {
        wait.until(ExpectedConditions.elementToBeClickable(field));
        wait.until(d -> {
            if (!text.equals(field.getDomProperty("value"))) {
                field.clear();
                field.sendKeys(text);
            }
            return text.equals(field.getDomProperty("value"));
        });
    }

    /** Logs a demo user into Tasklist: the session then serves every page of the application. */
    public void logInToTasklist(String user) {
        open("/camunda/app/tasklist/default/");
        logIn(loginForm(), user);
    }

    /** A request a page sent: method, URL, headers and body (null without one). */
    public record Request(String method, String url, Map<String, String> headers, String body) {
    }

    /**
     * The requests the pages sent since the last call (Chromium's performance log), in order; needs
     * {@link Options#recordNetwork()}.
     */
    public List<Request> requests() {
        List<Request> requests = new ArrayList<>();
        for (org.openqa.selenium.logging.LogEntry entry : driver.manage().logs().get("performance")) {
            try {
                com.fasterxml.jackson.databind.JsonNode message = JSON.readTree(entry.getMessage()).path("message");
                if (!"Network.requestWillBeSent".equals(message.path("method").asText())) {
                    continue;
                }
                com.fasterxml.jackson.databind.JsonNode request = message.path("params").path("request");
                Map<String, String> headers = new java.util.LinkedHashMap<>();
                request.path("headers").properties().forEach(h -> headers.put(h.getKey(), h.getValue().asText()));
                requests.add(new Request(request.path("method").asText(), request.path("url").asText(), headers,
                        request.has("postData") ? request.path("postData").asText() : null));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return requests;
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    /** Saves {@code target/screenshots/<name>-<step>.png}. */
    public void screenshot(String step) throws IOException {
        Files.write(SCREENSHOTS.resolve(name + "-" + step + ".png"),
                ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    }

    /** After a failure: the screenshot and the page's HTML ({@code <name>-<step>.html}), as far as they can be had. */
    public void diagnose(String step) {
        try {
            screenshot(step);
            Files.writeString(SCREENSHOTS.resolve(name + "-" + step + ".html"),
                    (String) script("return document.documentElement.outerHTML"),
                    StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            System.err.println("Could not save diagnostics: " + e);
        }
    }

    /** Quits the browser and deletes its profile. */
    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            FileSystemUtils.deleteRecursively(userDataDir);
        }
    }

    /** How to start the browser. */
    public static final class Options {

        private final String name;
        private final int port;
        private int width = 1400;
        private int height = 1000;
        private String language;
        private String timeZone;
        private boolean recordNetwork;

        private Options(String name, int port) {
            this.name = name;
            this.port = port;
        }

        /** The window size in pixels (1400×1000 unless set). */
        public Options window(int width, int height) {
            this.width = width;
            this.height = height;
            return this;
        }

        /**
         * The language the browser asks pages for ({@code Accept-Language}, {@code navigator.languages}). Unless
         * set it is Chromium's default under the test's environment, en-US: on Linux {@code --lang} alone
         * changes neither.
         */
        public Options language(String language) {
            this.language = language;
            return this;
        }

        /** The browser's time zone, an IANA id; unless set, the one the tests run in. */
        public Options timeZone(String timeZone) {
            this.timeZone = timeZone;
            return this;
        }

        /** Keeps the requests the pages send (Chromium's performance log), for {@link Browser#requests()}. */
        public Options recordNetwork() {
            this.recordNetwork = true;
            return this;
        }

        public Browser start() throws IOException {
            Files.createDirectories(SCREENSHOTS);
            Path userDataDir = Files.createTempDirectory("browser-it-");
            try {
                System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
                List<String> arguments = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                        "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", "--window-size=" + width + "," + height,
                        "--user-data-dir=" + userDataDir.toAbsolutePath()));
                ChromeOptions options = new ChromeOptions();
                options.setBinary(CHROMIUM.toFile());
                if (language != null) {
                    arguments.add("--lang=" + language);
                    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
                }
                options.addArguments(arguments);
                if (recordNetwork) {
                    options.setCapability("goog:loggingPrefs", Map.of("performance", "ALL"));
                }
                ChromeDriverService.Builder service = new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort();
                if (timeZone != null) {
                    service.withEnvironment(Map.of("TZ", timeZone));
                }
                return new Browser(new ChromeDriver(service.build(), options), "http://localhost:" + port, name,
                        userDataDir);
            } catch (RuntimeException e) {
                FileSystemUtils.deleteRecursively(userDataDir);
                throw e;
            }
        }
    }
}
