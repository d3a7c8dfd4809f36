package io.chronosguard.web.ws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.WebServer;
import io.chronosguard.web.dto.JobProgress;
import io.chronosguard.web.dto.NodeStatus;
import io.chronosguard.web.dto.ProgressUpdate;
import io.chronosguard.web.dto.WorkerStatus;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** /ws against a real server on 127.0.0.1, with java.net.http's WebSocket client and a raw socket. */
class ProgressSocketTest {
    static ActorSystem<Void> system;
    static WebServer.Binding binding;
    static final AtomicReference<ProgressUpdate> STATE = new AtomicReference<>(update(1, "idle", 0));

    @BeforeAll
    static void start() throws Exception {
        system = ActorSystem.create(Behaviors.empty(), "ws-test");
        binding = WebServer.builder(system, new ApiAuth("adm", Optional.of("view"))).port(0)
                .add(new ProgressSocket(STATE::get, Duration.ofMillis(10), Duration.ofSeconds(1)))
                .build().start().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    static ProgressUpdate update(long seq, String state, int logLines) {
        NodeStatus node = new NodeStatus("n1", "127.0.0.1:1", "up", seq, 0.5, 1000, List.of("read:/"));
        JobProgress job = new JobProgress("job-1", List.of("/src"), "/src/a", List.of("/src/b"), seq, 100, seq * 10,
                1000, 5, 5, 123.0, 7L, 0, 0);
        List<String> log = new ArrayList<>(Collections.nCopies(logLines, "x".repeat(100)));
        return new ProgressUpdate(seq, "2026-01-01T00:00:00Z", state, node, job,
                List.of(new WorkerStatus("w1", "n1", "working", "/src/a/file-" + seq, 1, 2, 3.0)), List.of(node),
                List.of(), List.of(), log);
    }

    /** Collects whole text messages. */
    static final class Collector implements WebSocket.Listener {
        final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(WebJson.mapper().readTree(partial.toString()));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode n = messages.poll(5, TimeUnit.SECONDS);
            assertNotNull(n, "no message within 5 s");
            return n;
        }

        /** The first message whose seq is at least {@code seq}, skipping older ones. */
        JsonNode until(long seq) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < deadline) {
                JsonNode n = next();
                if (n.get("seq").asLong() >= seq) {
                    return n;
                }
            }
            throw new AssertionError("no message with seq >= " + seq + " within 5 s");
        }
    }

    static WebSocket connect(String token, Collector c) {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + binding.address().getPort() + "/ws?token=" + token), c)
                .join();
    }

    @Test
    void connect_midJob_receivesCurrentStateAtOnceThenChanges() throws Exception {
        STATE.set(update(42, "running", 0));
        Collector c = new Collector();
        WebSocket ws = connect("view", c);
        JsonNode first = c.next();
        assertEquals(42, first.get("seq").asLong());
        assertEquals("running", first.get("state").asText());
        assertEquals("/src/a/file-42", first.get("workers").get(0).get("currentFile").asText());
        assertEquals("/src/a", first.get("job").get("lastCompletedDirectory").asText());
        STATE.set(update(43, "paused", 0));
        assertEquals("paused", c.until(43).get("state").asText());
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").join();
    }

    @Test
    void status_givesTheCurrentStateToReaders() throws Exception {
        STATE.set(update(77, "paused", 0));
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + binding.address().getPort() + "/api/status"))
                .header("Authorization", "Bearer view").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        JsonNode n = WebJson.mapper().readTree(r.body());
        assertEquals(77, n.get("seq").asLong());
        assertEquals("paused", n.get("state").asText());
        HttpResponse<String> anon = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + binding.address().getPort() + "/api/status")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, anon.statusCode());
    }

    @Test
    void server_withoutHost_listensOnLoopbackOnly() {
        assertTrue(binding.address().getAddress().isLoopbackAddress(), binding.address().toString());
    }

    @Test
    void connect_withoutValidToken_isRefusedWith401() {
        CompletionException e = assertThrows(CompletionException.class, () -> connect("wrong", new Collector()));
        WebSocketHandshakeException h = assertInstanceOf(WebSocketHandshakeException.class, e.getCause());
        assertEquals(401, h.getResponse().statusCode());
    }

    /**
     * A client that never reads: with ~200 KB states offered every 10 ms its socket fills within
     * a fraction of a second. The producer must still publish at full speed, and a second
     * client must still get the latest state at once.
     */
    @Test
    void neverReadingClient_slowsNeitherProducerNorOtherClients() throws Exception {
        STATE.set(update(1000, "running", 2000));
        try (Socket stalled = new Socket("127.0.0.1", binding.address().getPort())) {
            stalled.setReceiveBufferSize(4096);
            OutputStream out = stalled.getOutputStream();
            out.write(("GET /ws?token=adm HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Read the handshake answer only: from here on this client never reads again.
            String status = new String(stalled.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 101", status);
            long seq = 1000;
            long started = System.nanoTime();
            long until = started + TimeUnit.MILLISECONDS.toNanos(1500);
            long published = 0;
            ProgressUpdate big = update(1000, "running", 2000);
            while (System.nanoTime() < until) {
                seq++;
                STATE.set(new ProgressUpdate(seq, big.time(), big.state(), big.node(), big.job(), big.workers(),
                        big.nodes(), big.events(), big.errors(), big.log()));
                published++;
            }
            assertTrue(published > 10_000, "the producer published only " + published + " states in 1.5 s");

            Collector c = new Collector();
            long t0 = System.nanoTime();
            WebSocket ws = connect("adm", c);
            JsonNode first = c.next();
            assertEquals(seq, first.get("seq").asLong());
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(3), "the second client waited too long");
            ws.abort();
        }
    }
}
