package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon on a real 2-node cluster (separate JVMs): configuration pushed through
 * {@code PUT /api/config} reaches both nodes at runtime; a watched folder gets a snapshot
 * within its delay of the last change, restored byte-exact by restic; a seconds-level cron
 * schedule fires and retention keeps only the last N; a source only the second node can read
 * is watched there; bad pushes are refused naming the field, and only the admin may push.
 */
class DaemonIT {
    private static final Duration DELAY = Duration.ofSeconds(2);
    /** Debounce delay + job (small tree) + polling, on a busy 2-core machine. */
    private static final Duration MARGIN = Duration.ofSeconds(25);

    @TempDir
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void daemon_watchScheduleAndPush_snapshotsFollowChangesAndSchedules() throws Exception {
        Path repo = NodeProcesses.initRepository(tmp);
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        Path docs = Files.createDirectories(a.resolve("docs"));
        Files.createDirectories(docs.resolve("sub"));
        Files.writeString(docs.resolve("one.txt"), "first version\n");
        Files.write(docs.resolve("sub/blob.bin"), bytes(200_000, 7));
        Path cron = Files.createDirectories(a.resolve("cron"));
        Files.writeString(cron.resolve("c.txt"), "scheduled\n");
        Path other = Files.createDirectories(b.resolve("other"));
        Files.writeString(other.resolve("o.txt"), "only node 2 reads this\n");
        try (NodeProcesses ps = new NodeProcesses(tmp, repo)) {
            int p1 = NodeProcesses.freePort();
            NodeProcesses.NodeProc n1 = ps.start(p1, p1, 2, List.of("--source-root", a.toString()));
            NodeProcesses.NodeProc n2 = ps.start(NodeProcesses.freePort(), p1, 2, List.of("--source-root",
                    b.toString()));
            ps.awaitMembers(n1, 2, Duration.ofSeconds(90));
            ps.awaitMembers(n2, 2, Duration.ofSeconds(90));
            try {
                refusals(n1, docs);
                String first = """
                        {"sources": [
                          {"name": "docs", "paths": ["%s"], "watch": {"delay": "2s"}},
                          {"name": "nightly", "paths": ["%s"], "schedule": "*/3 * * * * *",
                           "retention": {"keep-last": 2}}]}""".formatted(docs, cron);
                HttpResponse<String> put = send(n1, "PUT", "/api/config", first, NodeProcesses.TOKEN);
                assertEquals(200, put.statusCode(), put.body());

                // watching starts with one backup; then changes (edit, add, rename a folder) make the next
                String initial = await("first snapshot of docs", () -> latest(repo, docs.toString()));
                Files.writeString(docs.resolve("one.txt"), "second version, longer\n");
                Files.createDirectories(docs.resolve("new/deeper"));
                Files.writeString(docs.resolve("new/deeper/added.txt"), "added while watched\n");
                Files.move(docs.resolve("sub"), docs.resolve("renamed"));
                Instant changed = Instant.now();
                String next = await("snapshot after the changes", () -> {
                    String id = latest(repo, docs.toString());
                    return id != null && !id.equals(initial) && containsAdded(repo, id) ? id : null;
                });
                Duration took = Duration.between(changed, Instant.now());
                assertTrue(took.compareTo(DELAY.plus(MARGIN)) < 0, "took " + took);
                Path target = tmp.resolve("restored");
                new Restic(repo).ok("restore", next, "--target", target.toString());
                TreeAssert.assertSameTree(docs, target.resolve(docs.toString().substring(1)));

                // the seconds-level schedule fired at least 3 times; retention kept the last 2
                await("3 scheduled runs and retention to 2 snapshots", () -> {
                    JsonNode s = source(ps, n2, "nightly");
                    return s.get("runs").asInt() >= 3 && count(repo, cron.toString()) == 2 ? s : null;
                });

                // a new source only node 2 can read: pushed through node 2, watched there, backed up there
                String second = """
                        {"sources": [
                          {"name": "docs", "paths": ["%s"], "watch": {"delay": "2s"}},
                          {"name": "other", "paths": ["%s"], "watch": {"delay": "2s"}}]}""".formatted(docs, other);
                put = send(n2, "PUT", "/api/config", second, NodeProcesses.TOKEN);
                assertEquals(200, put.statusCode(), put.body());
                String node2 = "pekko://chronosguard@127.0.0.1:" + n2.port();
                await("node 2 watching source other", () -> {
                    JsonNode s = source(ps, n1, "other");
                    return s != null && s.get("watchers").has(node2) && !s.get("watchers").has(
                            "pekko://chronosguard@127.0.0.1:" + n1.port()) ? s : null;
                });
                String otherFirst = await("first snapshot of other", () -> latest(repo, other.toString()));
                Files.writeString(other.resolve("o2.txt"), "changed on node 2's side\n");
                await("snapshot of other after the change", () -> {
                    String id = latest(repo, other.toString());
                    return id != null && !id.equals(otherFirst) ? id : null;
                });
                assertEquals(node2, source(ps, n1, "other").get("lastChangeNode").asText());
                JsonNode cfg = BackupIT.JSON.readTree(send(n1, "GET", "/api/config", null,
                        NodeProcesses.VIEWER_TOKEN).body());
                assertEquals(2, cfg.get("config").get("sources").size(), cfg.toString());
            } catch (AssertionError | Exception e) {
                throw new AssertionError(e.getMessage() + ps.logs(), e);
            }
        }
        Restic restic = new Restic(repo);
        restic.ok("check", "--read-data");
    }

    /** Bad cron: 400 naming the field; viewer: 403; no token: 401. Nothing changes. */
    private void refusals(NodeProcesses.NodeProc n, Path docs) throws Exception {
        String bad = "{\"sources\": [{\"name\": \"x\", \"paths\": [\"" + docs + "\"], \"schedule\": \"99 * * * *\"}]}";
        HttpResponse<String> r = send(n, "PUT", "/api/config", bad, NodeProcesses.TOKEN);
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("sources[0].schedule: bad cron expression"), r.body());
        assertEquals(403, send(n, "PUT", "/api/config", "{\"sources\": []}", NodeProcesses.VIEWER_TOKEN).statusCode());
        assertEquals(401, send(n, "PUT", "/api/config", "{\"sources\": []}", null).statusCode());
        assertEquals(400, send(n, "PUT", "/api/config", "{not json", NodeProcesses.TOKEN).statusCode());
        JsonNode cfg = BackupIT.JSON.readTree(send(n, "GET", "/api/config", null, NodeProcesses.VIEWER_TOKEN).body());
        assertEquals(0, cfg.get("version").asLong(), cfg.toString());
    }

    private HttpResponse<String> send(NodeProcesses.NodeProc n, String method, String path, String body,
            String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(n.api() + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode source(NodeProcesses ps, NodeProcesses.NodeProc n, String name) throws Exception {
        HttpResponse<String> r = ps.get(n, "/api/schedule");
        if (r.statusCode() != 200) {
            return null;
        }
        for (JsonNode s : BackupIT.JSON.readTree(r.body()).get("sources")) {
            if (s.get("name").asText().equals(name)) {
                return s;
            }
        }
        return null;
    }

    static List<JsonNode> snapshots(Path repo, String path) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode s : BackupIT.JSON.readTree(new Restic(repo).ok("snapshots", "--json", "--no-lock"))) {
            if (s.get("paths").size() == 1 && s.get("paths").get(0).asText().equals(path)) {
                out.add(s);
            }
        }
        return out;
    }

    static int count(Path repo, String path) throws Exception {
        return snapshots(repo, path).size();
    }

    /** The newest snapshot of exactly {@code path}, or null. */
    static String latest(Path repo, String path) throws Exception {
        return snapshots(repo, path).stream().max((x, y) -> Instant.parse(x.get("time").asText())
                .compareTo(Instant.parse(y.get("time").asText()))).map(s -> s.get("id").asText()).orElse(null);
    }

    private static boolean containsAdded(Path repo, String id) {
        String ls = new Restic(repo).ok("ls", "--no-lock", id);
        return ls.contains("/new/deeper/added.txt") && ls.contains("/renamed/blob.bin") && !ls.contains("/sub/");
    }

    private static <T> T await(String what, Callable<T> probe) throws Exception {
        return await(what, DELAY.plus(MARGIN), probe);
    }

    /** {@code probe}'s first non-null answer within {@code bound}, polled every 250 ms. */
    static <T> T await(String what, Duration bound, Callable<T> probe) throws Exception {
        long end = System.nanoTime() + bound.toNanos();
        Object last = null;
        while (System.nanoTime() < end) {
            try {
                T v = probe.call();
                if (v != null) {
                    return v;
                }
            } catch (Exception | AssertionError e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + what + " within " + bound + (last == null ? "" : ": " + last));
    }

    private static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        new java.util.Random(seed).nextBytes(b);
        return b;
    }
}
