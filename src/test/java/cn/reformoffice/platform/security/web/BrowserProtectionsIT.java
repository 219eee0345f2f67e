package cn.reformoffice.platform.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;

/**
 * The browser protections of docs/security.md against the running application, with requests shaped like a
 * browser's (fetch metadata, Origin, Referer) and like curl's: no Basic challenge to navigations, state-changing
 * API calls refused when a page of another origin made the browser send them (and nothing changes), same-origin
 * and header-less calls accepted, security headers on the pages and APIs, and bounded dates.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:browserprotectionsit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false" })
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class BrowserProtectionsIT {

    private static final String EVIL = "http://evil.example";
    private static final String REFUSAL = "拒绝跨站请求";

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private static int sequence;

    // --- the Basic challenge --------------------------------------------------------------------

    @Test
    void browserNavigationsGetNoBasicChallengeButScriptsDo() throws Exception {
        for (String path : List.of("/api/tasks", "/engine-rest/task")) {
            HttpResponse<String> navigation = send(request(path).GET()
                    .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                    .header("Sec-Fetch-Mode", "navigate").header("Sec-Fetch-Dest", "document")
                    .header("Sec-Fetch-Site", "none"));
            assertThat(navigation.statusCode()).as(path).isEqualTo(401);
            assertThat(navigation.headers().firstValue("WWW-Authenticate")).as(path + ": no password dialog")
                    .isEmpty();

            // a browser without fetch metadata, recognised by its Accept header
            HttpResponse<String> oldBrowser = send(request(path).GET().header("Accept", "text/html,*/*;q=0.8"));
            assertThat(oldBrowser.statusCode()).isEqualTo(401);
            assertThat(oldBrowser.headers().firstValue("WWW-Authenticate")).as(path).isEmpty();

            HttpResponse<String> curl = send(request(path).GET().header("Accept", "*/*"));
            assertThat(curl.statusCode()).isEqualTo(401);
            assertThat(curl.headers().firstValue("WWW-Authenticate")).as(path + ": scripts are challenged")
                    .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
        }
    }

    // --- the same-origin rule -------------------------------------------------------------------

    @Test
    void crossSiteUploadsAreRefusedAndSameOriginOrHeaderlessOnesWork(CapturedOutput output) throws Exception {
        String code = newTask();
        String draft = draftTask(code);
        String upload = "/api/tasks/" + code + "/attachments?taskId=" + draft + "&name=";

        List<HttpRequest.Builder> foreign = List.of(
                post(upload + "a.txt", "fgw1").header("Origin", EVIL),
                post(upload + "b.txt", "fgw1").header("Sec-Fetch-Site", "cross-site"),
                post(upload + "c.txt", "fgw1").header("Sec-Fetch-Site", "same-site")
                        .header("Origin", "http://other.localhost:" + port),
                post(upload + "d.txt", "fgw1").header("Referer", EVIL + "/page.html"),
                post(upload + "e.txt", "fgw1").header("Origin", "null"),
                post(upload + "f.txt", "fgw1").header("Origin", "http://localhost:" + (port + 1)));
        for (HttpRequest.Builder refused : foreign) {
            HttpResponse<String> response = send(refused);
            assertThat(response.statusCode()).as(response.request().headers().map().toString()).isEqualTo(403);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/json"));
            assertThat(response.body()).contains(REFUSAL);
        }
        assertThat(attachmentCount(code)).as("nothing was uploaded").isZero();
        assertThat(output.getAll().lines().filter(line -> line.contains("Refused cross-origin POST /api/tasks/" + code
                + "/attachments")).toList()).as("one WARN line per refusal, with user and origin").hasSize(6)
                .allSatisfy(line -> assertThat(line).contains("WARN").contains("fgw1"))
                .anySatisfy(line -> assertThat(line).contains("Origin " + EVIL));
        assertThat(output.getAll()).doesNotContain("SameOriginFilter.doFilterInternal");

        assertThat(send(post(upload + "same-origin.txt", "fgw1").header("Origin", "http://localhost:" + port)
                .header("Sec-Fetch-Site", "same-origin")).statusCode()).as("the platform's own page").isEqualTo(201);
        assertThat(send(post(upload + "referer.txt", "fgw1")
                .header("Referer", "http://localhost:" + port + "/ledger/attachments.html")).statusCode())
                .as("same-origin Referer").isEqualTo(201);
        assertThat(send(post(upload + "curl.txt", "fgw1")).statusCode()).as("curl").isEqualTo(201);
        assertThat(attachmentCount(code)).isEqualTo(3);
    }

    @Test
    void crossSiteTaskCompletionsAreRefusedAndNothingChanges() throws Exception {
        String code = newTask();
        String draft = draftTask(code);
        String complete = "/engine-rest/task/" + draft + "/complete";
        String body = "{\"variables\":{\"planMeasures\":{\"value\":\"措施\"},\"planMilestones\":{\"value\":\"6月底前\"},"
                + "\"planResults\":{\"value\":\"制度文件\"}}}";

        for (HttpRequest.Builder refused : List.of(
                json(complete, "fgw1", body).header("Origin", EVIL).header("Sec-Fetch-Site", "cross-site"),
                json(complete, "fgw1", body).header("Sec-Fetch-Site", "cross-site"))) {
            HttpResponse<String> response = send(refused);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.body()).contains(REFUSAL);
        }
        assertThat(taskService.createTaskQuery().taskId(draft).count()).as("the step is still open").isOne();

        assertThat(send(json(complete, "fgw1", body).header("Origin", "http://localhost:" + port)).statusCode())
                .as("same origin").isEqualTo(204);
        assertThat(taskService.createTaskQuery().taskId(draft).count()).isZero();

        // header-less, as curl or the command-line importer
        String other = draftTask(newTask());
        assertThat(send(json("/engine-rest/task/" + other + "/complete", "fgw1", body)).statusCode()).isEqualTo(204);
    }

    @Test
    void crossSiteCallsToTheWebappsApiAreRefused() throws Exception {
        String login = "/camunda/api/admin/auth/user/default/login/tasklist";
        HttpResponse<String> refused = send(request(login)
                .POST(BodyPublishers.ofString("username=fgw1&password=demo"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Origin", EVIL)
                .header("Sec-Fetch-Site", "cross-site"));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains(REFUSAL);
        assertThat(refused.headers().allValues("Set-Cookie")).as("no session was started")
                .noneMatch(cookie -> cookie.startsWith("JSESSIONID"));

        // the webapps' own login page: XSRF token from the page's cookie (Camunda's filter), same origin
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new java.net.CookieManager()).build();
        HttpResponse<String> page = browser.send(request("/camunda/app/tasklist/default/").GET().build(),
                BodyHandlers.ofString());
        String token = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("XSRF-TOKEN="))
                .map(c -> c.substring("XSRF-TOKEN=".length(), c.indexOf(';'))).findFirst().orElseThrow();
        HttpResponse<String> sameOrigin = browser.send(request(login)
                .POST(BodyPublishers.ofString("username=fgw1&password=demo"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", token)
                .header("Origin", "http://localhost:" + port).header("Sec-Fetch-Site", "same-origin").build(),
                BodyHandlers.ofString());
        assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(200);
        assertThat(sameOrigin.body()).contains("\"userId\":\"fgw1\"");
    }

    // --- headers --------------------------------------------------------------------------------

    @Test
    void pagesAndApiAnswerWithSecurityHeaders() throws Exception {
        for (String page : List.of("/ledger/index.html", "/office/import.html", "/ledger/task.html")) {
            HttpResponse<String> response = send(request(page).GET());
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(page).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'self'", "script-src 'self'", "object-src 'none'",
                            "frame-ancestors 'none'").doesNotContain("unsafe-inline", "unsafe-eval"));
            assertCommonHeaders(response, page);
        }
        HttpResponse<String> api = send(request("/api/tasks").GET().header("Authorization", basic("fgw1")));
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'"));
        assertCommonHeaders(api, "/api/tasks");
        assertCommonHeaders(send(request("/engine-rest/task").GET().header("Authorization", basic("fgw1"))),
                "/engine-rest/task");

        // the webapps: Camunda's own CSP and nosniff, the platform's frame and referrer rules; no HSTS over HTTP
        HttpResponse<String> tasklist = send(request("/camunda/app/tasklist/default/").GET());
        assertThat(tasklist.headers().firstValue("Content-Security-Policy")).isPresent();
        assertCommonHeaders(tasklist, "Tasklist");
        assertThat(tasklist.headers().firstValue("Strict-Transport-Security")).isEmpty();
        assertThat(api.headers().firstValue("Strict-Transport-Security")).isEmpty();
    }

    private static void assertCommonHeaders(HttpResponse<String> response, String what) {
        assertThat(response.headers().firstValue("X-Frame-Options")).as(what).contains("DENY");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(response.headers().firstValue("Referrer-Policy")).as(what).contains("same-origin");
    }

    // --- dates ----------------------------------------------------------------------------------

    @Test
    void extensionsToFarFutureDatesAreRefusedOnRequestAndOnApproval() throws Exception {
        String code = newTask();
        String draft = draftTask(code);
        HttpResponse<String> far = send(json("/api/extensions", "fgw1",
                "{\"taskId\":\"" + draft + "\",\"newDueDate\":\"9999-12-31\",\"reason\":\"无限期延后\"}"));
        assertThat(far.statusCode()).isEqualTo(400);
        assertThat(far.body()).contains("过晚", "最晚可申请延至" + (taskYear() + 1) + "-12-31");

        // a request stored before the bound existed cannot be approved either
        LocalDate currentDue = LocalDate.now().plusDays(20);
        jdbc.sql("""
                insert into extension_request (task_code, camunda_task_id, pending_task_id, stage_name, requested_by,
                    reason, current_due, requested_due, status, created_at)
                values (?, ?, ?, '方案制定', 'fgw1', '旧申请', ?, ?, 'PENDING', ?)""")
                .params(code, draft, draft, currentDue, LocalDate.of(9999, 12, 31), OffsetDateTime.now()).update();
        long id = jdbc.sql("select id from extension_request where camunda_task_id = ?").param(draft)
                .query(Long.class).single();
        var due = taskService.createTaskQuery().taskId(draft).singleResult().getDueDate();
        HttpResponse<String> approval = send(json("/api/extensions/" + id + "/decision", "office1",
                "{\"approve\":true,\"comment\":\"同意\"}"));
        assertThat(approval.statusCode()).isEqualTo(400);
        assertThat(approval.body()).contains("过晚");
        assertThat(taskService.createTaskQuery().taskId(draft).singleResult().getDueDate()).isEqualTo(due);
    }

    @Test
    void taskDeadlinesAndCalendarYearsOutsideSensibleRangesAreRefused() throws Exception {
        Map<String, Object> body = new java.util.LinkedHashMap<>(ReformApi.taskBody("SEC-DATE-1", "期限测试",
                List.of("fgw")));
        body.put("deadline", "9999-12-31");
        var created = new ReformApi(rest).post("office1", "/api/tasks", body);
        assertThat(created.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(created.getBody().toString()).contains("完成时限“9999-12-31”不正确");
        body.put("deadline", "2019-06-30");
        assertThat(new ReformApi(rest).post("office1", "/api/tasks", body).getStatusCode())
                .as("before the plan year").isEqualTo(HttpStatus.BAD_REQUEST);

        HttpResponse<String> calendar = send(request("/api/calendar/2100").header("Authorization", basic("office1"))
                .header("Content-Type", "application/json").PUT(BodyPublishers.ofString(
                        "[{\"date\":\"2100-01-01\",\"name\":\"元旦\",\"isOffDay\":true}]")));
        assertThat(calendar.statusCode()).isEqualTo(400);
        assertThat(calendar.body()).contains("尚未公布");
    }

    // --- helpers --------------------------------------------------------------------------------

    private int taskYear() {
        return 2026; // ReformApi.taskBody
    }

    private String newTask() {
        String code = "SEC-" + System.nanoTime() % 1_000_000 + "-" + ++sequence;
        new ReformApi(rest).createTask(code, "跨站防护测试" + code, List.of("fgw"));
        return code;
    }

    private String draftTask(String code) {
        return taskService.createTaskQuery().processInstanceBusinessKey(code).taskDefinitionKey("Task_DraftPlan")
                .singleResult().getId();
    }

    private int attachmentCount(String code) throws Exception {
        HttpResponse<String> list = send(request("/api/tasks/" + code + "/attachments").GET()
                .header("Authorization", basic("fgw1")).header("Accept", "application/json"));
        assertThat(list.statusCode()).isEqualTo(200);
        return new ArrayList<>(List.of(list.body().split("\"id\""))).size() - 1;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private HttpRequest.Builder post(String path, String user) {
        return request(path).header("Authorization", basic(user)).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("证明材料", StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder json(String path, String user, String body) {
        return request(path).header("Authorization", basic(user)).header("Content-Type", "application/json")
                .header("Accept", "application/json").POST(BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
