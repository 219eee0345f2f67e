package cn.reformoffice.platform.security;

import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.glassfish.jersey.server.ResourceConfig;
import org.springframework.boot.autoconfigure.jersey.ResourceConfigCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import cn.reformoffice.platform.organization.OrganizationDirectory;
import cn.reformoffice.platform.security.rest.EngineApiGuard;
import cn.reformoffice.platform.security.rest.UserErrorMappers;

/**
 * Both REST APIs require authentication against Camunda's identity service: the engine's
 * {@code /engine-rest} by HTTP Basic, the platform's own {@code /api} by HTTP Basic or by the
 * Camunda webapp login of the same browser (for the platform's pages). Camunda's filter sets the
 * authenticated user (with groups) for the request, so engine authorization checks apply to it.
 */
@Configuration(proxyBeanMethods = false)
class RestSecurityConfig {

    /** The authentication filters of /engine-rest and /api; the engine API guard runs right after. */
    static final int AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        return authenticationFilter("engine-rest-authentication", "/engine-rest/*",
                HttpBasicAuthenticationProvider.class);
    }

    /**
     * Narrows the engine REST surfaces to what each role needs; after the authentication filter, so
     * the caller of /engine-rest is known.
     */
    @Bean
    FilterRegistrationBean<EngineApiGuard> engineApiGuard(IdentityService identityService,
            OrganizationDirectory directory) {
        var registration = new FilterRegistrationBean<>(new EngineApiGuard(identityService, directory));
        registration.setName("engine-api-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(AUTHENTICATION_ORDER + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> platformApiAuthentication() {
        return authenticationFilter("platform-api-authentication", "/api/*",
                SessionOrBasicAuthenticationProvider.class);
    }

    private static FilterRegistrationBean<ProcessEngineAuthenticationFilter> authenticationFilter(String name,
            String urlPattern, Class<? extends AuthenticationProvider> provider) {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName(name);
        registration.addUrlPatterns(urlPattern);
        registration.setOrder(AUTHENTICATION_ORDER);
        registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                provider.getName()));
        return registration;
    }

    @Bean
    ResourceConfigCustomizer chineseErrors() {
        return (ResourceConfig config) -> {
            config.register(AuthorizationExceptionMapper.class);
            config.register(UserErrorMappers.ForRestExceptions.class);
            config.register(UserErrorMappers.ForEngineExceptions.class);
        };
    }
}
