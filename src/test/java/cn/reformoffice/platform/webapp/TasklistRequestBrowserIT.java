package cn.reformoffice.platform.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.FilterService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.browser.Browser;
import cn.reformoffice.platform.browser.BrowserSession;

/**
 * The request Tasklist sends for a lead unit's 本单位待办, read from a real (headless) Chromium's network log, is
 * the one {@link TasklistScaleBenchmark} measures: same path, same {@code Accept}, same body. If a Camunda
 * upgrade or a change of the Tasklist customization (sort-by-due-date.js) changes the request, this test says so
 * and the benchmark's request must follow.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:tasklistrequestit;DB_CLOSE_DELAY=-1",
        "spring.datasource.username=sa",
        "spring.datasource.password=",
        "reform.demo.seed-tasks=true",
        "camunda.bpm.job-execution.enabled=false" })
@DirtiesContext
class TasklistRequestBrowserIT {

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("TasklistRequestBrowserIT").timeZone("Asia/Shanghai")
            .startedByTests();

    @Autowired FilterService filters;

    @Test
    void unitTodoListRequestIsTheOneTheBenchmarkMeasures() throws IOException {
        Browser chromium = browser.start("unit-todo", options -> options.language("zh-CN").recordNetwork());
        String filterId = filters.createFilterQuery().filterName(TasklistFilters.UNIT_TASKS).singleResult().getId();
        chromium.logInToTasklist("fgw1");
        chromium.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".tasks-list")));
        chromium.until(d -> d.getCurrentUrl().contains("dueDate"));
        String listPath = TasklistScaleBenchmark.listPath(filterId);
        List<Browser.Request> lists = chromium.until(d -> {
            List<Browser.Request> sent = chromium.requests().stream()
                    .filter(r -> r.method().equals("POST") && r.url().endsWith(listPath)).toList();
            return sent.isEmpty() ? null : sent;
        });
        // the filter is the unit user's first (priority 1); a later request (after the due-date sorting is put
        // into the address) is the one the list ends with
        Browser.Request last = lists.get(lists.size() - 1);
        System.out.println("Tasklist's 本单位待办 requests: " + lists);
        ObjectMapper json = new ObjectMapper();
        assertThat(json.readTree(last.body())).as("body of " + last.url())
                .isEqualTo(json.readTree(TasklistScaleBenchmark.UNIT_TODO_BODY));
        assertThat(last.headers()).containsEntry("Accept", TasklistScaleBenchmark.UNIT_TODO_ACCEPT);
    }
}
