package cn.reformoffice.platform.security.web;

import java.io.IOException;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * A browser navigating to an API address ({@link BrowserRequests#isNavigation}) gets its 401 without the Basic
 * challenge ({@code WWW-Authenticate}), so the browser shows no password dialog: a password typed there would
 * be remembered and sent by the browser with every later request to the server, including requests that pages
 * of other sites make it send. Scripts and other clients still get the challenge.
 */
class NoChallengeToBrowsersFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, BrowserRequests.isNavigation(request) ? new WithoutChallenge(response) : response);
    }

    private static final class WithoutChallenge extends HttpServletResponseWrapper {

        WithoutChallenge(HttpServletResponse response) {
            super(response);
        }

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
    }
}
