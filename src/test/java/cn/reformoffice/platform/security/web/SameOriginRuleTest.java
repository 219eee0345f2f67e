package cn.reformoffice.platform.security.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The rules of {@link SameOriginFilter} and {@link BrowserRequests} on single requests. */
class SameOriginRuleTest {

    private final SameOriginFilter filter = new SameOriginFilter(List.of("https://Portal.Example.gov.cn:443/"));

    @Test
    void originsAreComparedWithoutDefaultPortsAndCase() {
        assertThat(SameOriginFilter.origin("HTTPS://Reform.Example:443/ledger/index.html")).contains(
                "https://reform.example");
        assertThat(SameOriginFilter.origin("http://localhost:8080")).contains("http://localhost:8080");
        assertThat(SameOriginFilter.origin("null")).isEmpty();
        assertThat(SameOriginFilter.origin("javascript:alert(1)")).isEmpty();
    }

    @Test
    void browserRequestsFromOtherOriginsAreNotSameOrigin() {
        assertThat(filter.isSameOrigin(post())).as("no browser headers: curl").isTrue();
        assertThat(filter.isSameOrigin(post("Origin", "http://reform.example:8080"))).isTrue();
        assertThat(filter.isSameOrigin(post("Referer", "http://reform.example:8080/office/import.html"))).isTrue();
        assertThat(filter.isSameOrigin(post("Origin", "http://evil.example"))).isFalse();
        assertThat(filter.isSameOrigin(post("Origin", "https://reform.example:8080"))).as("scheme").isFalse();
        assertThat(filter.isSameOrigin(post("Origin", "http://reform.example"))).as("port").isFalse();
        assertThat(filter.isSameOrigin(post("Origin", "null"))).isFalse();
        assertThat(filter.isSameOrigin(post("Referer", "http://evil.example/x"))).isFalse();
        assertThat(filter.isSameOrigin(post("Sec-Fetch-Site", "cross-site"))).isFalse();
        assertThat(filter.isSameOrigin(post("Sec-Fetch-Site", "same-site"))).isFalse();
        assertThat(filter.isSameOrigin(post("Sec-Fetch-Site", "same-origin"))).isTrue();
        MockHttpServletRequest forged = post("Origin", "http://reform.example:8080");
        forged.addHeader("Sec-Fetch-Site", "cross-site");
        assertThat(filter.isSameOrigin(forged)).as("the browser's word wins").isFalse();
        MockHttpServletRequest portal = post("Origin", "https://portal.example.gov.cn");
        portal.addHeader("Sec-Fetch-Site", "same-site");
        assertThat(filter.isSameOrigin(portal)).as("trusted origin").isTrue();
    }

    @Test
    void navigationsAreRecognised() {
        assertThat(BrowserRequests.isNavigation(get("Sec-Fetch-Mode", "navigate"))).isTrue();
        assertThat(BrowserRequests.isNavigation(get("Sec-Fetch-Dest", "document"))).isTrue();
        assertThat(BrowserRequests.isNavigation(get("Sec-Fetch-Dest", "empty"))).isFalse();
        assertThat(BrowserRequests.prefersHtml("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .isTrue();
        assertThat(BrowserRequests.prefersHtml("*/*")).isFalse();
        assertThat(BrowserRequests.prefersHtml("application/json, text/plain, */*")).isFalse();
        assertThat(BrowserRequests.prefersHtml("application/json, text/html;q=0.5")).isFalse();
        assertThat(BrowserRequests.prefersHtml("not a media type;;")).isFalse();
        assertThat(BrowserRequests.prefersHtml(null)).isFalse();
    }

    private static MockHttpServletRequest post(String... header) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/tasks");
        request.setScheme("http");
        request.setServerName("reform.example");
        request.setServerPort(8080);
        if (header.length == 2) {
            request.addHeader(header[0], header[1]);
        }
        return request;
    }

    private static MockHttpServletRequest get(String name, String value) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/tasks");
        request.addHeader(name, value);
        return request;
    }
}
