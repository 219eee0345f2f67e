package cn.reformoffice.platform.operations;

import java.time.Instant;
import java.util.List;
import java.util.Properties;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.reminder.NotificationProperties;

/**
 * {@code email} in {@code /actuator/health}: the e-mail channel ({@code reminder/EmailChannel}). When it is on, the
 * SMTP server is connected to (and logged into, with credentials) with a short timeout, at most once per
 * {@code reform.monitoring.email-check-interval}; between tests the last result is shown with its time. DOWN when
 * the server cannot be reached or refuses the login, and when the channel is on without a server
 * ({@code spring.mail.host}: reminders would not be e-mailed). A disabled channel is UP with "未启用". The latest
 * delivery is a detail.
 */
@Component("emailHealthIndicator")
class EmailChannelHealthIndicator implements HealthIndicator {

    static final String CHANNEL = "EMAIL";

    private final NotificationProperties notification;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final DeliveryOutcomes outcomes;
    private final MonitoringProperties monitoring;
    private Health lastCheck;
    private Instant checkedAt;

    EmailChannelHealthIndicator(NotificationProperties notification, ObjectProvider<JavaMailSender> mailSender,
            DeliveryOutcomes outcomes, MonitoringProperties monitoring) {
        this.notification = notification;
        this.mailSender = mailSender;
        this.outcomes = outcomes;
        this.monitoring = monitoring;
    }

    @Override
    public Health health() {
        if (!notification.email().enabled()) {
            return Health.up().withDetail("enabled", false).withDetail("message", "未启用（REFORM_MAIL_ENABLED）").build();
        }
        Health connection = connection();
        Health.Builder builder = Health.status(connection.getStatus()).withDetails(connection.getDetails());
        try {
            List<DeliveryOutcomes.Outcome> latest = outcomes.latest(CHANNEL, 1);
            if (!latest.isEmpty()) {
                builder.withDetail("lastDelivery", latest.get(0).details());
            }
        } catch (RuntimeException e) {
            builder.withDetail("lastDelivery", "无法读取：" + e.getMessage());
        }
        return builder.build();
    }

    /** The latest SMTP test, repeated when older than the interval; one test at a time. */
    private synchronized Health connection() {
        Instant now = Instant.now();
        if (lastCheck == null || checkedAt.plus(monitoring.emailCheckInterval()).isBefore(now)) {
            lastCheck = testConnection();
            checkedAt = now;
        }
        return Health.status(lastCheck.getStatus()).withDetails(lastCheck.getDetails())
                .withDetail("checkedAt", checkedAt.toString()).build();
    }

    private Health testConnection() {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (!(sender instanceof JavaMailSenderImpl configured)) {
            return Health.down().withDetail("enabled", true)
                    .withDetail("message", "已启用但未配置邮件服务器（spring.mail.host），提醒不会发送邮件").build();
        }
        JavaMailSenderImpl probe = probe(configured);
        String server = configured.getHost() + ":" + (configured.getPort() > 0 ? configured.getPort() : "默认端口");
        try {
            probe.testConnection();
            return Health.up().withDetail("enabled", true).withDetail("server", server)
                    .withDetail("message", "邮件服务器连接正常").build();
        } catch (Exception e) {
            return Health.down().withDetail("enabled", true).withDetail("server", server)
                    .withDetail("message", "无法连接或登录邮件服务器，提醒邮件将发送失败并自动重试")
                    .withDetail("error", DeliveryOutcomes.redact(String.valueOf(e.getMessage()))).build();
        }
    }

    /** A copy of the channel's sender whose connection attempts give up after the check's timeout. */
    private JavaMailSenderImpl probe(JavaMailSenderImpl configured) {
        JavaMailSenderImpl probe = new JavaMailSenderImpl();
        probe.setHost(configured.getHost());
        probe.setPort(configured.getPort());
        probe.setProtocol(configured.getProtocol());
        probe.setUsername(configured.getUsername());
        probe.setPassword(configured.getPassword());
        Properties properties = new Properties();
        properties.putAll(configured.getJavaMailProperties());
        String timeout = String.valueOf(monitoring.emailCheckTimeout().toMillis());
        for (String protocol : new String[] { "smtp", "smtps" }) {
            properties.setProperty("mail." + protocol + ".connectiontimeout", timeout);
            properties.setProperty("mail." + protocol + ".timeout", timeout);
            properties.setProperty("mail." + protocol + ".writetimeout", timeout);
        }
        probe.setJavaMailProperties(properties);
        return probe;
    }
}
