package cn.reformoffice.platform.security.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockFilterConfig;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.annotation.DirtiesContext;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Failed logins per client address: above the limit an address gets 429 with a Chinese message and
 * Retry-After, whatever login name it tries and even with the right password; other addresses are not
 * affected. The limit is low here (3).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:loginthrottleit;DB_CLOSE_DELAY=-1",
        "camunda.bpm.job-execution.enabled=false", "reform.demo.seed-tasks=false",
        "reform.security.login.address-max-failures=3", "reform.security.login.address-block=10m" })
@DirtiesContext
class LoginThrottleIT {

    private static final ParameterizedTypeReference<Map<String, Object>> MAP = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate rest;
    @Autowired @Qualifier("loginThrottleFilter") FilterRegistrationBean<LoginThrottleFilter> throttleFilter;

    @Test
    void anAddressThatFailedTooOftenGets429WhicheverLoginItTries() {
        // three failures from this test's address (127.0.0.1), each with another login name and way in
        assertThat(rest.withBasicAuth("wjw1", "wrong").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(WebappSession.login(rest, "office1", "wrong").getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(rest.withBasicAuth("nobody", "wrong").getForEntity("/api/tasks", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);

        // now even the right password of another user is refused, without being checked
        ResponseEntity<Map<String, Object>> refused = rest.withBasicAuth("yshj1", "demo").exchange("/engine-rest/task",
                HttpMethod.GET, null, MAP);
        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(Long.parseLong(refused.getHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isPositive();
        assertThat((String) refused.getBody().get("message")).contains("登录失败次数过多");
        assertThat(rest.withBasicAuth("yshj1", "demo").getForEntity("/api/tasks", String.class).getStatusCode())
                .isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        ResponseEntity<String> webapp = WebappSession.login(rest, "yshj1", "demo");
        assertThat(webapp.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
        assertThat(webapp.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(webapp.getBody()).contains("登录失败次数过多");
        // requests without credentials are not login attempts: the usual 401
        assertThat(rest.getForEntity("/engine-rest/task", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void addressesAreCountedApart() throws Exception {
        // the registered filter in front of Camunda's real Basic authentication, from two client addresses
        ProcessEngineAuthenticationFilter authentication = new ProcessEngineAuthenticationFilter();
        MockFilterConfig config = new MockFilterConfig();
        config.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        authentication.init(config);

        // (wrong passwords also delay their account: the right ones below are other accounts')
        assertThat(login(authentication, "10.0.0.1", "ybj1", "demo")).isEqualTo(200);
        for (String name : new String[] { "zhaomingyuan", "qianlixin", "office2" }) {
            assertThat(login(authentication, "10.0.0.1", name, "wrong")).isEqualTo(401);
        }
        assertThat(login(authentication, "10.0.0.1", "ybj1", "demo")).isEqualTo(429);
        assertThat(login(authentication, "10.0.0.2", "ybj1", "demo")).isEqualTo(200);
        assertThat(login(authentication, "10.0.0.2", "nobody2", "wrong")).isEqualTo(401);
        assertThat(login(authentication, "10.0.0.2", "czj1", "demo")).isEqualTo(200);
        assertThat(login(authentication, "10.0.0.1", "czj1", "demo")).isEqualTo(429);
    }

    private int login(ProcessEngineAuthenticationFilter authentication, String address, String user,
            String password) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/engine-rest/task");
        request.setServletPath("/engine-rest");
        request.setRemoteAddr(address);
        request.addHeader(HttpHeaders.AUTHORIZATION, "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        MockHttpServletResponse response = new MockHttpServletResponse();
        boolean[] reached = { false };
        HttpServlet resource = new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                reached[0] = true;
                resp.setStatus(200);
            }
        };
        throttleFilter.getFilter().doFilter(request, response, new MockFilterChain(resource, authentication));
        assertThat(reached[0]).as("the resource is reached exactly when logged in")
                .isEqualTo(response.getStatus() == 200);
        return response.getStatus();
    }
}
