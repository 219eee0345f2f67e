package cn.reformoffice.platform.operations;

import java.util.Map;

import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

import cn.reformoffice.platform.reminder.NotificationProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The reminder channels' health as metrics, so Prometheus alerts on them: {@code reform_channel_up{channel}} (1 when
 * the channel's health is UP, also when it is off; 0 when DOWN) and {@code reform_channel_enabled{channel}}. The
 * e-mail check is the health indicator's, cached ({@code reform.monitoring.email-check-interval}).
 */
@Component
class ChannelMetrics implements MeterBinder {

    private final Map<String, HealthIndicator> channels;
    private final NotificationProperties notification;

    ChannelMetrics(EmailChannelHealthIndicator email, WebhookChannelHealthIndicator webhook,
            NotificationProperties notification) {
        this.channels = Map.of("email", email, "webhook", webhook);
        this.notification = notification;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        channels.forEach((channel, indicator) -> {
            Gauge.builder("reform.channel.up", indicator, i -> Status.UP.equals(i.health().getStatus()) ? 1 : 0)
                    .tag("channel", channel).description("1 when the reminder channel's health is UP (or it is off)")
                    .register(registry);
            Gauge.builder("reform.channel.enabled", notification, n -> enabled(n, channel) ? 1 : 0)
                    .tag("channel", channel).description("1 when the reminder channel is switched on")
                    .register(registry);
        });
    }

    private static boolean enabled(NotificationProperties notification, String channel) {
        return "email".equals(channel) ? notification.email().enabled() : notification.webhook().enabled();
    }
}
