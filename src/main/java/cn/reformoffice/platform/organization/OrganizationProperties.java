package cn.reformoffice.platform.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * @param file          the organization file (classpath: or file: location)
 * @param adminPassword initial password of admins the file lists without one (prod: from the environment)
 */
@ConfigurationProperties("reform.organization")
public record OrganizationProperties(Resource file, String adminPassword) {
}
