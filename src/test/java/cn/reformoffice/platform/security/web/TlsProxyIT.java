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
import java.util.Base64;
import java.util.List;

import org.camunda.bpm.engine.TaskService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import cn.reformoffice.platform.browser.ReformApi;

/**
 * {@code reform.security.behind-tls-proxy=true} as in production behind a TLS reverse proxy on this host: the
 * proxy's {@code X-Forwarded-*} headers make the public {@code https://} origin the server's own, HSTS on the
 * platform's pages, APIs and the webapps, {@code Secure} session and XSRF cookies; an extra trusted origin.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:tlsproxyit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "reform.security.behind-tls-proxy=true",
        "reform.security.trusted-origins=https://portal.example.gov.cn" })
@DirtiesContext
class TlsProxyIT {

    private static final String PUBLIC = "https://reform.example.gov.cn";

    @LocalServerPort int port;
    @Autowired TestRestTemplate rest;
    @Autowired TaskService taskService;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void thePublicHttpsOriginIsTheServersOwnBehindTheProxy() throws Exception {
        String code = "TLS-1";
        new ReformApi(rest).createTask(code, "反向代理测试", List.of("fgw"));
        String draft = taskService.createTaskQuery().processInstanceBusinessKey(code).singleResult().getId();
        String upload = "/api/tasks/" + code + "/attachments?taskId=" + draft + "&name=";

        assertThat(send(upload("/api/tasks/" + code + "/attachments?taskId=" + draft + "&name=proxied.txt")
                .header("Origin", PUBLIC).header("Sec-Fetch-Site", "same-origin")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "reform.example.gov.cn"))
                .statusCode()).as("the page as served through the proxy").isEqualTo(201);
        assertThat(send(upload(upload + "direct.txt").header("Origin", PUBLIC)).statusCode())
                .as("the same Origin without the proxy's headers is another origin").isEqualTo(403);
        assertThat(send(upload(upload + "portal.txt").header("Origin", "https://portal.example.gov.cn")
                .header("Sec-Fetch-Site", "same-site")).statusCode()).as("a configured trusted origin")
                .isEqualTo(201);
        assertThat(send(upload(upload + "evil.txt").header("Origin", "https://evil.example.gov.cn")
                .header("Sec-Fetch-Site", "same-site")).statusCode()).isEqualTo(403);
    }

    @Test
    void hstsAndSecureCookies() throws Exception {
        for (String path : List.of("/ledger/index.html", "/office/import.html", "/camunda/app/tasklist/default/")) {
            assertThat(send(request(path).GET()).headers().firstValue("Strict-Transport-Security")).as(path)
                    .hasValueSatisfying(value -> assertThat(value).startsWith("max-age=31536000"));
        }
        assertThat(send(request("/api/tasks").GET().header("Authorization", basic("fgw1"))).headers()
                .firstValue("Strict-Transport-Security")).isPresent();

        List<String> cookies = send(request("/camunda/app/tasklist/default/").GET()).headers().allValues("Set-Cookie");
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("XSRF-TOKEN=").containsPattern(
                "(?i);\\s*Secure"));
        assertThat(cookies).anySatisfy(cookie -> assertThat(cookie).startsWith("JSESSIONID=").containsPattern(
                "(?i);\\s*Secure"));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    private HttpRequest.Builder upload(String path) {
        return request(path).header("Authorization", basic("fgw1")).header("Content-Type", "text/plain")
                .POST(BodyPublishers.ofString("材料", StandardCharsets.UTF_8));
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
