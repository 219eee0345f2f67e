package cn.reformoffice.platform.security.account;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Watches every login: the webapps' login ({@code POST …/api/admin/auth/user/{engine}/login/{app}}) and
 * every request carrying HTTP Basic credentials to {@code /engine-rest}, {@code /api} or {@code /actuator}.
 * <ul>
 * <li>An address that failed too often ({@link LoginThrottle}) gets 429 with a Chinese message and
 * {@code Retry-After}, before any password is checked.</li>
 * <li>A failed login (401) is counted for the address, logged once at WARN with the login name, the
 * address and the engine's reason, and answered with a Chinese message.</li>
 * </ul>
 * The address is the request's remote address; behind a reverse proxy, let Tomcat take it from
 * {@code X-Forwarded-For} of trusted proxies ({@code server.forward-headers-strategy=native}).
 */
class LoginThrottleFilter extends OncePerRequestFilter {

    /** The platform's security audit channel (as {@code SecurityAudit}); this filter runs before Spring's
     *  request context exists, so it names the client address itself. */
    private static final Logger LOG = LoggerFactory.getLogger("cn.reformoffice.platform.security.audit");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BODY_CACHE_LIMIT = 8192;

    private final LoginThrottle throttle;
    private final String webappAuthPath;
    private final Duration accountLockMax;

    /**
     * @param webappAuthPath the webapps' authentication resource, e.g. {@code /camunda/api/admin/auth/user/}
     * @param accountLockMax the longest lock of one account (Camunda's login delay), named in messages
     */
    LoginThrottleFilter(LoginThrottle throttle, String webappAuthPath, Duration accountLockMax) {
        this.throttle = throttle;
        this.webappAuthPath = webappAuthPath;
        this.accountLockMax = accountLockMax;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean webappLogin = "POST".equals(request.getMethod()) && path.startsWith(webappAuthPath)
                && path.contains("/login/");
        String basicUser = webappLogin ? null : basicUser(request);
        if (!webappLogin && basicUser == null) {
            chain.doFilter(request, response);
            return;
        }
        String address = request.getRemoteAddr();
        String kind = webappLogin ? "webapp login " + path.substring(path.lastIndexOf('/') + 1)
                : "HTTP Basic " + request.getMethod() + " " + path;

        Optional<Duration> blocked = throttle.blockedFor(address);
        if (blocked.isPresent()) {
            long seconds = Math.max(1, (blocked.get().toMillis() + 999) / 1000);
            String login = webappLogin ? request.getParameter("username") : basicUser;
            LOG.warn("Login as '{}' from {} ({}) refused without checking the password: too many failed logins "
                    + "from this address, refused for another {} s", clean(login), address, kind, seconds);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
            write(response, HttpStatus.TOO_MANY_REQUESTS, "TooManyLoginAttempts",
                    "登录失败次数过多：您所在网络地址的登录已被暂停，请在 " + minutes(seconds)
                            + " 后再试。如忘记密码，请联系系统管理员。");
            return;
        }

        HttpServletRequest watched = webappLogin ? new ContentCachingRequestWrapper(request, BODY_CACHE_LIMIT)
                : request;
        FailureAwareResponse watchedResponse = new FailureAwareResponse(response);
        String reason;
        LoginFailures.collect();
        try {
            chain.doFilter(watched, watchedResponse);
        } finally {
            reason = LoginFailures.finish();
        }
        if (watchedResponse.getStatus() != HttpServletResponse.SC_UNAUTHORIZED) {
            return;
        }
        String login = webappLogin ? formUsername((ContentCachingRequestWrapper) watched) : basicUser;
        boolean nowBlocked = throttle.recordFailure(address);
        LOG.warn("Failed login as '{}' from {} ({}): {}{}", clean(login), address, kind,
                reason == null ? "refused" : reason,
                nowBlocked ? "; " + throttle.maxFailures() + " failed logins from this address, further "
                        + "logins from it are refused for a while" : "");
        if (!response.isCommitted()) {
            write(response, HttpStatus.UNAUTHORIZED, "LoginFailed",
                    "登录失败：用户名或密码错误，或该账号尚未设置密码（请联系系统管理员设置）。连续输错密码后账号会被暂时锁定，最长 "
                            + minutes(accountLockMax.toSeconds()) + " 后自动解除。");
        }
    }

    /** The user name of HTTP Basic credentials, null without them. */
    private static String basicUser(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? decoded : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return "(undecodable credentials)";
        }
    }

    /** The login form's user name, read from the body the webapp consumed (or its parameters). */
    private static String formUsername(ContentCachingRequestWrapper request) {
        byte[] body = request.getContentAsByteArray();
        if (body.length == 0) {
            return request.getParameter("username");
        }
        Charset charset = request.getCharacterEncoding() == null ? StandardCharsets.UTF_8
                : Charset.forName(request.getCharacterEncoding());
        for (String pair : new String(body, charset).split("&")) {
            if (pair.startsWith("username=")) {
                return URLDecoder.decode(pair.substring("username=".length()), charset);
            }
        }
        return null;
    }

    private static String clean(String login) {
        if (login == null) {
            return "";
        }
        String shortened = login.length() > 64 ? login.substring(0, 64) + "…" : login;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }

    private static String minutes(long seconds) {
        return seconds < 60 ? seconds + " 秒" : ((seconds + 59) / 60) + " 分钟";
    }

    private static void write(HttpServletResponse response, HttpStatus status, String type, String message)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        response.resetBuffer();
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getOutputStream(), body);
    }

    /**
     * Turns a login's 401 sent as an error (the webapps' JAX-RS resource) into a plain status, so that
     * the container's error page does not answer before the Chinese message is written.
     */
    private static final class FailureAwareResponse extends HttpServletResponseWrapper {

        FailureAwareResponse(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            if (status == SC_UNAUTHORIZED) {
                setStatus(status);
            } else if (message == null) {
                super.sendError(status);
            } else {
                super.sendError(status, message);
            }
        }
    }
}
