package io.chronosguard.engine.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WebhookSinkTest {
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Duration> slept = new ArrayList<>();
    private HttpServer server;

    private URI serve(int... statuses) throws IOException {
        AtomicInteger n = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hooks/secret-token", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int i = n.getAndIncrement();
            ex.sendResponseHeaders(statuses[Math.min(i, statuses.length - 1)], -1);
            ex.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/secret-token");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private WebhookSink sink(URI url, int attempts) {
        return new WebhookSink(url, HttpClient.newHttpClient(), Duration.ofSeconds(5), attempts,
                Duration.ofMillis(100), slept::add);
    }

    @Test
    void deliver_firstAnswer500_retriedWithBackoffAndDelivered() throws Exception {
        URI url = serve(500, 503, 204);
        Alert a = new Alert(Alert.Kind.JOB_FAILED, "backup of /srv failed", "disk full", Instant.parse(
                "2026-03-10T14:00:00Z"), "node-1", "job-7");

        sink(url, 4).deliver(a);

        assertEquals(3, bodies.size());
        assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200)), slept);
        JsonNode json = new ObjectMapper().readTree(bodies.get(2));
        assertEquals("JOB_FAILED", json.get("kind").asText());
        assertEquals("backup of /srv failed", json.get("subject").asText());
        assertEquals("disk full", json.get("details").asText());
        assertEquals("2026-03-10T14:00:00Z", json.get("time").asText());
        assertEquals("node-1", json.get("node").asText());
        assertEquals("job-7", json.get("job").asText());
    }

    @Test
    void deliver_alwaysFailing_givesUpAfterTheAttemptsWithoutTheSecretPath() throws Exception {
        URI url = serve(500);

        IOException e = assertThrows(IOException.class, () -> sink(url, 3).deliver(
                new Alert(Alert.Kind.NODE_LEFT, "n", "d", Instant.now(), "n", null)));

        assertEquals(3, bodies.size());
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
        assertFalse(e.getMessage().contains("secret-token"), e.getMessage());
    }

    @Test
    void deliver_nobodyListening_failsNamingTheHost() throws Exception {
        URI url = serve(200);
        server.stop(0);
        server = null;

        IOException e = assertThrows(IOException.class, () -> sink(url, 2).deliver(
                new Alert(Alert.Kind.NODE_LEFT, "n", "d", Instant.now(), "n", null)));

        assertTrue(e.getMessage().startsWith("webhook http://127.0.0.1:"), e.getMessage());
        assertEquals(1, slept.size());
    }
}
