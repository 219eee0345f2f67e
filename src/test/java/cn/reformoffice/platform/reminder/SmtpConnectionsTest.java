package cn.reformoffice.platform.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;

/** E-mails go over reused SMTP connections; a connection the server dropped is replaced without a failure. */
class SmtpConnectionsTest {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP);

    CountingTcpProxy proxy;
    SmtpConnections connections;
    EmailChannel channel;

    @BeforeEach
    void setUp() throws Exception {
        proxy = new CountingTcpProxy(ServerSetupTest.SMTP.getPort());
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(proxy.port());
        Properties timeouts = new Properties();
        timeouts.setProperty("mail.smtp.timeout", "5000");
        sender.setJavaMailProperties(timeouts);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("mailSender", sender);
        connections = new SmtpConnections(beans.getBeanProvider(JavaMailSender.class));
        channel = new EmailChannel(beans.getBeanProvider(JavaMailSender.class), new NotificationProperties(
                new NotificationProperties.Email(true, "reform-office@example.cn"), null), connections);
    }

    @AfterEach
    void tearDown() throws Exception {
        connections.destroy();
        proxy.close();
    }

    @Test
    void messagesShareOneConnectionAndKeepTheirMessageId() throws Exception {
        for (int i = 0; i < 5; i++) {
            channel.send("key-" + i, "unit" + i + "@example.cn", "临期提醒：" + i, "请按时办理。");
        }

        assertThat(mail.getReceivedMessages()).hasSize(5);
        assertThat(messageIds()).containsExactly("<key-0@example.cn>", "<key-1@example.cn>", "<key-2@example.cn>",
                "<key-3@example.cn>", "<key-4@example.cn>");
        assertThat(proxy.connections()).isEqualTo(1);
    }

    @Test
    void aConnectionTheServerDroppedIsReplacedWithoutAFailedDelivery() throws Exception {
        channel.send("key-a", "fgw@example.cn", "逾期催办", "请尽快办理。");
        proxy.cutAll();

        channel.send("key-b", "fgw@example.cn", "逾期催办", "请尽快办理。");

        assertThat(messageIds()).containsExactly("<key-a@example.cn>", "<key-b@example.cn>");
        assertThat(proxy.connections()).isEqualTo(2);
    }

    @Test
    void aConnectionIsRenewedAfterItsMessageLimit() throws Exception {
        for (int i = 0; i < SmtpConnections.MESSAGES_PER_CONNECTION + 1; i++) {
            channel.send("key-" + i, "czj@example.cn", "督办", "请回复。");
        }

        assertThat(mail.getReceivedMessages()).hasSize(SmtpConnections.MESSAGES_PER_CONNECTION + 1);
        assertThat(proxy.connections()).isEqualTo(2);
    }

    private List<String> messageIds() {
        return Arrays.stream(mail.getReceivedMessages()).map(SmtpConnectionsTest::messageId).toList();
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
