package cn.reformoffice.platform.reminder;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Reminders by e-mail (Spring Mail; server from {@code spring.mail.*}). */
@Component
class EmailChannel implements ReminderChannel {

    static final String NAME = "EMAIL";

    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;

    EmailChannel(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties) {
        this.mailSender = mailSender;
        this.properties = properties;
    }

    @Override
    public String name() {
        return NAME;
    }

    boolean enabled() {
        return properties.email().enabled() && mailSender.getIfAvailable() != null;
    }

    @Override
    public void send(String address, String subject, String text) {
        SimpleMailMessage message = new SimpleMailMessage();
        message.setFrom(properties.email().from());
        message.setTo(address);
        message.setSubject(subject);
        message.setText(text);
        mailSender.getObject().send(message);
    }

    /** A plain-text mail whose Message-ID is {@code <deliveryKey@domain of the sender>}, the same on every attempt. */
    @Override
    public void send(String deliveryKey, String address, String subject, String text) throws Exception {
        String from = properties.email().from();
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replace(">", "").trim()
                : "reform-platform";
        String messageId = "<" + deliveryKey + "@" + domain + ">";
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        MimeMessageHelper helper = new MimeMessageHelper(message, StandardCharsets.UTF_8.name());
        helper.setFrom(from);
        helper.setTo(address);
        helper.setSubject(subject);
        helper.setText(text);
        mailSender.getObject().send(message);
    }
}
