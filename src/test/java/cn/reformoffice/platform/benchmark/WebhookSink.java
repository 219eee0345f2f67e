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

/** A robot webhook receiver on loopback (DingTalk/WeCom answer format) that keeps each message's Idempotency-Key. */
final class WebhookSink implements AutoCloseable {

    static {
        // The JDK's HTTP server leaves Nagle's algorithm on (sun.net.httpserver.nodelay, read once when its first
        // server starts): it sends the response headers at once and holds the small body until they are
        // acknowledged, which the client, having nothing to send, delays by up to 40 ms. Every robot message then
        // waited about 40 ms for the body of the answer, and the job threads for it: the benchmark measured this
        // sink, not the platform (a real robot endpoint answers without that stall).
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

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
