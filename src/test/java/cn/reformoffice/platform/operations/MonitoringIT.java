package cn.reformoffice.platform.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpServer;

import cn.reformoffice.platform.reminder.ReminderWatches;
import cn.reformoffice.platform.task.NewReformTask;
import cn.reformoffice.platform.task.ReformTask;
import cn.reformoffice.platform.task.ReformTaskService;

/**
 * What an operator watches, in the prod profile: who reads /actuator (anonymous: the health status alone; a unit:
 * the same, and 403 for the metrics; the office: health details; admins and the monitoring group: the metrics), the
 * health of the job executor, the e-mail channel (a real SMTP server, GreenMail, up and down; the test is cached)
 * and the robot webhook channel (from its latest deliveries), and the metrics counted on the real reminder code
 * paths: a reform task's 临期提醒 and 逾期催办 by moving the engine clock, the robot down, retried, an incident.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:opsmonitoring;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false",
        "reform.demo.seed-tasks=false",
        "reform.organization.admin-password=" + MonitoringIT.ADMIN_PASSWORD,
        "reform.notification.email.enabled=true",
        "spring.mail.host=127.0.0.1",
        "reform.notification.webhook.enabled=true",
        "reform.monitoring.email-check-interval=2s",
        "reform.monitoring.email-check-timeout=2s",
        "reform.monitoring.webhook-failures-for-down=2",
        "reform.monitoring.count-cache=0s" })
@ActiveProfiles("prod")
@AutoConfigureObservability(tracing = false) // Boot's tests turn metrics export off without it
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitoringIT {

    static final String ADMIN_PASSWORD = "Strong#Gaige2026";
    static final String PASSWORD = "Monitor#Gaige2026";
    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

    static HttpServer robot;
    static final List<String> robotReceived = new CopyOnWriteArrayList<>();
    static volatile boolean robotDown;

    @DynamicPropertySource
    static void environment(DynamicPropertyRegistry registry) throws IOException {
        robot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        robot.createContext("/robot", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byte[] answer = (robotDown ? "service unavailable" : "{\"errcode\":0,\"errmsg\":\"ok\"}")
                        .getBytes(StandardCharsets.UTF_8);
                if (!robotDown) {
                    robotReceived.add(body);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(robotDown ? 503 : 200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        robot.start();
        String robotUrl = "http://127.0.0.1:" + robot.getAddress().getPort() + "/robot?access_token=SECRET123";
        Path organization = Files.createTempFile("ops-organization", ".yml");
        organization.toFile().deleteOnExit();
        Files.writeString(organization, """
                office:
                  id: office
                  name: 市委改革办
                units:
                  - id: fgw
                    name: 市发展改革委
                    aliases: [市发改委]
                    email: fgw@ops.test
                    webhook: %s
                people:
                  - id: fgw1
                    name: 张伟
                    unit: fgw
                  - id: office1
                    name: 刘洋
                    unit: office
                admins:
                  - id: admin
                    name: 系统管理员
                """.formatted(robotUrl));
        registry.add("reform.organization.file", () -> "file:" + organization.toAbsolutePath());
        registry.add("spring.mail.port", () -> SMTP_PORT);
        registry.add("reform.notification.webhook.default-url", () -> robotUrl);
    }

    @AfterAll
    static void stopRobot() {
        robot.stop(0);
    }

    @LocalServerPort int port;
    @Autowired ProcessEngine engine;
    @Autowired IdentityService identityService;
    @Autowired ReformTaskService reformTasks;
    @Autowired RuntimeService runtimeService;
    @Autowired TaskService taskService;
    @Autowired ManagementService managementService;
    @Autowired JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void people() {
        // as an admin does in Camunda Admin: passwords, and the monitoring group with a user for Prometheus
        password("fgw1");
        password("office1");
        if (identityService.createGroupQuery().groupId("monitoring").count() == 0) {
            Group group = identityService.newGroup("monitoring");
            group.setName("监控");
            group.setType("SYSTEM");
            identityService.saveGroup(group);
            User user = identityService.newUser("prometheus");
            user.setFirstName("Prometheus");
            user.setLastName("监控");
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
            identityService.createMembership("prometheus", "monitoring");
        }
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    @Test
    @Order(1)
    void theJobExecutorShowsWhetherItRunsAndItsAcquisitionsAreCounted() throws Exception {
        JsonNode health = health("admin", ADMIN_PASSWORD).path("components").path("jobExecutor");
        assertThat(health.path("status").asText()).isEqualTo("UP");
        assertThat(health.path("details").path("active").asBoolean()).isFalse();
        assertThat(health.path("details").path("message").asText()).contains("未启用");
        assertThat(metric(prometheus(), "reform_job_executor_active")).isZero();

        JobExecutor executor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getJobExecutor();
        executor.start();
        try {
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                String metrics = prometheus();
                assertThat(metric(metrics, "reform_jobs_acquisition_attempts_total")).isPositive();
                assertThat(metric(metrics, "reform_job_executor_active")).isEqualTo(1);
            });
            JsonNode running = health("admin", ADMIN_PASSWORD).path("components").path("jobExecutor");
            assertThat(running.path("status").asText()).isEqualTo("UP");
            assertThat(running.path("details").path("active").asBoolean()).isTrue();
        } finally {
            executor.shutdown();
        }
        assertThat(metric(prometheus(), "reform_job_executor_active")).isZero();
    }

    @Test
    @Order(2)
    void anonymousCallersGetTheHealthStatusAloneAndNoMetrics() throws Exception {
        HttpResponse<String> health = get("/actuator/health", null, null);
        assertThat(health.statusCode()).isIn(200, 503);
        assertStatusAlone(health.body());
        for (String probe : new String[] { "/actuator/health/liveness", "/actuator/health/readiness" }) {
            HttpResponse<String> response = get(probe, null, null);
            assertThat(response.statusCode()).as(probe).isEqualTo(200);
            assertThat(json.readTree(response.body()).path("status").asText()).isEqualTo("UP");
            assertThat(fieldNames(json.readTree(response.body()))).as(probe).containsExactly("status");
        }
        assertThat(get("/actuator/health/db", null, null).statusCode()).isEqualTo(404);
        for (String path : new String[] { "/actuator/prometheus", "/actuator/info", "/actuator" }) {
            HttpResponse<String> response = get(path, null, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValue(
                    "Basic realm=\"reform-monitoring\"");
            assertThat(response.body()).as(path).doesNotContain("reform_").contains("请先登录");
        }
        // wrong credentials are a failed login, not an anonymous call (an unknown user: a wrong password would
        // lock a real account for a few seconds, Camunda's login delay)
        HttpResponse<String> wrong = get("/actuator/prometheus", "nobody", "wrong-password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).doesNotContain("reform_").contains("登录失败");
        assertThat(get("/actuator/health", "nobody", "wrong-password").statusCode()).isEqualTo(401);
    }

    @Test
    @Order(3)
    void aUnitUserGetsNoDetailsAndNoMetricsTheOfficeGetsDetailsOnly() throws Exception {
        HttpResponse<String> unitHealth = get("/actuator/health", "fgw1", PASSWORD);
        assertStatusAlone(unitHealth.body());
        HttpResponse<String> unitMetrics = get("/actuator/prometheus", "fgw1", PASSWORD);
        assertThat(unitMetrics.statusCode()).isEqualTo(403);
        assertThat(unitMetrics.body()).doesNotContain("reform_").contains("无权查看监控数据");
        assertThat(get("/actuator/info", "fgw1", PASSWORD).statusCode()).isEqualTo(403);

        JsonNode officeHealth = health("office1", PASSWORD);
        assertThat(fieldNames(officeHealth.path("components"))).contains("db", "jobExecutor", "email", "webhook",
                "livenessState", "readinessState");
        assertThat(get("/actuator/prometheus", "office1", PASSWORD).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(4)
    void adminsAndTheMonitoringGroupReadTheMetrics() throws Exception {
        for (String[] user : new String[][] { { "admin", ADMIN_PASSWORD }, { "prometheus", PASSWORD } }) {
            HttpResponse<String> response = get("/actuator/prometheus", user[0], user[1]);
            assertThat(response.statusCode()).as(user[0]).isEqualTo(200);
            assertThat(response.body()).as(user[0]).contains(
                    "reform_jobs_acquisition_attempts_total", "reform_jobs_acquired_total",
                    "reform_jobs_acquisition_conflicts_total", "reform_jobs_executed_total{",
                    "outcome=\"succeeded\"", "outcome=\"failed\"", "reform_jobs_rejected_total",
                    "reform_job_executor_active", "reform_jobs_failed", "reform_incidents_open", "reform_jobs_due",
                    "reform_history_cleanup_removed_total", "reform_reminders_total{",
                    "reform_reminder_deliveries_total{", "reform_reminder_delivery_retries_total{",
                    "reform_reminder_deliveries_failing{", "reform_tasks_overdue", "reform_tasks{",
                    "reform_channel_up{", "reform_channel_enabled{",
                    "application=\"reform-platform\"");
            assertThat(health(user[0], user[1]).path("components").has("email")).isTrue();
        }
        assertThat(get("/actuator/info", "prometheus", PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void remindersDeliveriesRetriesIncidentsAndOverdueTasksAreCountedAndTheWebhookHealthFollows() throws Exception {
        String before = prometheus();
        ClockUtil.setCurrentTime(china(2026, 2, 9, 10));
        ReformTask reformTask = reformTasks.createAndStart(new NewReformTask("OPS-1", 2026, "测试", "监控测试任务", "目标",
                "举措", List.of(), List.of("fgw"), List.of(), LocalDate.of(2026, 12, 31)), "office1");
        Task draft = taskService.createTaskQuery().processInstanceId(reformTask.processInstanceId()).singleResult();
        assertThat(draft.getDueDate()).isEqualTo(china(2026, 3, 13, 18));
        String watch = draft.getId();
        assertThat(metric(prometheus(), "reform_tasks_overdue")).isZero();

        // 临期提醒 (03-10): in-app, e-mail and both robot deliveries (the unit's and the office group's) sent
        fire(watch, china(2026, 3, 10, 9));
        String afterDueSoon = prometheus();
        assertThat(delta(before, afterDueSoon, "reform_reminders_total", "level", "DUE_SOON")).isEqualTo(1);
        assertThat(delta(before, afterDueSoon, "reform_reminder_deliveries_total", "channel", "in_app", "outcome",
                "sent")).isEqualTo(1);
        assertThat(delta(before, afterDueSoon, "reform_reminder_deliveries_total", "channel", "email", "outcome",
                "sent")).isEqualTo(1);
        assertThat(delta(before, afterDueSoon, "reform_reminder_deliveries_total", "channel", "webhook", "outcome",
                "sent")).isEqualTo(2);
        assertThat(delta(before, afterDueSoon, "reform_jobs_executed_total", "outcome", "succeeded")).isEqualTo(3);
        assertThat(mail.getReceivedMessages()).hasSize(1);
        assertThat(robotReceived).hasSize(2);
        assertThat(webhookHealth().path("status").asText()).isEqualTo("UP");

        // 逾期催办 (03-16) with the robot down: e-mail sent, both robot deliveries fail, the job fails and retries
        robotDown = true;
        ClockUtil.setCurrentTime(china(2026, 3, 16, 9));
        assertThat(metric(prometheus(), "reform_tasks_overdue")).isEqualTo(1);
        managementService.executeJob(timer(watch).getId());
        managementService.executeJob(message(watch).getId()); // 登记提醒
        Job delivery = message(watch);
        int failures = 0;
        while (managementService.createJobQuery().jobId(delivery.getId()).singleResult().getRetries() > 0
                && failures < 10) {
            try {
                managementService.executeJob(delivery.getId());
            } catch (Exception expected) {
                failures++;
            }
        }
        assertThat(failures).isEqualTo(6);
        String down = prometheus();
        assertThat(delta(afterDueSoon, down, "reform_reminders_total", "level", "URGE")).isEqualTo(1);
        assertThat(delta(afterDueSoon, down, "reform_reminder_deliveries_total", "channel", "email", "outcome",
                "sent")).isEqualTo(1);
        assertThat(delta(afterDueSoon, down, "reform_reminder_deliveries_total", "channel", "webhook", "outcome",
                "failed")).isEqualTo(12);
        assertThat(delta(afterDueSoon, down, "reform_reminder_delivery_retries_total", "channel", "webhook"))
                .isEqualTo(10);
        assertThat(delta(afterDueSoon, down, "reform_reminder_delivery_retries_total", "channel", "email")).isZero();
        assertThat(delta(afterDueSoon, down, "reform_jobs_executed_total", "outcome", "failed")).isEqualTo(6);
        assertThat(metric(down, "reform_reminder_deliveries_failing", "channel", "webhook")).isEqualTo(2);
        assertThat(metric(down, "reform_reminder_deliveries_failing", "channel", "email")).isZero();
        assertThat(metric(down, "reform_jobs_failed")).isEqualTo(1);
        assertThat(metric(down, "reform_incidents_open")).isEqualTo(1);
        assertThat(mail.getReceivedMessages()).hasSize(2);

        JsonNode webhook = webhookHealth();
        assertThat(webhook.path("status").asText()).isEqualTo("DOWN");
        assertThat(metric(down, "reform_channel_up", "channel", "webhook")).isZero();
        assertThat(metric(down, "reform_channel_enabled", "channel", "webhook")).isEqualTo(1);
        assertThat(webhook.path("details").path("consecutiveFailures").asInt()).isEqualTo(2);
        assertThat(webhook.path("details").path("lastDelivery").path("status").asText()).isEqualTo("FAILED");
        assertThat(webhook.toString()).doesNotContain("SECRET123");
        // nor does the reminder record show the robot's token to the unit or the office
        for (String user : List.of("fgw1", "office1")) {
            HttpResponse<String> record = get("/api/reminders?taskCode=OPS-1", user, PASSWORD);
            assertThat(record.statusCode()).isEqualTo(200);
            assertThat(record.body()).contains("/robot?…").doesNotContain("SECRET123");
        }
        JsonNode jobs = health("admin", ADMIN_PASSWORD).path("components").path("jobExecutor").path("details");
        assertThat(jobs.path("failedJobs").asInt()).isEqualTo(1);
        assertThat(jobs.path("openIncidents").asInt()).isEqualTo(1);
        // readiness does not depend on the channels: the node still serves
        assertThat(get("/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health", null, null).statusCode()).isEqualTo(503);

        // the office retries in Cockpit once the robot is back
        robotDown = false;
        managementService.setJobRetries(delivery.getId(), 1);
        managementService.executeJob(delivery.getId());
        String recovered = prometheus();
        assertThat(delta(down, recovered, "reform_reminder_deliveries_total", "channel", "webhook", "outcome",
                "sent")).isEqualTo(2);
        assertThat(delta(down, recovered, "reform_reminder_delivery_retries_total", "channel", "webhook"))
                .isEqualTo(2);
        assertThat(metric(recovered, "reform_reminder_deliveries_failing", "channel", "webhook")).isZero();
        assertThat(metric(recovered, "reform_incidents_open")).isZero();
        assertThat(metric(recovered, "reform_jobs_failed")).isZero();
        assertThat(webhookHealth().path("status").asText()).isEqualTo("UP");
        assertThat(metric(recovered, "reform_channel_up", "channel", "webhook")).isEqualTo(1);
        assertThat(metric(recovered, "reform_tasks", "light", "CLOSED")).isZero();
    }

    @Test
    @Order(6)
    void theEmailChannelIsDownWhenTheSmtpServerIsAndTheTestIsCached() throws Exception {
        JsonNode up = emailHealth();
        assertThat(up.path("status").asText()).isEqualTo("UP");
        assertThat(up.path("details").path("server").asText()).isEqualTo("127.0.0.1:" + SMTP_PORT);
        String checkedAt = up.path("details").path("checkedAt").asText();

        mail.stop();
        JsonNode cached = emailHealth();
        assertThat(cached.path("status").asText()).isEqualTo("UP");
        assertThat(cached.path("details").path("checkedAt").asText()).isEqualTo(checkedAt);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            JsonNode down = emailHealth();
            assertThat(down.path("status").asText()).isEqualTo("DOWN");
            assertThat(down.path("details").path("error").asText()).isNotBlank();
            assertThat(down.path("details").path("checkedAt").asText()).isNotEqualTo(checkedAt);
        });
        assertThat(metric(prometheus(), "reform_channel_up", "channel", "email")).isZero();
        assertThat(get("/actuator/health/readiness", null, null).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(7)
    void theWebappsLoginSessionCountsAsTheUser() throws Exception {
        HttpClient admin = webappSession("admin", ADMIN_PASSWORD);
        HttpResponse<String> metrics = admin.send(request("/actuator/prometheus").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("reform_jobs_executed_total");

        HttpClient unit = webappSession("fgw1", PASSWORD);
        assertThat(unit.send(request("/actuator/prometheus").build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(403);
        assertStatusAlone(unit.send(request("/actuator/health").build(), HttpResponse.BodyHandlers.ofString()).body());
    }

    // --- helpers -------------------------------------------------------------------------------

    private void password(String userId) {
        User user = identityService.createUserQuery().userId(userId).singleResult();
        if (!identityService.checkPassword(userId, PASSWORD)) {
            user.setPassword(PASSWORD);
            identityService.saveUser(user);
        }
    }

    private void fire(String watchedTask, Date now) {
        new ReminderWatches(runtimeService, managementService).fire(watchedTask, now);
    }

    private Job timer(String watchedTask) {
        return new ReminderWatches(runtimeService, managementService).timer(watchedTask);
    }

    private Job message(String watchedTask) {
        return new ReminderWatches(runtimeService, managementService).message(watchedTask);
    }

    /** A client logged into Tasklist (session cookie), as a browser is. */
    private HttpClient webappSession(String user, String password) throws Exception {
        java.net.CookieManager cookies = new java.net.CookieManager();
        HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        client.send(request("/camunda/api/admin/auth/user/default").build(), HttpResponse.BodyHandlers.ofString());
        String xsrf = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .findFirst().orElseThrow().getValue();
        HttpResponse<String> login = client.send(request("/camunda/api/admin/auth/user/default/login/tasklist")
                .header("Content-Type", "application/x-www-form-urlencoded").header("X-XSRF-TOKEN", xsrf)
                .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password="
                        + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8)))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        return client;
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private JsonNode webhookHealth() throws Exception {
        return health("prometheus", PASSWORD).path("components").path("webhook");
    }

    private JsonNode emailHealth() throws Exception {
        return health("prometheus", PASSWORD).path("components").path("email");
    }

    private JsonNode health(String user, String password) throws Exception {
        HttpResponse<String> response = get("/actuator/health", user, password);
        assertThat(response.statusCode()).isIn(200, 503);
        return json.readTree(response.body());
    }

    private String prometheus() throws Exception {
        HttpResponse<String> response = get("/actuator/prometheus", "prometheus", PASSWORD);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> get(String path, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The status and the names of the health groups (liveness, readiness), no components and no details. */
    private void assertStatusAlone(String body) throws Exception {
        JsonNode health = json.readTree(body);
        assertThat(fieldNames(health)).containsExactlyInAnyOrder("status", "groups");
        assertThat(body).doesNotContain("components", "details", "jobExecutor", "db");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The value of one series in Prometheus' text format: the metric's name and the given labels. */
    static double metric(String exposition, String name, String... labels) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(exposition);
        while (matcher.find()) {
            String found = matcher.group(1);
            boolean all = true;
            for (int i = 0; i < labels.length; i += 2) {
                all &= found.contains(labels[i] + "=\"" + labels[i + 1] + "\"");
            }
            if (all) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no series " + name + " " + Map.of().getClass().getSimpleName()
                + String.join(",", labels) + " in the metrics");
    }

    private static double delta(String before, String after, String name, String... labels) {
        return metric(after, name, labels) - metric(before, name, labels);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Date china(int year, int month, int day, int hour) {
        return Date.from(OffsetDateTime.of(year, month, day, hour, 0, 0, 0, ZoneOffset.ofHours(8)).toInstant());
    }
}
