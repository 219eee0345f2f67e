package cn.reformoffice.platform.benchmark;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A robot webhook receiver on loopback (DingTalk/WeCom answer format) that keeps each message's Idempotency-Key.
 * Runs with {@code -Dsun.net.httpserver.nodelay=true} (the pom's {@code test.jvm.flags}): without it each answer's
 * body waited up to 40 ms for a delayed acknowledgement, and the reminders benchmark measured that wait.
 */
final class WebhookSink implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8, r -> {
        Thread thread = new Thread(r, "benchmark-webhook");
        thread.setDaemon(true);
        return thread;
    });
    private final List<String> keys = new CopyOnWriteArrayList<>();

    WebhookSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/robot", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                in.readAllBytes();
                String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
                keys.add(key == null ? "(none)" : key);
                byte[] answer = "{\"errcode\":0,\"errmsg\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.setExecutor(threads);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/robot";
    }

    /** Every received message's key, repeats included. */
    List<String> keys() {
        return keys;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
