package cn.reformoffice.platform.reminder;

import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMailMessage;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/** Reminders by e-mail (server from {@code spring.mail.*}), over reused SMTP connections ({@link SmtpConnections}). */
@Component
class EmailChannel implements ReminderChannel {

    static final String NAME = "EMAIL";

    private final ObjectProvider<JavaMailSender> mailSender;
    private final NotificationProperties properties;
    private final SmtpConnections connections;

    EmailChannel(ObjectProvider<JavaMailSender> mailSender, NotificationProperties properties,
            SmtpConnections connections) {
        this.mailSender = mailSender;
        this.properties = properties;
        this.connections = connections;
    }

    @Override
    public String name() {
        return NAME;
    }

    boolean enabled() {
        return properties.email().enabled() && mailSender.getIfAvailable() != null;
    }

    @Override
    public void send(String address, String subject, String text) throws Exception {
        SimpleMailMessage simple = new SimpleMailMessage();
        simple.setFrom(properties.email().from());
        simple.setTo(address);
        simple.setSubject(subject);
        simple.setText(text);
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()));
        simple.copyTo(new MimeMailMessage(new MimeMessageHelper(message, StandardCharsets.UTF_8.name())));
        connections.send(message);
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
        connections.send(message);
    }
}
