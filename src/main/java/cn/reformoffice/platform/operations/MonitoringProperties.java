package cn.reformoffice.platform.operations;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What an operator watches (README, "Operating in production").
 *
 * @param group                  the Camunda group whose members (besides admins) read the metrics and the health
 *                               details; created by an admin in Camunda Admin, with a user for the Prometheus scraper
 * @param emailCheckTimeout      connection and read timeout of the SMTP test of the e-mail channel's health
 * @param emailCheckInterval     how long the result of that test is kept, so probes do not hammer the SMTP server
 * @param webhookFailuresForDown the robot webhook channel is DOWN when this many latest deliveries all failed
 * @param countCache             how long a count read from the database for a gauge or a health detail is kept
 */
@ConfigurationProperties("reform.monitoring")
public record MonitoringProperties(String group, Duration emailCheckTimeout, Duration emailCheckInterval,
        Integer webhookFailuresForDown, Duration countCache) {

    public MonitoringProperties {
        group = group == null || group.isBlank() ? "monitoring" : group.trim();
        emailCheckTimeout = emailCheckTimeout == null ? Duration.ofSeconds(5) : emailCheckTimeout;
        emailCheckInterval = emailCheckInterval == null ? Duration.ofSeconds(60) : emailCheckInterval;
        webhookFailuresForDown = webhookFailuresForDown == null || webhookFailuresForDown < 1 ? 3
                : webhookFailuresForDown;
        countCache = countCache == null ? Duration.ofSeconds(10) : countCache;
    }
}
