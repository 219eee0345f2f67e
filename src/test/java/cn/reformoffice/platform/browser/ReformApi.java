package cn.reformoffice.platform.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * The platform's REST APIs ({@code /api}, {@code /engine-rest}) as the demo users call them with HTTP Basic,
 * for the browser tests to set up what they then open in the browser: {@code new ReformApi(() -> rest)} with the
 * test's {@link TestRestTemplate}.
 */
public final class ReformApi {

    public static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    public static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    private static final String DEMO_PASSWORD = "demo";
    private static final String OFFICE = "office1";

    private final Supplier<TestRestTemplate> rest;

    public ReformApi(TestRestTemplate rest) {
        this(() -> rest);
    }

    /** With the client as it is when called: in a field initializer, {@code new ReformApi(() -> rest)}. */
    public ReformApi(Supplier<TestRestTemplate> rest) {
        this.rest = rest;
    }

    /**
     * The body of {@code POST /api/tasks} for a 2026 reform task of the category 重大改革攻坚, without leaders or
     * co-operating units, due 2026-12-31; a mutable map, to change or add fields before {@link #createTask(Map)}.
     */
    public static Map<String, Object> taskBody(String code, String title, List<String> leadUnits) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("year", 2026);
        body.put("category", "重大改革攻坚");
        body.put("title", title);
        body.put("goals", "目标：" + title);
        body.put("measures", "（1）推进公共数据授权运营；（2）建立登记规则。");
        body.put("leaders", List.of());
        body.put("leadUnits", leadUnits);
        body.put("coopUnits", List.of());
        body.put("deadline", "2026-12-31");
        return body;
    }

    /** The office creates a reform task ({@link #taskBody}) and its process starts; the created task's JSON. */
    public Map<String, Object> createTask(String code, String title, List<String> leadUnits) {
        return createTask(taskBody(code, title, leadUnits));
    }

    /** The office creates a reform task from a body of {@code POST /api/tasks} (201 asserted); its JSON. */
    public Map<String, Object> createTask(Map<String, Object> body) {
        ResponseEntity<Map<String, Object>> created = post(OFFICE, "/api/tasks", body);
        assertThat(created.getStatusCode()).as("POST /api/tasks %s", body.get("code")).isEqualTo(HttpStatus.CREATED);
        return created.getBody();
    }

    public <T> ResponseEntity<T> get(String user, String path, ParameterizedTypeReference<T> type) {
        return as(user).exchange(path, HttpMethod.GET, new HttpEntity<>(json()), type);
    }

    /** A JSON POST answered with a JSON object (or a problem detail). */
    public ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
        return post(user, path, body, MAP);
    }

    public <T> ResponseEntity<T> post(String user, String path, Object body, ParameterizedTypeReference<T> type) {
        return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, json()), type);
    }

    public <T> ResponseEntity<T> post(String user, String path, Object body, Class<T> type) {
        return as(user).exchange(path, HttpMethod.POST, new HttpEntity<>(body, json()), type);
    }

    /** The test's client logged in as a demo user (HTTP Basic), for what the methods here do not cover. */
    public TestRestTemplate as(String user) {
        return rest.get().withBasicAuth(user, DEMO_PASSWORD);
    }

    /** Plain JSON: Camunda's REST answers application/*+json requests with HAL. */
    public static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }
}
