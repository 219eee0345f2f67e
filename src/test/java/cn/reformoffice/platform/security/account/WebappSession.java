package cn.reformoffice.platform.security.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * A browser's login to the Camunda webapps: a first GET hands out the session cookie and the XSRF token,
 * which the login form's POST and every later call send back (cookie and {@code X-XSRF-TOKEN} header)
 * as the webapps' own API expects them ({@code /camunda/api/engine/engine/default/…}).
 */
final class WebappSession {

    static final String LOGIN = "/camunda/api/admin/auth/user/default/login/tasklist";
    static final String ENGINE_API = "/camunda/api/engine/engine/default";

    private final TestRestTemplate rest;
    private final Map<String, String> cookies = new LinkedHashMap<>();

    private WebappSession(TestRestTemplate rest) {
        this.rest = rest;
    }

    /** Posts the login form; the response is the login's (200 when logged in). */
    static ResponseEntity<String> login(TestRestTemplate rest, String username, String password) {
        return new WebappSession(rest).post(username, password);
    }

    /** Logs in and fails unless the login succeeded. */
    static WebappSession loggedIn(TestRestTemplate rest, String username, String password) {
        WebappSession session = new WebappSession(rest);
        ResponseEntity<String> login = session.post(username, password);
        if (!login.getStatusCode().is2xxSuccessful()) {
            throw new AssertionError("login of " + username + " failed: " + login);
        }
        session.exchange(HttpMethod.GET, "/camunda/api/admin/auth/user/default", null);
        if (!session.cookies.containsKey("XSRF-TOKEN")) {
            throw new AssertionError("no XSRF-TOKEN cookie after the login of " + username);
        }
        return session;
    }

    private ResponseEntity<String> post(String username, String password) {
        exchange(HttpMethod.GET, "/camunda/api/admin/auth/user/default", null);
        HttpHeaders headers = cookieHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("username", username);
        form.add("password", password);
        ResponseEntity<String> response = rest.exchange(LOGIN, HttpMethod.POST, new HttpEntity<>(form, headers),
                String.class);
        remember(response);
        return response;
    }

    /** A call to the webapps' API with the session cookie and the XSRF token. */
    ResponseEntity<String> exchange(HttpMethod method, String path, Object jsonBody) {
        HttpHeaders headers = cookieHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        if (jsonBody != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        ResponseEntity<String> response = rest.exchange(path, method, new HttpEntity<>(jsonBody, headers),
                String.class);
        remember(response);
        return response;
    }

    private HttpHeaders cookieHeaders() {
        HttpHeaders headers = new HttpHeaders();
        if (!cookies.isEmpty()) {
            List<String> cookieValues = new ArrayList<>();
            cookies.forEach((name, value) -> cookieValues.add(name + "=" + value));
            headers.set(HttpHeaders.COOKIE, String.join("; ", cookieValues));
        }
        if (cookies.containsKey("XSRF-TOKEN")) {
            headers.set("X-XSRF-TOKEN", cookies.get("XSRF-TOKEN"));
        }
        return headers;
    }

    private void remember(ResponseEntity<String> response) {
        List<String> setCookies = response.getHeaders().get(HttpHeaders.SET_COOKIE);
        if (setCookies == null) {
            return;
        }
        for (String setCookie : setCookies) {
            String pair = setCookie.split(";", 2)[0];
            int equals = pair.indexOf('=');
            if (equals > 0) {
                cookies.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
            }
        }
    }
}
