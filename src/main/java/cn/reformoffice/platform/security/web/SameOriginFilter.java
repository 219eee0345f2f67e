package cn.reformoffice.platform.security.web;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Refuses state-changing requests (anything but GET, HEAD, OPTIONS) to the APIs that a page of another origin
 * made the browser send, with the credentials the browser adds by itself (a Basic password it remembers, the
 * webapp session cookie):
 * <ul>
 * <li>{@code Sec-Fetch-Site: cross-site} or {@code same-site} (set by the browser, a page cannot forge it);
 * <li>an {@code Origin} header, or lacking one a {@code Referer}, naming another origin than the server's own
 * ({@code scheme://host:port} of the request as the server sees it, i.e. after
 * {@code server.forward-headers-strategy} applied the proxy's {@code X-Forwarded-*}), {@code Origin: null}
 * included.
 * </ul>
 * Origins listed in {@code reform.security.trusted-origins} are accepted. Requests without any of these headers
 * (curl, the command-line importer, other servers) are not browsers' and pass. A refusal is a 403 with a Chinese
 * JSON message and one WARN line.
 */
class SameOriginFilter extends OncePerRequestFilter {

    static final String MESSAGE = "拒绝跨站请求：该操作只能在本平台的页面内提交。"
            + "如果您没有主动进行此操作，可能有其他网站试图冒用您的身份，请关闭该网站。";

    private static final Logger LOG = LoggerFactory.getLogger(SameOriginFilter.class);
    private static final Set<String> FOREIGN_SITES = Set.of("cross-site", "same-site");

    private final Set<String> trustedOrigins;

    SameOriginFilter(Collection<String> trustedOrigins) {
        this.trustedOrigins = trustedOrigins.stream().map(SameOriginFilter::origin).flatMap(Optional::stream)
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (BrowserRequests.isSafeMethod(request) || isSameOrigin(request)) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warn("Refused cross-origin {} {} of user {} (Origin {}, Referer {}, Sec-Fetch-Site {}) from {}",
                request.getMethod(), clean(request.getRequestURI()), clean(claimedUser(request)),
                clean(request.getHeader("Origin")), clean(request.getHeader("Referer")),
                clean(request.getHeader("Sec-Fetch-Site")), request.getRemoteAddr());
        response.setStatus(HttpStatus.FORBIDDEN.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // readable by the platform's pages (ProblemDetail's detail) and by Camunda's clients (type, message)
        response.getWriter().write("{\"type\":\"CrossOriginRequestRefused\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\"" + MESSAGE + "\",\"message\":\"" + MESSAGE + "\"}");
    }

    boolean isSameOrigin(HttpServletRequest request) {
        String serverOrigin = origin(request.getScheme() + "://" + hostAndPort(request)).orElse(null);
        String site = request.getHeader("Sec-Fetch-Site");
        String origin = request.getHeader("Origin");
        String referer = request.getHeader("Referer");
        String claimed = origin != null ? origin : referer;
        if (claimed == null) {
            // no browser sent this, unless one that only knows fetch metadata
            return site == null || !FOREIGN_SITES.contains(site.toLowerCase(Locale.ROOT));
        }
        Optional<String> from = origin(claimed);
        if (from.isEmpty()) {
            return false; // "null" (sandboxed frame, data: page) or garbage
        }
        if (trustedOrigins.contains(from.get())) {
            return true;
        }
        if (site != null && FOREIGN_SITES.contains(site.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return from.get().equals(serverOrigin);
    }

    private static String hostAndPort(HttpServletRequest request) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]"; // IPv6 literal
        }
        return host + ":" + request.getServerPort();
    }

    /** {@code scheme://host[:port]} in lower case without a default port, or empty if it is none. */
    static Optional<String> origin(String url) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            String host = uri.getHost();
            if (scheme == null || host == null) {
                return Optional.empty();
            }
            scheme = scheme.toLowerCase(Locale.ROOT);
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80)
                    || ("https".equals(scheme) && port == 443);
            return Optional.of(scheme + "://" + host.toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** The user the request claims to be (not verified: this runs before authentication), for the log. */
    private static String claimedUser(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return colon >= 0 ? decoded.substring(0, colon) : decoded;
            } catch (IllegalArgumentException e) {
                return "(bad Basic header)";
            }
        }
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        if (authentications != null && !authentications.getAuthentications().isEmpty()) {
            return authentications.getAuthentications().stream().map(Authentication::getIdentityId).distinct()
                    .collect(Collectors.joining(","));
        }
        return "(unknown)";
    }

    /** A header value fit for one log line. */
    private static String clean(String value) {
        if (value == null) {
            return "-";
        }
        String oneLine = value.replaceAll("[\\p{Cntrl}]", "?");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "…" : oneLine;
    }
}
