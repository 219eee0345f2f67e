package cn.reformoffice.platform.security;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The audit line of a refused request: who, what, from where, at WARN, once and without a stack
 * trace. Logger {@code cn.reformoffice.platform.security.audit}, so operators can route it apart.
 */
public final class SecurityAudit {

    private static final Logger LOG = LoggerFactory.getLogger("cn.reformoffice.platform.security.audit");

    private SecurityAudit() {
    }

    /**
     * @param userId the user, or null to take the engine's authenticated user of the current command
     * @param what   what was refused and why, in English for the operator
     */
    public static void refused(String userId, String what) {
        String user = userId != null ? userId : engineUser();
        HttpServletRequest request = currentRequest();
        if (request == null) {
            LOG.warn("Refused: {} (user {})", what, user);
        } else {
            LOG.warn("Refused: {} (user {}, {} {}, from {})", what, user, request.getMethod(),
                    request.getRequestURI(), clientAddress(request));
        }
    }

    private static String engineUser() {
        CommandContext context = Context.getCommandContext();
        String user = context == null ? null : context.getAuthenticatedUserId();
        return user == null ? "-" : user;
    }

    private static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }

    /** The client's address (Tomcat's RemoteIpValve puts the proxy's X-Forwarded-For here when configured). */
    private static String clientAddress(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
