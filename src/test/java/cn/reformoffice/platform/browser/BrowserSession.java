package cn.reformoffice.platform.browser;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The {@link Browser} of each test of a browser test ({@code *BrowserIT}, a {@code @SpringBootTest} on a
 * {@code RANDOM_PORT}), as a JUnit extension:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final BrowserSession browser = BrowserSession.forTest("LedgerPageBrowserIT").timeZone("America/Los_Angeles");
 * </pre>
 *
 * <ul>
 * <li>before the class: skips it when Chromium is not installed, or fails it under {@code -Dbrowser.required=true}
 * ({@link Browser#requireChromium});
 * <li>before each test: starts the browser on the application's port ({@code local.server.port} of the test's
 * Spring context), unless the session is {@link #startedByTests()}: then the test calls {@link #start} itself;
 * <li>after each test: if it failed, saves the screenshot and the HTML of the page as
 * {@code target/screenshots/<name>-<failure step>.png/.html} ({@link #failureStep}; by default {@code
 * failure-<test method>}), then quits the browser.
 * </ul>
 *
 * Between the two the session stands for the test's browser ({@link #open}, {@link #until}, {@link #driver()}…).
 * A static field, so that a class without Chromium is skipped before its Spring context starts; as an instance
 * field JUnit does not call {@code beforeAll}, and the check runs before each test instead. Tests that need two
 * browsers at once register two sessions. Not for tests of one class run concurrently.
 */
public final class BrowserSession implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback {

    private static final String FAILURE = "failure";

    private final String name;
    /** The session's options, applied in turn to each test's browser. */
    private Consumer<Browser.Options> options = none -> {
    };
    private String defaultFailureStep = FAILURE;
    private boolean startedByTests;

    /** The application's port during a test, 0 outside. */
    private int port;
    private String failureStep = FAILURE;
    private Browser browser;

    private BrowserSession(String name) {
        this.name = name;
    }

    /** A browser for each test; {@code name} starts the names of its screenshot files. */
    public static BrowserSession forTest(String name) {
        return new BrowserSession(name);
    }

    /** The window size in pixels (1400×1000 unless set): see {@link Browser.Options#window}. */
    public BrowserSession window(int width, int height) {
        return with(options -> options.window(width, height));
    }

    /** The language the browser asks pages for: see {@link Browser.Options#language}. */
    public BrowserSession language(String language) {
        return with(options -> options.language(language));
    }

    /** The browser's time zone, an IANA id: see {@link Browser.Options#timeZone}. */
    public BrowserSession timeZone(String timeZone) {
        return with(options -> options.timeZone(timeZone));
    }

    private BrowserSession with(Consumer<Browser.Options> option) {
        options = options.andThen(option);
        return this;
    }

    /**
     * The step a failed test's diagnostics are saved as ({@code <name>-<step>.png/.html}); unless set, "failure-"
     * and the test method's name.
     */
    public BrowserSession failureStep(String step) {
        this.defaultFailureStep = step;
        return this;
    }

    /**
     * Each test starts its browser itself, with {@link #start()} or {@link #start(String, Consumer)}, e.g. in
     * another language for each test.
     */
    public BrowserSession startedByTests() {
        this.startedByTests = true;
        return this;
    }

    // --- the lifecycle ---------------------------------------------------------------------------

    @Override
    public void beforeAll(ExtensionContext context) {
        Browser.requireChromium(context.getRequiredTestClass());
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        // as an instance field the session is not called before the class
        Browser.requireChromium(context.getRequiredTestClass());
        Integer serverPort = SpringExtension.getApplicationContext(context).getEnvironment()
                .getProperty("local.server.port", Integer.class);
        if (serverPort == null) {
            throw new IllegalStateException(context.getRequiredTestClass().getSimpleName()
                    + ": no local.server.port: a browser test needs @SpringBootTest(webEnvironment = RANDOM_PORT)");
        }
        port = serverPort;
        failureStep = defaultFailureStep;
        if (!startedByTests) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        Browser started = browser;
        browser = null;
        port = 0;
        if (started == null) {
            return;
        }
        try {
            Throwable failure = context.getExecutionException().orElse(null);
            if (failure != null && !(failure instanceof TestAbortedException)) {
                // by default named after the test, so that a class's failing tests do not overwrite each other's
                started.diagnose(FAILURE.equals(failureStep)
                        ? FAILURE + "-" + context.getRequiredTestMethod().getName() : failureStep);
            }
        } finally {
            started.close();
        }
    }

    /** Starts the test's browser with the session's options (only for a session {@link #startedByTests()}). */
    public Browser start() throws IOException {
        return start(null, none -> {
        });
    }

    /**
     * Starts the test's browser (only for a session {@link #startedByTests()}): its screenshots are named
     * {@code <name>-<qualifier>-<step>} (without a qualifier, if null), with {@code testOptions} on top of the
     * session's, e.g. {@code browser.start("english", options -> options.language("en-US"))}.
     */
    public Browser start(String qualifier, Consumer<Browser.Options> testOptions) throws IOException {
        if (browser != null) {
            throw new IllegalStateException(name + ": the browser of this test is already started");
        }
        if (port == 0) {
            throw new IllegalStateException(name + ": a browser starts only in a test (after beforeEach)");
        }
        Browser.Options start = Browser.forTest(qualifier == null ? name : name + "-" + qualifier, port);
        options.andThen(testOptions).accept(start);
        browser = start.start();
        return browser;
    }

    /**
     * From now until the end of this test, the step its diagnostics are saved as if it fails (instead of
     * {@link #failureStep(String)}'s), e.g. the phase of a long scenario.
     */
    public void diagnoseFailureAs(String step) {
        failureStep = step;
    }

    // --- the test's browser ----------------------------------------------------------------------

    /** The test's browser; fails when none is started. */
    public Browser current() {
        if (browser == null) {
            throw new IllegalStateException(name + ": no browser started"
                    + (startedByTests ? " (this session's tests start it: browser.start(…))" : ""));
        }
        return browser;
    }

    /** See {@link Browser#driver()}. */
    public WebDriver driver() {
        return current().driver();
    }

    /** See {@link Browser#until}. */
    public <V> V until(Function<? super WebDriver, V> condition) {
        return current().until(condition);
    }

    /** See {@link Browser#find}. */
    public WebElement find(By by) {
        return current().find(by);
    }

    /** See {@link Browser#findAll}. */
    public List<WebElement> findAll(By by) {
        return current().findAll(by);
    }

    /** See {@link Browser#script}. */
    public Object script(String script, Object... arguments) {
        return current().script(script, arguments);
    }

    /** See {@link Browser#url}. */
    public String url(String path) {
        return current().url(path);
    }

    /** See {@link Browser#open}. */
    public void open(String path) {
        current().open(path);
    }

    /** See {@link Browser#loginForm}. */
    public WebElement loginForm() {
        return current().loginForm();
    }

    /** See {@link Browser#logIn}. */
    public void logIn(WebElement loginForm, String user) {
        current().logIn(loginForm, user);
    }

    /** See {@link Browser#logInToTasklist}. */
    public void logInToTasklist(String user) {
        current().logInToTasklist(user);
    }

    /** See {@link Browser#screenshot}. */
    public void screenshot(String step) throws IOException {
        current().screenshot(step);
    }
}
