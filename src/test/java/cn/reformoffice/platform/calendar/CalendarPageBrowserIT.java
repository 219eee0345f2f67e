package cn.reformoffice.platform.calendar;

import static java.time.LocalDate.of;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;

/**
 * The calendar page in headless Chromium with the Tasklist login of the same browser: anonymous users are
 * sent to log in, the office sees 2026 and adds a day off through the row editor. Skipped without
 * Chromium unless {@code -Dbrowser.required=true}; screenshots in {@code target/screenshots/}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:calendarpagebrowserit;DB_CLOSE_DELAY=-1",
        "reform.demo.seed-tasks=false", "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class CalendarPageBrowserIT {

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("CalendarPageBrowserIT").window(1400, 1400);

    @Autowired WorkingCalendar calendar;

    @Test
    void officeSeesTheYearAndAddsADayOffThroughThePage() throws IOException {
        browser.open("/office/calendar.html");
        WebElement login = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("login")));
        assertThat(login.getText()).contains("请先登录");
        assertThat(login.findElement(By.tagName("a")).getDomAttribute("href")).isEqualTo("/camunda/app/welcome/default/");

        browser.logInToTasklist("office1");
        browser.open("/office/calendar.html?year=2026");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("days"), "2026-02-14"));
        assertThat(browser.find(By.id("days")).getText()).contains("2026-02-14 星期六 春节 调休上班")
                .contains("2026-02-16 星期一 春节 放假");
        assertThat(browser.findAll(By.cssSelector("#months .makeup"))).hasSize(6);
        assertThat(browser.find(By.id("source")).getText()).contains("国务院办公厅通知");
        browser.screenshot("01-year-2026");

        browser.find(By.id("add-row")).click();
        List<WebElement> rows = browser.findAll(By.cssSelector("#rows tr"));
        WebElement added = rows.get(rows.size() - 1);
        // the date field takes 2026-12-31 as typed (a text field: see PlatformDateInputsBrowserIT)
        added.findElement(By.cssSelector("input.date-input")).sendKeys("2026-12-31");
        added.findElement(By.cssSelector("input[placeholder='如：春节']")).sendKeys("测试放假");
        new Select(added.findElement(By.tagName("select"))).selectByVisibleText("放假");
        browser.find(By.id("save")).click();

        WebElement message = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        browser.until(ExpectedConditions.textToBePresentInElement(message, "已保存"));
        assertThat(message.getText()).contains("2026-12-31");
        assertThat(browser.find(By.id("source")).getText()).contains("市委改革办维护");
        browser.screenshot("02-day-off-added");
        assertThat(calendar.isWorkingDay(of(2026, 12, 31))).isFalse();
    }
}
