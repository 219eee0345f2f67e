package cn.reformoffice.platform.security.web;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code reform.security.behind-tls-proxy=true} ({@code REFORM_BEHIND_TLS=true}) turns on, as defaults that an
 * explicit setting of the same property still overrides:
 * <ul>
 * <li>{@code server.forward-headers-strategy=native}: Tomcat takes scheme, host and client address from the
 * proxy's {@code X-Forwarded-*} headers (from proxies on internal addresses only, Tomcat's RemoteIpValve
 * default), so redirects and the same-origin check see {@code https://} and the public host;
 * <li>{@code Secure} on the servlet session cookie and on the Camunda webapps' session and XSRF cookies;
 * <li>HSTS on the Camunda webapps (their header filter); the platform's own pages and APIs get it from
 * {@link WebSecurityConfig}.
 * </ul>
 */
public class TlsProxyDefaults implements EnvironmentPostProcessor {

    static final String SOURCE = "reformBehindTlsProxyDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!environment.getProperty("reform.security.behind-tls-proxy", Boolean.class, false)) {
            return;
        }
        long hstsSeconds = environment.getProperty("reform.security.hsts-max-age", java.time.Duration.class,
                WebSecurityConfig.DEFAULT_HSTS_MAX_AGE).toSeconds();
        Map<String, Object> defaults = new LinkedHashMap<>();
        defaults.put("server.forward-headers-strategy", "native");
        defaults.put("server.servlet.session.cookie.secure", "true");
        defaults.put("camunda.bpm.webapp.session-cookie.enable-secure-cookie", "true");
        defaults.put("camunda.bpm.webapp.csrf.enable-secure-cookie", "true");
        defaults.put("camunda.bpm.webapp.header-security.hsts-disabled", "false");
        defaults.put("camunda.bpm.webapp.header-security.hsts-max-age", String.valueOf(hstsSeconds));
        environment.getPropertySources().addLast(new MapPropertySource(SOURCE, defaults));
    }
}
