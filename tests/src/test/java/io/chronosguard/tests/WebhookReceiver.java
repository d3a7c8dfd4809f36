package io.chronosguard.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A local HTTP endpoint for alert webhooks on 127.0.0.1 and a free port: answers the first
 * {@code failures} requests with 500 (to prove the sender retries), then 204, and keeps every body.
 */
final class WebhookReceiver implements AutoCloseable {
    private final HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> contentTypes = new CopyOnWriteArrayList<>();

    WebhookReceiver(int failures) throws IOException {
        AtomicInteger n = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook/s3cret-path", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            contentTypes.add(ex.getRequestHeaders().getFirst("Content-Type"));
            ex.sendResponseHeaders(n.getAndIncrement() < failures ? 500 : 204, -1);
            ex.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook/s3cret-path";
    }

    List<String> bodies() {
        return List.copyOf(bodies);
    }

    List<String> contentTypes() {
        return List.copyOf(contentTypes);
    }

    /** Waits (up to {@code max}) for a delivered JSON alert matching {@code wanted}. */
    JsonNode await(Predicate<JsonNode> wanted, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            for (String b : bodies) {
                JsonNode j = BackupIT.JSON.readTree(b);
                if (wanted.test(j)) {
                    return j;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no matching alert within " + max + "; received: " + bodies);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
