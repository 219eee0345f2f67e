package cn.reformoffice.platform.benchmark;

import java.io.IOException;
import java.net.ServerSocket;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The reminder channels of a benchmark on loopback: GreenMail on a free port as the SMTP server and a
 * {@link WebhookSink} as the office's robot, wired into the platform's properties before its context starts,
 * stopped (and the engine clock reset) after the class.
 */
abstract class LoopbackChannels {

    static GreenMail mail;
    static WebhookSink robot;

    @DynamicPropertySource
    static void sinks(DynamicPropertyRegistry registry) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        mail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        robot = new WebhookSink();
        registry.add("spring.mail.port", () -> port);
        registry.add("reform.notification.webhook.default-url", robot::url);
    }

    @AfterAll
    static void stopSinks() {
        ClockUtil.reset();
        if (mail != null) {
            mail.stop();
        }
        if (robot != null) {
            robot.close();
        }
    }
}
