package cn.reformoffice.platform.security.rest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.SecurityAudit;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Narrows Camunda's REST surfaces to what each role needs ({@link EngineRoutes}), on
 * {@code /engine-rest/*} (HTTP Basic; runs after the authentication filter) and on the webapps' APIs
 * {@code /camunda/api/*} (session login):
 * <ul>
 * <li>engine API: admins may call everything; others only the routes listed for their role;</li>
 * <li>attachments of engine tasks: refused for everyone but admins (the platform's attachment pages
 * apply its rules on who may upload, download and delete);</li>
 * <li>Cockpit's and Admin's plugin APIs: only for users who may open that application;</li>
 * <li>login, logout and the plugins' static files stay as Camunda has them.</li>
 * </ul>
 * A refusal answers 403 with a Chinese message and is logged once at WARN (who, what, from where).
 * The engine-level checks of the platform (expressions, submissions, variables, claims) apply in
 * addition, whatever route a request takes.
 */
public class EngineApiGuard extends OncePerRequestFilter {

    private static final Pattern WEBAPP_ENGINE = Pattern.compile("^/api/engine/engine/([^/]*)(/.*)?$");
    private static final Pattern WEBAPP_PLUGIN = Pattern.compile("^/api/(cockpit|admin|tasklist|welcome)/(.*)$");
    private static final Pattern REST_NAMED_ENGINE = Pattern.compile("^/engine/([^/]+)(/.*)?$");
    private static final Set<String> OPEN = Set.of("OPTIONS");
    /** Marks a refusal that is a malformed request (400) rather than a missing permission (403). */
    private static final String BAD_REQUEST_PREFIX = "400:";

    private final IdentityService identityService;
    private final OrganizationDirectory directory;
    private final ObjectMapper json = new ObjectMapper();

    public EngineApiGuard(IdentityService identityService, OrganizationDirectory directory) {
        this.identityService = identityService;
        this.directory = directory;
    }

    private record Caller(String userId, List<String> groupIds, Set<String> apps) {
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String servletPath = request.getServletPath();
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String refusal;
        if ("/engine-rest".equals(servletPath)) {
            refusal = checkEngineRest(request, pathInfo);
        } else if (servletPath.startsWith("/camunda")) {
            refusal = checkWebapps(request, (servletPath + pathInfo).substring("/camunda".length()));
        } else {
            refusal = null;
        }
        if (refusal != null) {
            refuse(response, refusal);
            return;
        }
        chain.doFilter(request, response);
    }

    private String checkEngineRest(HttpServletRequest request, String path) {
        var authentication = identityService.getCurrentAuthentication();
        if (authentication == null || authentication.getUserId() == null) {
            return null; // the authentication filter answers 401
        }
        Matcher named = REST_NAMED_ENGINE.matcher(path);
        String enginePath = named.matches() ? (named.group(2) == null ? "/engine" : named.group(2)) : path;
        List<String> groups = authentication.getGroupIds() == null ? List.of() : authentication.getGroupIds();
        return checkEngine(request, new Caller(authentication.getUserId(), groups, Set.of()), enginePath);
    }

    private String checkWebapps(HttpServletRequest request, String path) {
        Matcher engine = WEBAPP_ENGINE.matcher(path);
        Matcher plugin = WEBAPP_PLUGIN.matcher(path);
        if (!engine.matches() && !plugin.matches()) {
            return null;
        }
        String engineName = engine.matches() ? engine.group(1) : null;
        Caller caller = sessionCaller(request, engineName == null || engineName.isEmpty() ? "default" : engineName);
        if (caller == null) {
            return null; // Camunda's own security filter answers 401 to anonymous calls
        }
        if (engine.matches()) {
            return checkEngine(request, caller, engine.group(2) == null || engine.group(1).isEmpty()
                    ? "/engine" : engine.group(2));
        }
        String app = plugin.group(1);
        String rest = plugin.group(2);
        if (rest.startsWith("auth/") || rest.matches("plugin/[^/]+/static/.*") || "welcome".equals(app)
                || "tasklist".equals(app)) {
            return null;
        }
        if (isAdmin(caller) || caller.apps().contains(app)) {
            return null;
        }
        SecurityAudit.refused(caller.userId(), "webapp API of " + app + " without access to it");
        return "cockpit".equals(app) ? "您没有流程监控（Cockpit）的使用权限。" : "您没有系统管理的使用权限。";
    }

    private String checkEngine(HttpServletRequest request, Caller caller, String path) {
        String paging = checkPaging(request);
        if (paging != null) {
            return paging;
        }
        if (isAdmin(caller) || OPEN.contains(request.getMethod())) {
            return null;
        }
        if (EngineRoutes.isAttachment(path)) {
            SecurityAudit.refused(caller.userId(), "engine attachment route " + request.getMethod() + " " + path);
            return "附件只能在改革任务的附件页面上传、下载或删除（任务表单中的“附件”链接，/ledger/attachments.html）。";
        }
        boolean office = caller.groupIds().contains(directory.officeGroupId());
        if (EngineRoutes.allowed(request.getMethod(), path, office, caller.userId())) {
            return null;
        }
        SecurityAudit.refused(caller.userId(), "engine route not allowed for the role: " + request.getMethod() + " "
                + path);
        return "您无权执行此操作：" + request.getMethod() + " " + path
                + " 不在您的角色可用的功能之内。请在任务办理、流程监控或台账页面中操作，或联系系统管理员。";
    }

    /**
     * {@code firstResult} and {@code maxResults} must be whole numbers from 0: the engine answers a
     * negative limit with a database error (500) and a malformed one with an English 404.
     */
    private static String checkPaging(HttpServletRequest request) {
        for (String name : List.of("firstResult", "maxResults")) {
            String value = request.getParameter(name);
            if (value != null && !value.matches("\\d{1,9}")) {
                return BAD_REQUEST_PREFIX + "分页参数 " + name + " 必须是 0 到 999999999 之间的整数，收到的是“"
                        + (value.length() > 20 ? value.substring(0, 20) + "…" : value) + "”。";
            }
        }
        return null;
    }

    private static Caller sessionCaller(HttpServletRequest request, String engineName) {
        HttpSession session = request.getSession(false);
        if (session == null) {
            return null;
        }
        Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
        if (authentications == null
                || !(authentications.getAuthenticationForProcessEngine(engineName) instanceof UserAuthentication user)) {
            return null;
        }
        List<String> groups = user.getGroupIds() == null ? List.of() : List.copyOf(user.getGroupIds());
        Set<String> apps = user.getAuthorizedApps() == null ? Set.of() : Set.copyOf(user.getAuthorizedApps());
        return new Caller(user.getIdentityId(), groups, apps);
    }

    private static boolean isAdmin(Caller caller) {
        return caller.groupIds().contains(OrganizationDirectory.ADMIN_GROUP);
    }

    private void refuse(HttpServletResponse response, String refusal) throws IOException {
        boolean badRequest = refusal.startsWith(BAD_REQUEST_PREFIX);
        String message = badRequest ? refusal.substring(BAD_REQUEST_PREFIX.length()) : refusal;
        response.setStatus(badRequest ? HttpServletResponse.SC_BAD_REQUEST : HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(),
                java.util.Map.of("type", badRequest ? "InvalidRequestException" : "AuthorizationException",
                        "message", message));
    }
}
