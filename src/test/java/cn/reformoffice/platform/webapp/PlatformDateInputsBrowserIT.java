package cn.reformoffice.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.browser.ReformApi;
import cn.reformoffice.platform.calendar.WorkingCalendar;

/**
 * The date fields of the platform's own pages in a zh-CN headless Chromium (China time): they show Chinese
 * conventions whatever the system's locale (a native date input follows the browser's UI locale, here
 * mm/dd/yyyy), take 2027/3/15, 2027.3.15, 2027年3月15日 and store exactly that day, refuse an impossible date in
 * Chinese, and their month picker, like the calendar page's month grids, starts weeks on Monday.
 * Screenshots: {@code target/screenshots/PlatformDateInputsBrowserIT-*.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:platformdateinputsbrowserit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class PlatformDateInputsBrowserIT {

    private static final List<String> MONDAY_FIRST = List.of("一", "二", "三", "四", "五", "六", "日");

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("PlatformDateInputsBrowserIT").window(1400, 1100)
            .language("zh-CN").timeZone("Asia/Shanghai");

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired WorkingCalendar calendar;

    @Test
    void extensionRequestDateInChinese() throws IOException {
        String code = "DATE-1";
        new ReformApi(rest).createTask(code, "延期日期测试", List.of("fgw"));
        String taskId = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_DraftPlan").singleResult().getId();
        browser.logInToTasklist("fgw1");
        browser.open("/ledger/extensions.html?taskId=" + taskId + "&code=" + code);
        WebElement due = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-due")));
        browser.until(d -> !due.getDomAttribute("min").isEmpty());
        LocalDate min = LocalDate.parse(due.getDomAttribute("min"));
        assertThat(due.getDomProperty("type")).as("not the native input, which shows the system's locale")
                .isEqualTo("text");

        // an impossible date: refused in Chinese, nothing sent
        due.sendKeys((min.getYear() + 1) + "-02-30");
        WebElement hint = browser.find(By.cssSelector(".date-input-hint"));
        browser.until(d -> hint.getText().contains("只有28天"));
        browser.find(By.id("reason")).sendKeys("日期测试");
        browser.find(By.id("submit-button")).click();
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("form-message"), "不是有效的日期"));
        browser.screenshot("01-extension-impossible-date-refused");

        // the picker: Chinese month, weeks from Monday
        browser.find(By.cssSelector(".date-input-open")).click();
        WebElement picker = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".date-picker")));
        assertThat(picker.findElements(By.cssSelector(".weekday")).stream().map(WebElement::getText).toList())
                .isEqualTo(MONDAY_FIRST);
        assertThat(picker.findElement(By.cssSelector(".date-picker-title")).getText()).matches("\\d{4}年\\d{1,2}月");
        browser.screenshot("02-extension-picker-weeks-from-monday");
        browser.find(By.cssSelector(".date-input-open")).click();

        // typed the Chinese way: 2027年3月15日 is 2027-03-15
        LocalDate wanted = LocalDate.of(min.getYear() + 1, 3, 15);
        due.clear();
        due.sendKeys(wanted.getYear() + "年3月15日");
        browser.until(d -> hint.getText().equals(wanted.getYear() + "年3月15日 星期" + weekday(wanted)));
        due.sendKeys(Keys.TAB);
        browser.until(d -> wanted.toString().equals(due.getDomProperty("value")));
        browser.screenshot("03-extension-chinese-date-understood");
        browser.find(By.id("submit-button")).click();
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("success")));
        List<Map<String, Object>> requests = new ReformApi(rest)
                .get("fgw1", "/api/extensions?taskCode=" + code, ReformApi.LIST).getBody();
        assertThat(requests).singleElement().satisfies(r -> assertThat(r.get("requestedDue")).isEqualTo(wanted.toString()));
    }

    @Test
    void calendarPageInChineseWithWeeksFromMonday() throws IOException {
        browser.logInToTasklist("office1");
        browser.open("/office/calendar.html?year=2026");
        browser.until(ExpectedConditions.textToBePresentInElementLocated(By.id("days"), "2026-02-14"));
        List<WebElement> months = browser.findAll(By.cssSelector("#months .month"));
        assertThat(months).hasSize(12);
        for (WebElement month : months) {
            assertThat(month.findElements(By.cssSelector(".head")).stream().map(WebElement::getText).toList())
                    .as("weekday heads of %s", month.findElement(By.tagName("h3")).getText()).isEqualTo(MONDAY_FIRST);
        }
        // 1 June 2026 is a Monday: the first cell of June; 1 March 2026 a Sunday: six blank cells before it
        assertThat(firstDayColumn(months.get(5))).isZero();
        assertThat(firstDayColumn(months.get(2))).isEqualTo(6);
        browser.screenshot("04-calendar-weeks-from-monday");

        browser.find(By.id("add-row")).click();
        List<WebElement> rows = browser.findAll(By.cssSelector("#rows tr"));
        WebElement added = rows.get(rows.size() - 1);
        WebElement date = added.findElement(By.cssSelector("input.date-input"));
        date.sendKeys("2026/13/01");
        added.findElement(By.cssSelector("input[placeholder='如：春节']")).sendKeys("测试放假");
        browser.find(By.id("save")).click();
        WebElement errors = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("errors")));
        assertThat(errors.getText()).contains("月份").contains("1 至 12");
        browser.screenshot("05-calendar-impossible-date-refused");

        date.clear();
        date.sendKeys("2026年12月31日");
        new Select(added.findElement(By.tagName("select"))).selectByVisibleText("放假");
        browser.find(By.id("save")).click();
        WebElement message = browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        browser.until(ExpectedConditions.textToBePresentInElement(message, "已保存"));
        assertThat(message.getText()).contains("2026-12-31");
        assertThat(calendar.isWorkingDay(LocalDate.of(2026, 12, 31))).isFalse();
        browser.screenshot("06-calendar-chinese-date-saved");
    }

    private int firstDayColumn(WebElement month) {
        List<WebElement> cells = month.findElements(By.cssSelector(".grid span:not(.head)"));
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).getText().equals("1")) {
                return i;
            }
        }
        throw new AssertionError("no 1st day in " + month.getText());
    }

    private static String weekday(LocalDate date) {
        return MONDAY_FIRST.get(date.getDayOfWeek().getValue() - 1);
    }
}
