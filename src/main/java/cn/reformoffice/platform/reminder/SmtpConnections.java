package cn.reformoffice.platform.reminder;

import java.time.Duration;
import java.util.Date;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;

import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The e-mail channel's SMTP connections, kept open and reused (Spring's JavaMailSender connects, greets,
 * authenticates and quits for every message). Pooled with Apache Commons Pool, bounded by the job threads that
 * send at once. A connection is checked with SMTP NOOP before each use (Jakarta Mail's
 * {@link Transport#isConnected()}) and replaced when the server dropped it; one idle for a minute, or that has
 * sent {@value #MESSAGES_PER_CONNECTION} messages (servers limit messages per connection), is closed. Should a
 * reused connection still fail while sending (it died after the check), the message is sent once more on a new
 * connection; a rejected address ({@link SendFailedException}) is never retried here. Host, port, credentials,
 * protocol and timeouts are Spring Boot's {@code spring.mail.*}, read from the configured sender.
 */
@Component
class SmtpConnections implements DisposableBean {

    static final int MESSAGES_PER_CONNECTION = 20;
    static final int MAX_CONNECTIONS = 8;
    static final Duration IDLE_CLOSE = Duration.ofSeconds(60);

    private final ObjectProvider<JavaMailSender> mailSender;
    private volatile GenericObjectPool<Connection> pool;

    SmtpConnections(ObjectProvider<JavaMailSender> mailSender) {
        this.mailSender = mailSender;
    }

    /** Sends as {@link JavaMailSender#send(MimeMessage)} does (sent date, saved changes, Message-ID kept). */
    void send(MimeMessage message) throws Exception {
        JavaMailSender sender = mailSender.getObject();
        if (!(sender instanceof JavaMailSenderImpl configured)) {
            sender.send(message);
            return;
        }
        if (message.getSentDate() == null) {
            message.setSentDate(new Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
            message.setHeader("Message-ID", messageId);
        }
        GenericObjectPool<Connection> connections = pool(configured);
        Connection connection = connections.borrowObject();
        try {
            send(connection, message);
        } catch (MessagingException e) {
            if (e instanceof SendFailedException || connection.sent == 0) {
                throw e;
            }
            // the reused connection died after its check: once more on a new one
            Connection fresh = connections.borrowObject();
            send(fresh, message);
        }
    }

    private void send(Connection connection, MimeMessage message) throws MessagingException {
        try {
            connection.transport.sendMessage(message, message.getAllRecipients());
        } catch (MessagingException | RuntimeException e) {
            invalidate(connection);
            throw e;
        }
        connection.sent++;
        if (connection.sent >= MESSAGES_PER_CONNECTION) {
            invalidate(connection);
        } else {
            pool.returnObject(connection);
        }
    }

    private void invalidate(Connection connection) {
        try {
            pool.invalidateObject(connection);
        } catch (Exception e) {
            // closing a broken connection may fail; it is out of the pool either way
        }
    }

    private GenericObjectPool<Connection> pool(JavaMailSenderImpl sender) {
        GenericObjectPool<Connection> current = pool;
        if (current == null) {
            synchronized (this) {
                current = pool;
                if (current == null) {
                    GenericObjectPoolConfig<Connection> config = new GenericObjectPoolConfig<>();
                    config.setMaxTotal(MAX_CONNECTIONS);
                    config.setMaxIdle(MAX_CONNECTIONS);
                    config.setMinIdle(0);
                    config.setTestOnBorrow(true);
                    config.setMaxWait(Duration.ofSeconds(10));
                    config.setMinEvictableIdleDuration(IDLE_CLOSE);
                    config.setTimeBetweenEvictionRuns(Duration.ofSeconds(30));
                    config.setJmxEnabled(false);
                    current = new GenericObjectPool<>(new Factory(sender), config);
                    pool = current;
                }
            }
        }
        return current;
    }

    @Override
    public void destroy() {
        GenericObjectPool<Connection> current = pool;
        if (current != null) {
            current.close();
        }
    }

    /** An open transport and how many messages it sent. */
    static final class Connection {
        final Transport transport;
        int sent;

        Connection(Transport transport) {
            this.transport = transport;
        }
    }

    /** Connects as JavaMailSenderImpl does; NOOP checks; QUIT on close. */
    private static final class Factory extends BasePooledObjectFactory<Connection> {
        private final JavaMailSenderImpl sender;

        Factory(JavaMailSenderImpl sender) {
            this.sender = sender;
        }

        @Override
        public Connection create() throws MessagingException {
            String username = sender.getUsername();
            String password = sender.getPassword();
            if ("".equals(username)) {
                username = null;
                if ("".equals(password)) {
                    password = null;
                }
            }
            String protocol = sender.getProtocol() != null ? sender.getProtocol() : "smtp";
            Transport transport = sender.getSession().getTransport(protocol);
            transport.connect(sender.getHost(), sender.getPort(), username, password);
            return new Connection(transport);
        }

        @Override
        public PooledObject<Connection> wrap(Connection connection) {
            return new DefaultPooledObject<>(connection);
        }

        @Override
        public boolean validateObject(PooledObject<Connection> pooled) {
            return pooled.getObject().transport.isConnected();
        }

        @Override
        public void destroyObject(PooledObject<Connection> pooled) throws MessagingException {
            pooled.getObject().transport.close();
        }
    }
}
