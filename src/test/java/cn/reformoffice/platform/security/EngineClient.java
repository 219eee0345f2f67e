package cn.reformoffice.platform.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Camunda's engine API as a client reaches it: over {@code /engine-rest} with HTTP Basic, or over the
 * webapps' own API ({@code /camunda/api/engine/engine/default}) with a real login session and the
 * XSRF token, as Tasklist and Cockpit call it. Paths are relative to the engine ({@code /task}).
 */
public final class EngineClient {

    public enum Transport { ENGINE_REST, WEBAPPS }

    public record Answer(int status, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body.isEmpty() ? "null" : body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        public String message() {
            JsonNode message = json().path("message");
            return message.isMissingNode() ? body : message.asText();
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 300 ? body.substring(0, 300) + "…" : body);
        }
    }

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final Transport transport;
    private final String user;
    private final String password;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private boolean loggedIn;

    public EngineClient(int port, Transport transport, String user, String password) {
        this.base = "http://localhost:" + port;
        this.transport = transport;
        this.user = user;
        this.password = password;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).build();
    }

    public Transport transport() {
        return transport;
    }

    public String user() {
        return user;
    }

    public Answer get(String enginePath) {
        return send("GET", enginePath, null);
    }

    public Answer post(String enginePath, Object body) {
        return send("POST", enginePath, body);
    }

    public Answer put(String enginePath, Object body) {
        return send("PUT", enginePath, body);
    }

    public Answer delete(String enginePath) {
        return send("DELETE", enginePath, null);
    }

    /** Any path of the server (not only the engine API), with this client's credentials. */
    public Answer raw(String method, String path, Object body) {
        return exchange(method, base + path, body, "application/json");
    }

    /** {@link #raw} asking for another media type ({@code Accept}), as Tasklist does for HAL task lists. */
    public Answer raw(String method, String path, Object body, String accept) {
        return exchange(method, base + path, body, accept);
    }

    Answer send(String method, String enginePath, Object body) {
        String prefix = transport == Transport.ENGINE_REST ? "/engine-rest" : "/camunda/api/engine/engine/default";
        return exchange(method, base + prefix + enginePath, body, "application/json");
    }

    private Answer exchange(String method, String url, Object body, String accept) {
        if (transport == Transport.WEBAPPS && user != null && !loggedIn) {
            login();
        }
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", accept);
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (transport == Transport.WEBAPPS && url.startsWith(base + "/api/")) {
                request.header("X-Requested-With", "XMLHttpRequest"); // what the platform's pages send
            }
            request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body instanceof String s ? s : JSON.writeValueAsString(body)));
            if (transport == Transport.ENGINE_REST && user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            String xsrf = xsrfToken();
            if (xsrf != null) {
                request.header("X-XSRF-TOKEN", xsrf);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The Tasklist login: page (XSRF cookie), login form, then a read that issues the session's token. */
    private void login() {
        loggedIn = true;
        exchange("GET", base + "/camunda/app/tasklist/default/", null, "application/json");
        try {
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(
                    URI.create(base + "/camunda/api/admin/auth/user/default/login/tasklist"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", xsrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("login of " + user + " failed: " + response.statusCode());
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        exchange("GET", base + "/camunda/api/admin/auth/user/default", null, "application/json");
    }

    private String xsrfToken() {
        return cookies.getCookieStore().getCookies().stream().filter(c -> "XSRF-TOKEN".equals(c.getName()))
                .map(HttpCookie::getValue).reduce((first, last) -> last).orElse(null);
    }

    public static Map<String, Object> value(Object value) {
        return Map.of("value", value);
    }
}
