package cn.reformoffice.platform.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.BrowserSession;
import cn.reformoffice.platform.browser.ReformApi;

/**
 * A lead unit submits its plan (方案制定, through the REST complete with the form's fields, as any client may)
 * with markdown and HTML images and links to another site; the office's goals carry some too. The lead leader's
 * approval form in Tasklist shows all of it as literal text: no image and no link leaves the deployment.
 * Screenshot: {@code target/screenshots/TaskFormXssBrowserIT-01-leader-approval-form.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:taskformxssbrowserit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
class TaskFormXssBrowserIT {

    private static final List<String> PAYLOADS = List.of(
            "![x](http://evil.example/x.png)",
            "<img src=\"http://evil.example/y.png\" onerror=\"alert(1)\">",
            "[点此](http://evil.example/phish)",
            "<a href=\"http://evil.example/z\">链接</a>",
            "[js](javascript:alert(1))",
            "http://evil.example/bare www.evil.example admin@evil.example",
            "**不是加粗** # 不是标题 `不是代码`");

    @RegisterExtension
    static final BrowserSession browser = BrowserSession.forTest("TaskFormXssBrowserIT").window(1400, 1600)
            .timeZone("Asia/Shanghai");

    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;

    @Test
    void userTextInTheLeadersApprovalFormShowsLiterally() throws IOException {
        ReformApi api = new ReformApi(rest);
        String code = "XSS-1";
        Map<String, Object> body = ReformApi.taskBody(code, "表单注入测试", List.of("fgw"));
        body.put("leaders", List.of("zhaomingyuan"));
        body.put("goals", "目标一\n" + PAYLOADS.get(0) + "\n" + PAYLOADS.get(2));
        api.createTask(body);

        String draft = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_DraftPlan").singleResult().getId();
        String measures = "第一条措施\n" + String.join("\n", PAYLOADS);
        Map<String, Object> variables = Map.of("variables", Map.of(
                "planMeasures", Map.of("value", measures),
                "planMilestones", Map.of("value", "    缩进的一行 " + PAYLOADS.get(1)),
                "planResults", Map.of("value", PAYLOADS.get(3))));
        assertThat(api.post("fgw1", "/engine-rest/task/" + draft + "/complete", variables, String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        String approval = taskService.createTaskQuery().processInstanceBusinessKey(code)
                .taskDefinitionKey("Task_LeaderApprovePlan").singleResult().getId();

        browser.current().logInToTasklist("zhaomingyuan");
        browser.open("/camunda/app/tasklist/default/#/?task=" + approval);
        WebElement form = browser.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".fjs-form")));
        browser.until(d -> form.getText().contains("第一条措施"));
        browser.screenshot("01-leader-approval-form");

        String text = form.getText();
        for (String payload : PAYLOADS) {
            assertThat(text).as("shown as typed").contains(payload);
        }
        assertThat(text).contains("缩进的一行");
        assertThat(form.findElements(By.cssSelector("img"))).as("no image from user text").isEmpty();
        assertThat(form.findElements(By.cssSelector("strong, h1, h2, h3, h4, h5, h6, code")))
                .as("only the form's own headings and labels are formatted")
                .noneMatch(element -> element.getText().contains("不是"));
        // form-js's own "powered by bpmn.io" link aside
        List<String> links = form.findElements(By.xpath(".//a[not(ancestor-or-self::*[contains(@class,'powered-by')])]"))
                .stream()
                .map(link -> link.getDomProperty("href")).toList();
        assertThat(links).as("the form's own links, all within the deployment").isNotEmpty()
                .allSatisfy(href -> assertThat(href).startsWith(browser.current().url("/")));
        assertThat(form.findElements(By.xpath(".//li[contains(., '审定意见') or contains(., '方案制定')]")))
                .as("the product's own list (history) still renders").isNotEmpty();
    }
}
