package cn.reformoffice.platform.operations;

import java.util.List;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.reminder.NotificationProperties;

/**
 * {@code webhook} in {@code /actuator/health}: the IM robot channel ({@code reminder/WebhookChannel}). The robot is
 * not called (a test message would reach the office's group); instead the latest deliveries tell: DOWN when the
 * {@code reform.monitoring.webhook-failures-for-down} latest all failed, UP otherwise. A disabled channel is UP
 * with "未启用".
 */
@Component("webhookHealthIndicator")
class WebhookChannelHealthIndicator extends AbstractHealthIndicator {

    static final String CHANNEL = "WEBHOOK";

    private final NotificationProperties notification;
    private final DeliveryOutcomes outcomes;
    private final int failuresForDown;

    WebhookChannelHealthIndicator(NotificationProperties notification, DeliveryOutcomes outcomes,
            MonitoringProperties monitoring) {
        super("Webhook channel health check failed");
        this.notification = notification;
        this.outcomes = outcomes;
        this.failuresForDown = monitoring.webhookFailuresForDown();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (!notification.webhook().enabled()) {
            builder.up().withDetail("enabled", false).withDetail("message", "未启用（REFORM_WEBHOOK_ENABLED）");
            return;
        }
        builder.withDetail("enabled", true);
        List<DeliveryOutcomes.Outcome> latest = outcomes.latest(CHANNEL, failuresForDown);
        if (latest.isEmpty()) {
            builder.up().withDetail("message", "尚无发送记录");
            return;
        }
        long failures = latest.stream().takeWhile(outcome -> !outcome.delivered()).count();
        boolean down = failures >= failuresForDown;
        (down ? builder.down() : builder.up()).withDetail("lastDelivery", latest.get(0).details())
                .withDetail("consecutiveFailures", failures)
                .withDetail("message", down ? "最近 " + failures + " 次发送全部失败：请检查机器人地址和网络，恢复后在流程监控中重试失败的作业"
                        : failures > 0 ? "最近一次发送失败，将自动重试" : "最近一次发送成功");
    }
}
