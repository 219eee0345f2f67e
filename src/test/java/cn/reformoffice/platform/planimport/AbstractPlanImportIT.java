package cn.reformoffice.platform.planimport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** REST helpers for plan import tests, as the demo users. */
abstract class AbstractPlanImportIT {

    static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };
    static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;

    ResponseEntity<Map<String, Object>> preview(String user, byte[] content, String fileName, Integer year) {
        MultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        form.add("file", new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return fileName;
            }
        });
        if (year != null) {
            form.add("year", String.valueOf(year));
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        return rest.withBasicAuth(user, "demo").exchange("/api/imports/preview", HttpMethod.POST,
                new HttpEntity<>(form, headers), MAP);
    }

    ResponseEntity<Map<String, Object>> confirm(String user, String id, Map<String, Object> resolutions, boolean wait) {
        return post(user, "/api/imports/" + id + "/confirm" + (wait ? "?wait=true" : ""), resolutions);
    }

    ResponseEntity<Map<String, Object>> post(String user, String path, Object body) {
        return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.POST, new HttpEntity<>(body, json()), MAP);
    }

    <T> ResponseEntity<T> get(String user, String path, ParameterizedTypeReference<T> type) {
        return rest.withBasicAuth(user, "demo").exchange(path, HttpMethod.GET, new HttpEntity<>(json()), type);
    }

    /** Polls the import until it leaves CONFIRMING. */
    Map<String, Object> awaitConfirmed(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (System.nanoTime() < deadline) {
            Map<String, Object> view = get("office1", "/api/imports/" + id, MAP).getBody();
            if (!"CONFIRMING".equals(view.get("status"))) {
                return view;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("import " + id + " still confirming");
    }

    static HttpHeaders json() {
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        headers.setContentType(MediaType.APPLICATION_JSON);
        return headers;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> tasks(Map<String, Object> view) {
        return (List<Map<String, Object>>) view.get("tasks");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> summary(Map<String, Object> view) {
        return (Map<String, Object>) view.get("summary");
    }

    static Map<String, Object> task(Map<String, Object> view, String code) {
        return tasks(view).stream().filter(t -> code.equals(t.get("code"))).findFirst()
                .orElseThrow(() -> new AssertionError("no task " + code));
    }

    static void assertStatus(ResponseEntity<?> response, int status) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isEqualTo(status);
    }
}
