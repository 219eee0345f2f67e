package cn.reformoffice.platform.security.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code reform.security.*}: the browser protections of the platform's pages and APIs (see docs/security.md).
 */
@ConfigurationProperties("reform.security")
public class WebSecurityProperties {

    /**
     * The platform is reached through a reverse proxy that terminates TLS ({@code REFORM_BEHIND_TLS}): HSTS on
     * the platform's pages and the webapps, {@code Secure} session and XSRF cookies, and the proxy's
     * {@code X-Forwarded-*} headers are trusted ({@link TlsProxyDefaults}).
     */
    private boolean behindTlsProxy;

    /**
     * Origins besides the server's own (as the browser sees it, e.g. {@code https://reform.example.gov.cn})
     * whose pages may send state-changing requests to the APIs, e.g. {@code https://portal.example.gov.cn}.
     */
    private List<String> trustedOrigins = new ArrayList<>();

    /** How long browsers remember to use HTTPS only (HSTS max-age), when behind a TLS proxy. */
    private Duration hstsMaxAge = WebSecurityConfig.DEFAULT_HSTS_MAX_AGE;

    /** The Content-Security-Policy of the platform's own pages ({@code /ledger/}, {@code /office/}, {@code /scores/}). */
    private String pageContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** The Content-Security-Policy of API answers ({@code /api}, {@code /engine-rest}): JSON and downloads. */
    private String apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";

    public boolean isBehindTlsProxy() {
        return behindTlsProxy;
    }

    public void setBehindTlsProxy(boolean behindTlsProxy) {
        this.behindTlsProxy = behindTlsProxy;
    }

    public List<String> getTrustedOrigins() {
        return trustedOrigins;
    }

    public void setTrustedOrigins(List<String> trustedOrigins) {
        this.trustedOrigins = trustedOrigins;
    }

    public Duration getHstsMaxAge() {
        return hstsMaxAge;
    }

    public void setHstsMaxAge(Duration hstsMaxAge) {
        this.hstsMaxAge = hstsMaxAge;
    }

    public String getPageContentSecurityPolicy() {
        return pageContentSecurityPolicy;
    }

    public void setPageContentSecurityPolicy(String pageContentSecurityPolicy) {
        this.pageContentSecurityPolicy = pageContentSecurityPolicy;
    }

    public String getApiContentSecurityPolicy() {
        return apiContentSecurityPolicy;
    }

    public void setApiContentSecurityPolicy(String apiContentSecurityPolicy) {
        this.apiContentSecurityPolicy = apiContentSecurityPolicy;
    }
}
