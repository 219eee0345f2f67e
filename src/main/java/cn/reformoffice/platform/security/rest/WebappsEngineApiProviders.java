package cn.reformoffice.platform.security.rest;

import java.util.List;
import java.util.stream.Collectors;

import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.reformoffice.platform.security.AuthorizationExceptionMapper;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletRegistration;

/**
 * The webapps' engine API ({@code /camunda/api/engine/…}, what Tasklist and Cockpit call) is a Jersey
 * application of its own, which the Spring Boot Jersey customizers of {@code /engine-rest} do not
 * reach. This adds the platform's exception mappers to it through Jersey's
 * {@code jersey.config.server.provider.classnames} init parameter, so both surfaces answer a user's
 * mistake the same way. The servlet is registered by Camunda's webapp initializer; the parameter is
 * set when the servlet context has been initialized, before the servlet starts.
 */
@Configuration(proxyBeanMethods = false)
class WebappsEngineApiProviders {

    static final String ENGINE_API_SERVLET = "Engine Api";
    static final List<Class<?>> PROVIDERS = List.of(UserErrorMappers.ForRestExceptions.class,
            UserErrorMappers.ForEngineExceptions.class, AuthorizationExceptionMapper.class);

    @Bean
    ServletContextInitializer webappsEngineApiExceptionMappers() {
        return servletContext -> servletContext.addListener(new ServletContextListener() {
            @Override
            public void contextInitialized(ServletContextEvent event) {
                // the listener's own context view may not look up registrations; the initializer's may
                ServletRegistration engineApi = servletContext.getServletRegistration(ENGINE_API_SERVLET);
                if (engineApi == null) {
                    throw new IllegalStateException("Camunda webapps' servlet '" + ENGINE_API_SERVLET + "' not found");
                }
                engineApi.setInitParameter("jersey.config.server.provider.classnames",
                        PROVIDERS.stream().map(Class::getName).collect(Collectors.joining(",")));
            }
        });
    }
}
