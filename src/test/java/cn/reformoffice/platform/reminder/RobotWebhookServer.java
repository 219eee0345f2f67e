package cn.reformoffice.platform.reminder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

/** A real HTTP server on loopback that plays an IM group robot (DingTalk/WeCom answer format). */
final class RobotWebhookServer implements AutoCloseable {

    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();
    private volatile boolean down;
    private volatile int downStatus = 503;

    RobotWebhookServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/robot", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                byte[] answer;
                int status;
                if (down) {
                    status = downStatus;
                    answer = "service unavailable".getBytes(StandardCharsets.UTF_8);
                } else {
                    received.add(body);
                    String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                    if (key != null) {
                        keys.add(key);
                    }
                    status = 200;
                    answer = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "robot-webhook");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot";
    }

    List<String> received() {
        return received;
    }

    /** The Idempotency-Key of every accepted message, in arrival order (repeats included). */
    List<String> idempotencyKeys() {
        return keys;
    }

    /** While down, answer this status (503 unless set). */
    void setDownStatus(int status) {
        this.downStatus = status;
    }

    void setDown(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
