package cn.reformoffice.platform.security.web;

import java.time.Duration;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import jakarta.servlet.Filter;

/**
 * The browser protections of the platform (docs/security.md, "Browser protections"), as servlet filters that run
 * before the REST APIs' authentication filters and the Camunda webapps' filters:
 * <ol>
 * <li>security headers on the platform's pages, its APIs and (those Camunda's own header filter leaves out)
 * the webapps;
 * <li>the same-origin rule for state-changing API calls ({@link SameOriginFilter});
 * <li>no Basic challenge to browser navigations ({@link NoChallengeToBrowsersFilter}).
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebSecurityProperties.class)
class WebSecurityConfig {

    static final Duration DEFAULT_HSTS_MAX_AGE = Duration.ofDays(365);

    /** After Spring's ForwardedHeaderFilter (HIGHEST_PRECEDENCE), which applies X-Forwarded-* when so configured. */
    private static final int FIRST = Ordered.HIGHEST_PRECEDENCE + 20;

    static final String[] API_PATHS = { "/api/*", "/engine-rest/*", "/actuator", "/actuator/*" };
    static final String[] STATE_CHANGING_PATHS = { "/api/*", "/engine-rest/*", "/camunda/api/*" };
    static final String[] PAGE_PATHS = { "/ledger/*", "/office/*", "/dashboard/*", "/scores/*", "/webjars/*" };

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> pageSecurityHeaders(WebSecurityProperties properties) {
        return registration("reform-page-security-headers", FIRST, new SecurityHeadersFilter(
                properties.getPageContentSecurityPolicy(), true, hsts(properties)), PAGE_PATHS);
    }

    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> apiSecurityHeaders(WebSecurityProperties properties) {
        return registration("reform-api-security-headers", FIRST, new SecurityHeadersFilter(
                properties.getApiContentSecurityPolicy(), true, hsts(properties)), API_PATHS);
    }

    /** CSP, nosniff and HSTS of the webapps are their own header filter's (camunda.bpm.webapp.header-security). */
    @Bean
    FilterRegistrationBean<SecurityHeadersFilter> webappSecurityHeaders() {
        return registration("reform-webapp-security-headers", FIRST, new SecurityHeadersFilter(null, false, null),
                "/camunda/*");
    }

    @Bean
    FilterRegistrationBean<SameOriginFilter> sameOriginForStateChangingCalls(WebSecurityProperties properties) {
        return registration("reform-same-origin", FIRST + 10, new SameOriginFilter(properties.getTrustedOrigins()),
                STATE_CHANGING_PATHS);
    }

    @Bean
    FilterRegistrationBean<NoChallengeToBrowsersFilter> noBasicChallengeToBrowsers() {
        return registration("reform-no-challenge-to-browsers", FIRST + 20, new NoChallengeToBrowsersFilter(),
                API_PATHS);
    }

    private static String hsts(WebSecurityProperties properties) {
        return properties.isBehindTlsProxy() ? "max-age=" + properties.getHstsMaxAge().toSeconds() : null;
    }

    private static <F extends Filter> FilterRegistrationBean<F> registration(String name, int order, F filter,
            String... urlPatterns) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.setOrder(order);
        registration.addUrlPatterns(urlPatterns);
        return registration;
    }
}
