package cn.reformoffice.platform.security;

import java.util.Set;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

/**
 * Authenticates /api requests either by the Camunda webapp login of the same browser (so the
 * platform's own pages work for a user logged into Tasklist or Cockpit) or by HTTP Basic.
 * A state-changing request authenticated by the session cookie must carry
 * {@code X-Requested-With: XMLHttpRequest}, which a cross-site form or link cannot send.
 * <p>The platform's pages send that header on every call. When their session has expired they get a
 * 401 without the Basic challenge, which would make the browser pop up its own password dialog
 * instead of letting the page show its login notice; scripts and other clients still get it. Browser
 * navigations to /api get no challenge either ({@code security/web/NoChallengeToBrowsersFilter}), and
 * state-changing calls from pages of other origins are refused before authentication
 * ({@code security/web/SameOriginFilter}).
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

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        if (!isPageCall()) {
            super.augmentResponseByAuthenticationChallenge(response, engine);
        }
    }

    /** The request being authenticated (Spring's RequestContextFilter runs before the authentication filter). */
    private static boolean isPageCall() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                && "XMLHttpRequest".equals(attributes.getRequest().getHeader(CSRF_HEADER));
    }
}
