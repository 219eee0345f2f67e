package cn.reformoffice.platform.reminder;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Reminder channels. In-app (the reminder record and a comment on the task) is always on.
 *
 * @param email   e-mail through Spring Mail ({@code spring.mail.*}); units and people need an address
 * @param webhook IM robot webhook in the DingTalk/WeCom text-message JSON format; a unit's own
 *                {@code webhook} from the organization file, and {@code defaultUrl} (the office's group) for all
 */
@ConfigurationProperties("reform.notification")
public record NotificationProperties(Email email, Webhook webhook) {

    public NotificationProperties {
        email = email == null ? new Email(false, null) : email;
        webhook = webhook == null ? new Webhook(false, null, null) : webhook;
    }

    public record Email(boolean enabled, String from) {
        public Email {
            from = from == null ? "reform-office@localhost" : from;
        }
    }

    public record Webhook(boolean enabled, String defaultUrl, Duration timeout) {
        public Webhook {
            timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        }
    }
}
