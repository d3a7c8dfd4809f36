package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real node process serving the dashboard and job routes in one server: the job and control
 * routes' auth and error answers, live progress over {@code /ws} (a client connecting mid-job
 * gets the state at once; clients that never read do not hold the backup up), pause and
 * resume, and stop (no snapshot, repository still valid, uploaded data reused by the next run).
 */
class ClusterDashboardIT {
    static final int MIB = 1 << 20;

    @TempDir
    Path dir;

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void jobRoutes_liveProgress_pauseResumeStop() throws Exception {
        Path repo = NodeProcesses.initRepository(dir);
        Path src = dir.resolve("src");
        Random rnd = new Random(42);
        for (String d : List.of("a", "b")) {
            for (int i = 0; i < 3; i++) {
                write(src.resolve(d).resolve("big-" + i + ".bin"), 24 * MIB, rnd);
            }
            Files.writeString(src.resolve(d).resolve("note.txt"), "note " + d);
        }
        try (NodeProcesses ps = new NodeProcesses(dir, repo)) {
            NodeProcesses.NodeProc n = ps.startCluster(1, 2).get(0);
            String api = n.api();
            assertGuards(api);

            // start and pause at once
            String id = BackupIT.JSON.readTree(expect(202, api, "POST", "/api/backups", NodeProcesses.TOKEN,
                    "{\"paths\": [\"" + src + "\"]}")).get("id").asText();
            expect(200, api, "POST", "/api/control", NodeProcesses.TOKEN, "{\"action\": \"pause\"}");
            // paused (the hub shows it within a poll): a client connecting now gets it all at once
            awaitState(api, "paused", Duration.ofSeconds(10));
            Messages live = new Messages();
            long connected = System.nanoTime();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create(api.replace("http:", "ws:")
                    + "/ws?token=" + NodeProcesses.VIEWER_TOKEN), live).get(10, TimeUnit.SECONDS);
            JsonNode first = live.await(1, Duration.ofSeconds(2)).get(0);
            assertTrue(System.nanoTime() - connected < TimeUnit.SECONDS.toNanos(2), "the first message comes at once");
            assertEquals(id, first.path("job").path("id").asText(), "a client connecting mid-job sees the job: " + first);
            assertEquals("paused", first.path("state").asText(), first.toString());
            assertEquals(List.of(src.toString()), List.of(first.path("job").path("paths").get(0).asText()));

            // nothing moves
            Thread.sleep(1000); // the workers' reports of their last chunks come within a second
            JsonNode p1 = status(api);
            Thread.sleep(1500);
            JsonNode p2 = status(api);
            assertEquals("paused", p2.path("state").asText(), p2.toString());
            assertEquals(p1.path("job").path("bytesDone").asLong(), p2.path("job").path("bytesDone").asLong(),
                    "a paused job reads nothing: " + p2);
            for (JsonNode w : p2.path("workers")) {
                assertTrue(!"working".equals(w.path("state").asText()), "no worker works while paused: " + p2);
            }

            // three clients that never read, then resume and run to the end
            List<Socket> stalled = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                stalled.add(stalledClient(n.httpPort()));
            }
            int before = live.size();
            expect(200, api, "POST", "/api/control", NodeProcesses.TOKEN, "{\"action\": \"resume\"}");
            JsonNode end = ClusterProcessesIT.awaitJobEnd(ps, n, id, Duration.ofSeconds(120));
            assertEquals("succeeded", end.path("state").asText(), end + ps.logs());
            Thread.sleep(1000);
            List<JsonNode> during = live.since(before);
            Set<String> files = new HashSet<>();
            Set<Long> done = new HashSet<>();
            double maxRate = 0;
            for (JsonNode m : during) {
                m.path("workers").forEach(w -> {
                    if (!w.path("currentFile").isNull()) {
                        files.add(w.path("currentFile").asText());
                    }
                });
                done.add(m.path("job").path("bytesDone").asLong());
                maxRate = Math.max(maxRate, m.path("job").path("bytesPerSecond").asDouble());
            }
            assertTrue(files.size() >= 2, "the current file changes: " + files);
            assertTrue(done.size() >= 3, "bytes done move: " + done);
            assertTrue(maxRate > 0, "throughput is shown");
            assertTrue(live.maxGapMillis(before) < 3000, "updates kept flowing beside 3 stalled clients, max gap "
                    + live.maxGapMillis(before) + " ms");
            JsonNode last = status(api);
            assertEquals("finished", last.path("state").asText(), last.toString());
            assertEquals(8, last.path("job").path("filesDone").asLong(), last.toString());
            assertEquals(last.path("job").path("filesTotal").asLong(), last.path("job").path("filesDone").asLong());
            assertTrue(last.path("events").toString().contains("job-paused")
                    && last.path("events").toString().contains("job-finished"), last.path("events").toString());
            assertTrue(last.path("log").size() > 0, "the log tail is there");
            for (Socket s : stalled) {
                s.close();
            }
            ws.abort();

            // stop mid-file: no snapshot, repository valid, uploaded data reused by the next run
            Restic restic = new Restic(repo);
            long newFile = 96L * MIB;
            write(src.resolve("a").resolve("huge.bin"), (int) newFile, rnd);
            String id2 = BackupIT.JSON.readTree(expect(202, api, "POST", "/api/backups", NodeProcesses.TOKEN,
                    "{\"paths\": [\"" + src + "\"]}")).get("id").asText();
            awaitBytesNew(api, id2, 48L * MIB, Duration.ofSeconds(60));
            expect(200, api, "POST", "/api/control", NodeProcesses.TOKEN, "{\"action\": \"stop\"}");
            JsonNode stopped = BackupIT.JSON.readTree(ps.get(n, "/api/backups/" + id2).body());
            assertEquals("stopped", stopped.path("state").asText(), stopped.toString());
            expect(409, api, "POST", "/api/control", NodeProcesses.TOKEN, "{\"action\": \"resume\"}");
            Thread.sleep(1000);
            assertEquals(1, BackupIT.JSON.readTree(restic.ok("snapshots", "--json")).size(), "stop writes no snapshot");
            restic.ok("check", "--no-lock");
            String id3 = BackupIT.JSON.readTree(expect(202, api, "POST", "/api/backups", NodeProcesses.TOKEN,
                    "{\"paths\": [\"" + src + "\"]}")).get("id").asText();
            JsonNode end3 = ClusterProcessesIT.awaitJobEnd(ps, n, id3, Duration.ofSeconds(120));
            assertEquals("succeeded", end3.path("state").asText(), end3.toString());
            JsonNode after = awaitState(api, "finished", Duration.ofSeconds(5));
            long added = after.path("job").path("bytesNew").asLong();
            assertTrue(added < newFile - 32L * MIB, "the rerun stores only what the stopped run had not uploaded: "
                    + added + " new bytes of " + newFile);
            restic.ok("check", "--no-lock");
            assertEquals(2, BackupIT.JSON.readTree(restic.ok("snapshots", "--json")).size());
        }
    }

    /** 401 without or with a wrong token, 403 for the viewer writing, 400 naming the field, 404, 409. */
    void assertGuards(String api) throws Exception {
        expect(401, api, "GET", "/api/status", null, null);
        expect(401, api, "POST", "/api/control", null, "{\"action\": \"pause\"}");
        expect(401, api, "POST", "/api/control", "wrong-token", "{\"action\": \"pause\"}");
        JsonNode idle = BackupIT.JSON.readTree(expect(200, api, "GET", "/api/status", NodeProcesses.VIEWER_TOKEN, null));
        assertEquals("idle", idle.path("state").asText(), idle.toString());
        assertEquals(1, idle.path("nodes").size(), idle.toString());
        assertEquals(2, idle.path("workers").size(), idle.toString());
        assertTrue(idle.path("node").path("freeDiskBytes").asLong() > 0, idle.toString());
        expect(200, api, "GET", "/api/nodes", NodeProcesses.VIEWER_TOKEN, null);
        assertTrue(expect(403, api, "POST", "/api/control", NodeProcesses.VIEWER_TOKEN, "{\"action\": \"pause\"}")
                .contains("admin"));
        expect(403, api, "POST", "/api/backups", NodeProcesses.VIEWER_TOKEN, "{\"paths\": [\"/tmp\"]}");
        JsonNode bad = BackupIT.JSON.readTree(expect(400, api, "POST", "/api/control", NodeProcesses.TOKEN,
                "{\"action\": \"jump\"}"));
        assertTrue(bad.path("detail").asText().contains("\"action\""), bad.toString());
        assertEquals("Bad Request", bad.path("error").asText());
        expect(400, api, "POST", "/api/control", NodeProcesses.TOKEN, "{\"action\": ");
        JsonNode unknown = BackupIT.JSON.readTree(expect(400, api, "POST", "/api/control", NodeProcesses.TOKEN,
                "{\"verb\": \"pause\"}"));
        assertTrue(unknown.path("detail").asText().contains("\"verb\""), unknown.toString());
        JsonNode none = BackupIT.JSON.readTree(expect(409, api, "POST", "/api/control", NodeProcesses.TOKEN,
                "{\"action\": \"pause\"}"));
        assertTrue(none.path("detail").asText().contains("no backup job is running"), none.toString());
        expect(404, api, "GET", "/api/backups/no-such-job", NodeProcesses.VIEWER_TOKEN, null);
        JsonNode rel = BackupIT.JSON.readTree(expect(400, api, "POST", "/api/backups", NodeProcesses.TOKEN,
                "{\"paths\": [\"relative\"]}"));
        assertTrue(rel.path("detail").asText().contains("\"paths\""), rel.toString());
    }

    String expect(int status, String api, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + ": " + r.body());
        if (status >= 400) {
            JsonNode e = BackupIT.JSON.readTree(r.body());
            assertNotNull(e.get("error"), r.body());
            assertNotNull(e.get("detail"), r.body());
        }
        return r.body();
    }

    JsonNode status(String api) throws Exception {
        return BackupIT.JSON.readTree(expect(200, api, "GET", "/api/status", NodeProcesses.VIEWER_TOKEN, null));
    }

    JsonNode awaitState(String api, String state, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode s = status(api);
        while (!state.equals(s.path("state").asText()) && System.nanoTime() < deadline) {
            Thread.sleep(200);
            s = status(api);
        }
        assertEquals(state, s.path("state").asText(), s.toString());
        return s;
    }

    void awaitBytesNew(String api, String id, long atLeast, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        JsonNode s = status(api);
        while (System.nanoTime() < deadline) {
            if (id.equals(s.path("job").path("id").asText()) && s.path("job").path("bytesNew").asLong() >= atLeast) {
                return;
            }
            Thread.sleep(100);
            s = status(api);
        }
        throw new AssertionError("the job did not store " + atLeast + " new bytes in time: " + s);
    }

    /** A WebSocket client that completes the handshake and then never reads a byte. */
    static Socket stalledClient(int port) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setReceiveBufferSize(4096);
        OutputStream out = s.getOutputStream();
        out.write(("GET /ws?token=" + NodeProcesses.VIEWER_TOKEN + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = new byte[12];
        int n = s.getInputStream().read(head);
        assertTrue(n > 0 && new String(head, 0, n, StandardCharsets.US_ASCII).contains("101"), "handshake");
        return s;
    }

    static void write(Path file, int size, Random rnd) throws Exception {
        Files.createDirectories(file.getParent());
        byte[] chunk = new byte[MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int left = size; left > 0; left -= chunk.length) {
                rnd.nextBytes(chunk);
                out.write(chunk, 0, Math.min(left, chunk.length));
            }
        }
    }

    /** Every text message as JSON, with the time it arrived. */
    static final class Messages implements WebSocket.Listener {
        private final List<JsonNode> messages = new CopyOnWriteArrayList<>();
        private final List<Long> times = new CopyOnWriteArrayList<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    messages.add(BackupIT.JSON.readTree(partial.toString()));
                    times.add(System.nanoTime());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        int size() {
            return messages.size();
        }

        List<JsonNode> since(int from) {
            return List.copyOf(messages.subList(from, messages.size()));
        }

        List<JsonNode> await(int count, Duration max) throws InterruptedException {
            long deadline = System.nanoTime() + max.toNanos();
            while (messages.size() < count && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(messages.size() >= count, "expected " + count + " messages, got " + messages.size());
            return List.copyOf(messages);
        }

        long maxGapMillis(int from) {
            long max = 0;
            for (int i = Math.max(1, from + 1); i < times.size(); i++) {
                max = Math.max(max, (times.get(i) - times.get(i - 1)) / 1_000_000);
            }
            return max;
        }
    }
}
