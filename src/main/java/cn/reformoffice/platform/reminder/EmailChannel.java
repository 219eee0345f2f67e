package cn.reformoffice.platform.reminder;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
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
}
