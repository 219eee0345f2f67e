package cn.reformoffice.platform.security;

import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

/**
 * Authenticates /api requests either by the Camunda webapp login of the same browser (so the
 * platform's own pages work for a user logged into Tasklist or Cockpit) or by HTTP Basic.
 * A state-changing request authenticated by the session cookie must carry
 * {@code X-Requested-With: XMLHttpRequest}, which a cross-site form or link cannot send.
 */
public class SessionOrBasicAuthenticationProvider extends HttpBasicAuthenticationProvider {

    static final String CSRF_HEADER = "X-Requested-With";
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        HttpSession session = request.getSession(false);
        if (session != null && request.getHeader("Authorization") == null) {
            Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
            Authentication authentication = authentications == null ? null
                    : authentications.getAuthenticationForProcessEngine(engine.getName());
            if (authentication != null) {
                if (!SAFE_METHODS.contains(request.getMethod())
                        && !"XMLHttpRequest".equals(request.getHeader(CSRF_HEADER))) {
                    return AuthenticationResult.unsuccessful(authentication.getIdentityId());
                }
                return AuthenticationResult.successful(authentication.getIdentityId());
            }
        }
        return super.extractAuthenticatedUser(request, engine);
    }
}
