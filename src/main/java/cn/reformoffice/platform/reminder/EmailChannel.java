package cn.reformoffice.platform.reminder;

import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/** Reminders by e-mail (server from {@code spring.mail.*}), over reused SMTP connections ({@link SmtpConnections}). */
@Component
class EmailChannel implements ReminderChannel {

    static final String NAME = "EMAIL";
    private static final String UTF_8 = StandardCharsets.UTF_8.name();
    /** Builds messages only (the connections have the server's session). */
    private static final Session SESSION = Session.getInstance(new Properties());

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
        MimeMessage message = new MimeMessage(SESSION);
        fill(message, address, subject, text);
        connections.send(message);
    }

    /** A plain-text mail whose Message-ID is {@code <deliveryKey@domain of the sender>}, the same on every attempt. */
    @Override
    public void send(String deliveryKey, String address, String subject, String text) throws Exception {
        String from = properties.email().from();
        String domain = from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replace(">", "").trim()
                : "reform-platform";
        String messageId = "<" + deliveryKey + "@" + domain + ">";
        MimeMessage message = new MimeMessage(SESSION) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        fill(message, address, subject, text);
        connections.send(message);
    }

    /**
     * From, To, subject and UTF-8 text, as Spring's MimeMessageHelper sets them for a plain-text mail (without it:
     * each helper loads the MIME type map from the class path again, half the CPU of building a message).
     */
    private void fill(MimeMessage message, String address, String subject, String text) throws MessagingException {
        message.setFrom(address(properties.email().from()));
        message.setRecipient(Message.RecipientType.TO, address(address));
        message.setSubject(subject, UTF_8);
        message.setText(text, UTF_8);
    }

    private static InternetAddress address(String text) throws AddressException {
        InternetAddress[] parsed = InternetAddress.parse(text);
        if (parsed.length != 1) {
            throw new AddressException("Illegal address", text);
        }
        try {
            return new InternetAddress(parsed[0].getAddress(), parsed[0].getPersonal(), UTF_8);
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
