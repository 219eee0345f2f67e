package cn.reformoffice.platform.operations;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The platform's own metrics (README, "Operating in production"):
 * <ul>
 * <li>counted on this node, by the reminder code: {@code reform_reminders_total{level}} (reminders recorded),
 * {@code reform_reminder_deliveries_total{channel,outcome="sent|failed"}} (each attempt; in-app deliveries are
 * sent when the reminder is recorded), {@code reform_reminder_delivery_retries_total{channel}} (attempts at a
 * delivery that had failed before);</li>
 * <li>read from the shared database, the same on every node: {@code reform_reminder_deliveries_failing{channel}}
 * (deliveries that failed and are not yet sent: retried by their job, or waiting in an incident),
 * {@code reform_tasks_overdue} (reform tasks with an open step past its due date), {@code reform_tasks{light}}
 * (reform tasks per ledger light: RED, YELLOW, GREEN, CLOSED, UNASSIGNED).</li>
 * </ul>
 */
@Component
public class ReformMetrics implements MeterBinder {

    /** Reminder channels, as named in {@code reminder_delivery.channel}. */
    public static final List<String> CHANNELS = List.of("IN_APP", "EMAIL", "WEBHOOK");
    static final List<String> LEVELS = List.of("DUE_SOON", "URGE", "ESCALATION");
    static final List<String> LIGHTS = List.of("RED", "YELLOW", "GREEN", "CLOSED", "UNASSIGNED");
    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final MeterRegistry registry;
    private final CachedValue<Map<String, Long>> failing;
    private final CachedValue<Long> overdue;
    private final CachedValue<Map<String, Long>> lights;

    ReformMetrics(MeterRegistry registry, JdbcClient jdbc, MonitoringProperties monitoring) {
        this.registry = registry;
        Duration ttl = monitoring.countCache();
        this.failing = new CachedValue<>(ttl, () -> counts(jdbc,
                "select channel, count(*) from reminder_delivery where status = 'FAILED' group by channel"));
        this.overdue = new CachedValue<>(ttl, () -> jdbc.sql("""
                select count(*) from ledger_entry
                where step_due < ? and light not in ('CLOSED', 'UNASSIGNED')""").param(today()).query(Long.class)
                .single());
        this.lights = new CachedValue<>(ttl, () -> counts(jdbc,
                "select light, count(*) from ledger_entry group by light"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String level : LEVELS) {
            reminders(level);
        }
        for (String channel : CHANNELS) {
            deliveries(channel, "sent");
            deliveries(channel, "failed");
            retries(channel);
            if (!"IN_APP".equals(channel)) {
                Gauge.builder("reform.reminder.deliveries.failing", failing, f -> f.get().getOrDefault(channel, 0L))
                        .tag("channel", tag(channel))
                        .description("Deliveries that failed and are not yet sent (all nodes)").register(registry);
            }
        }
        Gauge.builder("reform.tasks.overdue", overdue, CachedValue::get)
                .description("Reform tasks with an open step past its due date (ledger)").register(registry);
        for (String light : LIGHTS) {
            Gauge.builder("reform.tasks", lights, l -> l.get().getOrDefault(light, 0L)).tag("light", light)
                    .description("Reform tasks per ledger light").register(registry);
        }
    }

    /** A reminder was recorded (its transaction committed). */
    public void reminderRecorded(String level) {
        reminders(level).increment();
    }

    /** A delivery attempt sent the reminder. */
    public void deliverySent(String channel) {
        deliveries(channel, "sent").increment();
    }

    /** A delivery attempt failed (the job fails and retries it). */
    public void deliveryFailed(String channel) {
        deliveries(channel, "failed").increment();
    }

    /** An attempt at a delivery that had failed before. */
    public void deliveryRetried(String channel) {
        retries(channel).increment();
    }

    private Counter reminders(String level) {
        return Counter.builder("reform.reminders").tag("level", level)
                .description("Reminders recorded (临期提醒, 逾期催办, 升级督办) on this node").register(registry);
    }

    private Counter deliveries(String channel, String outcome) {
        return Counter.builder("reform.reminder.deliveries").tag("channel", tag(channel)).tag("outcome", outcome)
                .description("Reminder delivery attempts on this node").register(registry);
    }

    private Counter retries(String channel) {
        return Counter.builder("reform.reminder.delivery.retries").tag("channel", tag(channel))
                .description("Attempts on this node at deliveries that had failed before").register(registry);
    }

    private static String tag(String channel) {
        return channel.toLowerCase();
    }

    private static Map<String, Long> counts(JdbcClient jdbc, String sql) {
        Map<String, Long> counts = new HashMap<>();
        jdbc.sql(sql).query(rs -> {
            counts.put(rs.getString(1), rs.getLong(2));
        });
        return counts;
    }

    private static LocalDate today() {
        return ClockUtil.getCurrentTime().toInstant().atZone(CHINA).toLocalDate();
    }
}
