package cn.reformoffice.platform.security.account;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Registers the login watch ahead of Camunda's authentication filters. */
@Configuration(proxyBeanMethods = false)
class LoginThrottleConfig {

    @Bean
    LoginThrottle loginThrottle(AccountSecurityProperties properties) {
        return LoginThrottle.of(properties.login());
    }

    @Bean
    FilterRegistrationBean<LoginThrottleFilter> loginThrottleFilter(LoginThrottle throttle,
            AccountSecurityProperties properties,
            @Value("${camunda.bpm.webapp.application-path:/camunda}") String webappPath) {
        String authPath = webappPath + "/api/admin/auth/user/";
        var registration = new FilterRegistrationBean<>(
                new LoginThrottleFilter(throttle, authPath, properties.login().delayMax()));
        registration.setName("login-throttle");
        registration.addUrlPatterns("/engine-rest/*", "/api/*", "/actuator", "/actuator/*", authPath + "*");
        // after Spring's character encoding filter, before the authentication filters
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return registration;
    }
}
