package cn.reformoffice.platform.reminder;

import java.util.Map;

import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Reminders to an IM group robot: DingTalk and WeCom robots both accept
 * {@code {"msgtype":"text","text":{"content":"…"}}} and answer {@code {"errcode":0,…}} when accepted.
 */
@Component
class WebhookChannel implements ReminderChannel {

    static final String NAME = "WEBHOOK";

    private final RestClient client;
    private final NotificationProperties properties;

    WebhookChannel(RestClient.Builder builder, NotificationProperties properties) {
        var requestFactory = new SimpleClientHttpRequestFactory();
        requestFactory.setConnectTimeout(properties.webhook().timeout());
        requestFactory.setReadTimeout(properties.webhook().timeout());
        this.client = builder.requestFactory(requestFactory).build();
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    boolean enabled() {
        return properties.webhook().enabled();
    }

    String defaultUrl() {
        return properties.webhook().defaultUrl();
    }

    @Override
    public void send(String url, String subject, String text) {
        send(null, url, subject, text);
    }

    /** With {@code Idempotency-Key: deliveryKey} (the same on every attempt) when a key is given. */
    @Override
    public void send(String deliveryKey, String url, String subject, String text) {
        Map<?, ?> answer = client.post().uri(url).contentType(MediaType.APPLICATION_JSON)
                .headers(headers -> {
                    if (deliveryKey != null) {
                        headers.set("Idempotency-Key", deliveryKey);
                    }
                })
                .body(Map.of("msgtype", "text", "text", Map.of("content", subject + "\n" + text)))
                .retrieve().body(Map.class);
        Object errcode = answer == null ? null : answer.get("errcode");
        if (errcode != null && !"0".equals(String.valueOf(errcode))) {
            throw new IllegalStateException("Robot refused the message: " + answer);
        }
    }
}
