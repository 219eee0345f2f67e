package cn.reformoffice.platform.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Who reads the actuator ({@code /actuator/*}; there is no Spring Security in the platform):
 * <ul>
 * <li>{@code /actuator/health} and its groups ({@code liveness}, {@code readiness}) answer everyone with the
 * status alone; the office, admins and the monitoring group also get the details and components (Boot's
 * {@code show-details: when-authorized} sees them as the request's principal; anyone else is shown as
 * anonymous);</li>
 * <li>every other endpoint ({@code /actuator/prometheus}, {@code /actuator/info}, {@code /actuator}) only
 * admins ({@code camunda-admin}) and members of {@code reform.monitoring.group}: 401 with a Basic challenge for
 * anonymous callers, 403 with a Chinese message (logged once) for other users.</li>
 * </ul>
 * Callers authenticate by HTTP Basic against Camunda's identity service (the Prometheus scraper), or, for GET,
 * by the webapps' login session of the same browser. Failed Basic logins are counted per client address like
 * every other login ({@code LoginThrottleFilter} watches {@code /actuator/*} too).
 */
class ActuatorAccessFilter extends OncePerRequestFilter {

    static final String REALM = "reform-monitoring";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final IdentityService identityService;
    private final String engineName;
    private final OrganizationDirectory directory;
    private final String monitoringGroup;

    ActuatorAccessFilter(IdentityService identityService, String engineName, OrganizationDirectory directory,
            String monitoringGroup) {
        this.identityService = identityService;
        this.engineName = engineName;
        this.directory = directory;
        this.monitoringGroup = monitoringGroup;
    }

    /** An authenticated caller with the ids of their groups. */
    record Caller(String userId, Set<String> groups) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean health = path.equals("/actuator/health") || path.startsWith("/actuator/health/");
        Caller caller;
        try {
            caller = authenticate(request);
        } catch (BadCredentials e) {
            challenge(response);
            return;
        }
        boolean monitor = caller != null && (caller.groups().contains(OrganizationDirectory.ADMIN_GROUP)
                || caller.groups().contains(monitoringGroup));
        if (health) {
            boolean details = monitor || caller != null && caller.groups().contains(directory.officeGroupId());
            chain.doFilter(details ? new AuthenticatedRequest(request, caller) : request, response);
            return;
        }
        if (caller == null) {
            challenge(response);
            write(response, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
                    "请先登录：监控数据需要系统管理员或监控组（" + monitoringGroup + "）成员的账号。");
            return;
        }
        if (!monitor) {
            SecurityAudit.refused(caller.userId(), "actuator " + path + " without admin or monitoring group");
            write(response, HttpServletResponse.SC_FORBIDDEN, "Forbidden",
                    "无权查看监控数据：只有系统管理员和监控组（" + monitoringGroup + "）成员可以查看。");
            return;
        }
        chain.doFilter(new AuthenticatedRequest(request, caller), response);
    }

    /** The caller by HTTP Basic, else (GET, HEAD) by the webapps' session; null when anonymous. */
    private Caller authenticate(HttpServletRequest request) throws BadCredentials {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new BadCredentials();
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw new BadCredentials();
            }
            String userId = decoded.substring(0, colon);
            if (!identityService.checkPassword(userId, decoded.substring(colon + 1))) {
                throw new BadCredentials();
            }
            return new Caller(userId, groupsOf(userId));
        }
        if (!"GET".equals(request.getMethod()) && !"HEAD".equals(request.getMethod())) {
            return null;
        }
        HttpSession session = request.getSession(false);
        Authentications authentications = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        Authentication authentication = authentications == null ? null
                : authentications.getAuthenticationForProcessEngine(engineName);
        return authentication == null ? null
                : new Caller(authentication.getIdentityId(), groupsOf(authentication.getIdentityId()));
    }

    private Set<String> groupsOf(String userId) {
        return identityService.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** 401 with the Basic challenge (dropped for browser navigations by NoChallengeToBrowsersFilter). */
    private static void challenge(HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
    }

    private static void write(HttpServletResponse response, int status, String type, String message)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("message", message);
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getOutputStream(), body);
    }

    private static final class BadCredentials extends Exception {
        private static final long serialVersionUID = 1L;

        BadCredentials() {
            super(null, null, false, false);
        }
    }

    /** The request as Boot's actuator sees it: the caller as principal, their groups as roles. */
    private static final class AuthenticatedRequest extends HttpServletRequestWrapper {

        private final Caller caller;

        AuthenticatedRequest(HttpServletRequest request, Caller caller) {
            super(request);
            this.caller = caller;
        }

        @Override
        public Principal getUserPrincipal() {
            return caller::userId;
        }

        @Override
        public String getRemoteUser() {
            return caller.userId();
        }

        @Override
        public boolean isUserInRole(String role) {
            return caller.groups().contains(role);
        }
    }
}
