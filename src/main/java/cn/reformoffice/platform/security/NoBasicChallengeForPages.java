package cn.reformoffice.platform.security;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * The platform's pages call {@code /api} with the webapp session and {@code X-Requested-With:
 * XMLHttpRequest}. When that session has expired the answer is 401, and Camunda's authentication
 * filter adds {@code WWW-Authenticate: Basic}, which makes the browser pop up its own password dialog
 * instead of letting the page show its login notice. For such calls this filter drops the challenge;
 * scripts and other clients (no such header) still get it.
 */
class NoBasicChallengeForPages extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!"XMLHttpRequest".equals(request.getHeader(SessionOrBasicAuthenticationProvider.CSRF_HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, new HttpServletResponseWrapper(response) {
            @Override
            public void setHeader(String name, String value) {
                if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
                    super.setHeader(name, value);
                }
            }

            @Override
            public void addHeader(String name, String value) {
                if (!HttpHeaders.WWW_AUTHENTICATE.equalsIgnoreCase(name)) {
                    super.addHeader(name, value);
                }
            }
        });
    }
}
