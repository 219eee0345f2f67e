package cn.reformoffice.platform.operations;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The latest finished deliveries of a reminder channel (table {@code reminder_delivery}), newest first. */
@Component
class DeliveryOutcomes {


    record Outcome(boolean delivered, OffsetDateTime at, String error) {

        Map<String, Object> details() {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("status", delivered ? "DELIVERED" : "FAILED");
            details.put("at", at == null ? null : at.toString());
            if (!delivered && error != null) {
                details.put("error", error);
            }
            return details;
        }
    }

    private final JdbcClient jdbc;

    DeliveryOutcomes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** At most {@code limit} latest delivered or failed deliveries of the channel (by id: the newest reminders). */
    List<Outcome> latest(String channel, int limit) {
        return jdbc.sql("""
                select status, delivered_at, claimed_at, last_error from reminder_delivery
                where channel = ? and status in ('DELIVERED', 'FAILED')
                order by id desc fetch first %d rows only""".formatted(limit)).param(channel)
                .query((rs, row) -> {
                    boolean delivered = "DELIVERED".equals(rs.getString("status"));
                    OffsetDateTime at = rs.getObject(delivered ? "delivered_at" : "claimed_at", OffsetDateTime.class);
                    return new Outcome(delivered, at, delivered ? null : redact(rs.getString("last_error")));
                }).list();
    }

    /** An error text without what would let a reader use the channel (a webhook's access token). */
    static String redact(String error) {
        return cn.reformoffice.platform.reminder.Secrets.redact(error);
    }
}
