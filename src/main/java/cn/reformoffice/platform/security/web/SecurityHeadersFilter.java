package cn.reformoffice.platform.security.web;

import java.io.IOException;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Response headers of the platform's pages and APIs, set before the request is handled (so error answers carry
 * them too): a Content-Security-Policy (null: left to another filter, as for the Camunda webapps, whose own
 * header filter sets it), {@code X-Frame-Options: DENY}, {@code X-Content-Type-Options: nosniff},
 * {@code Referrer-Policy: same-origin} and, behind a TLS proxy, {@code Strict-Transport-Security}.
 */
class SecurityHeadersFilter extends OncePerRequestFilter {

    private final String contentSecurityPolicy;
    private final boolean contentTypeOptions;
    private final String strictTransportSecurity;

    /**
     * @param contentTypeOptions      whether to set nosniff (false where another filter sets it)
     * @param strictTransportSecurity the HSTS value, or null for none
     */
    SecurityHeadersFilter(String contentSecurityPolicy, boolean contentTypeOptions, String strictTransportSecurity) {
        this.contentSecurityPolicy = contentSecurityPolicy;
        this.contentTypeOptions = contentTypeOptions;
        this.strictTransportSecurity = strictTransportSecurity;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (contentSecurityPolicy != null) {
            response.setHeader("Content-Security-Policy", contentSecurityPolicy);
        }
        response.setHeader("X-Frame-Options", "DENY");
        if (contentTypeOptions) {
            response.setHeader("X-Content-Type-Options", "nosniff");
        }
        response.setHeader("Referrer-Policy", "same-origin");
        if (strictTransportSecurity != null) {
            response.setHeader("Strict-Transport-Security", strictTransportSecurity);
        }
        chain.doFilter(request, response);
    }
}
