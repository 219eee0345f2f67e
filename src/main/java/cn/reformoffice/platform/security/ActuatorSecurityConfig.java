package cn.reformoffice.platform.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.reformoffice.platform.operations.MonitoringProperties;
import cn.reformoffice.platform.organization.OrganizationDirectory;

/** Registers {@link ActuatorAccessFilter} on {@code /actuator/*}, where the APIs' authentication filters run. */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurityConfig {

    @Bean
    FilterRegistrationBean<ActuatorAccessFilter> actuatorAccess(ProcessEngine engine, OrganizationDirectory directory,
            MonitoringProperties monitoring) {
        var registration = new FilterRegistrationBean<>(new ActuatorAccessFilter(engine.getIdentityService(),
                engine.getName(), directory, monitoring.group()));
        registration.setName("actuator-access");
        registration.addUrlPatterns("/actuator", "/actuator/*");
        registration.setOrder(RestSecurityConfig.AUTHENTICATION_ORDER);
        return registration;
    }
}
