package cn.reformoffice.platform.organization;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.core.io.Resource;

/**
 * @param file          the organization file (classpath: or file: location)
 * @param adminPassword initial password of admins the file lists without one (prod: from the environment);
 *                      must meet the password policy, or the platform does not start
 * @param filePasswords whether the file may contain passwords (the demo profile's documented demo
 *                      passwords, set without the password policy); otherwise a file with passwords
 *                      stops the start
 */
@ConfigurationProperties("reform.organization")
public record OrganizationProperties(Resource file, String adminPassword, boolean filePasswords) {
}
