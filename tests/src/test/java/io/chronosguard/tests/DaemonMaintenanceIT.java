package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon's excludes, maintenance and locking on a real 2-node cluster (separate JVMs)
 * started with {@code --daemon-config}: a watched source's excludes are left out of its
 * cluster snapshots (and out of {@code POST /api/backups} / {@code backup --server --exclude}
 * jobs); while the nodes idle they hold no lock, so {@code restic check} (exclusive in 0.14)
 * passes and a watched change afterwards still makes a snapshot; a seconds-level schedule
 * with retention keep-last 1 and a prune schedule reclaim the forgotten snapshots' data.
 */
class DaemonMaintenanceIT {
    private static final Duration BOUND = Duration.ofSeconds(40);

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path tmp;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void daemon_excludesRetentionPruneAndCheckWhileIdle_allHold() throws Exception {
        Path repo = NodeProcesses.initRepository(tmp);
        Path docs = Files.createDirectories(tmp.resolve("src/docs"));
        Files.writeString(docs.resolve("keep.txt"), "kept\n");
        Files.writeString(docs.resolve("a.tmp"), "scratch, excluded by *.tmp\n");
        Files.createDirectories(docs.resolve("sub"));
        Files.writeString(docs.resolve("sub/keep2.txt"), "kept too\n");
        Files.writeString(docs.resolve("sub/b.tmp"), "excluded deeper\n");
        Files.createDirectories(docs.resolve("sub/cache/deep"));
        Files.writeString(docs.resolve("sub/cache/deep/c.txt"), "under an excluded folder\n");
        Path rot = Files.createDirectories(tmp.resolve("src/rot"));
        Files.write(rot.resolve("big.bin"), random(1_000_000, 1));
        Path conf = tmp.resolve("daemon.json");
        Files.writeString(conf, """
                {"sources": [{"name": "docs", "paths": ["%s"], "excludes": ["*.tmp", "cache"],
                              "watch": {"delay": "1s"}}]}""".formatted(docs));
        try (NodeProcesses ps = new NodeProcesses(tmp, repo)) {
            // 4 MiB packs: at 16 MiB, a 256 MiB node ran out of heap in about half the runs once
            // prune and ~10 jobs had passed (see the commit "Fix a daemon node running out of heap")
            Path settings = tmp.resolve("node.conf");
            Files.writeString(settings, "pack-size = 4\n");
            List<NodeProcesses.NodeProc> nodes = ps.startCluster(2, 2, List.of("--daemon-config", conf.toString(),
                    "--config", settings.toString()));
            NodeProcesses.NodeProc n1 = nodes.get(0);
            try {
                // watching starts with one backup: the excludes apply on every node's listing
                String first = await("first snapshot of docs", () -> DaemonIT.latest(repo, docs.toString()));
                assertExcluded(repo, first, docs, List.of("keep.txt", "sub/keep2.txt"),
                        List.of("a.tmp", "sub/b.tmp", "sub/cache"));

                // idle nodes hold no lock: restic check (exclusive) passes while they run
                ps.awaitLocks(0, BOUND);
                new Restic(repo).ok("check");
                assertTrue(nodes.stream().allMatch(n -> n.process().isAlive()), ps.logs());
                Files.writeString(docs.resolve("keep.txt"), "changed after the check\n");
                Files.writeString(docs.resolve("sub/new.tmp"), "new scratch\n");
                String second = await("snapshot after the check", () -> {
                    String id = DaemonIT.latest(repo, docs.toString());
                    return id != null && !id.equals(first) ? id : null;
                });
                assertExcluded(repo, second, docs, List.of("keep.txt"), List.of("sub/new.tmp", "a.tmp"));

                apiAndCliExcludes(ps, n1, repo, docs);

                // a schedule every 3 s keeping 1 snapshot, and prune between its runs
                String pushed = """
                        {"sources": [
                          {"name": "docs", "paths": ["%s"], "excludes": ["*.tmp", "cache"], "watch": {"delay": "1s"}},
                          {"name": "rot", "paths": ["%s"], "schedule": "*/3 * * * * *", "retention": {"keep-last": 1}}],
                         "prune": {"schedule": "2/3 * * * * *"}}""".formatted(docs, rot);
                HttpResponse<String> put = send(n1, "PUT", "/api/config", pushed);
                assertEquals(200, put.statusCode(), put.body());
                String rotFirst = await("first scheduled snapshot of rot", () -> DaemonIT.latest(repo, rot.toString()));
                long withOne = dataBytes(repo);
                Files.write(rot.resolve("big.bin"), random(1_000_000, 2)); // the first one's data is now unique to it
                await("a later rot snapshot, retention to 1 and prune reclaiming the first one's data", () -> {
                    List<JsonNode> snaps = DaemonIT.snapshots(repo, rot.toString());
                    return snaps.size() == 1 && !snaps.get(0).get("id").asText().equals(rotFirst)
                            && dataBytes(repo) < withOne + 300_000 ? snaps : null;
                });
                JsonNode status = BackupIT.JSON.readTree(ps.get(n1, "/api/schedule").body());
                assertTrue(status.get("events").toString().contains("prune: removed"), status.toString());
                assertTrue(status.get("events").toString().contains("retention of rot: removed"), status.toString());
            } catch (AssertionError | Exception e) {
                throw new AssertionError(e.getMessage() + ps.logs(), e);
            }
        }
        new Restic(repo).ok("check", "--read-data");
    }

    /** A bad pattern is refused naming the field; good ones leave files out of API and CLI jobs. */
    private void apiAndCliExcludes(NodeProcesses ps, NodeProcesses.NodeProc n, Path repo, Path docs)
            throws Exception {
        HttpResponse<String> bad = ps.post(n, "/api/backups", "{\"paths\": [\"" + docs + "\"], \"excludes\": [\"[\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(bad.body().contains("excludes"), bad.body());
        Cli.Result r = Cli.run(NodeProcesses.clientEnv(), "backup", "--server", n.api(), "--json", "--exclude",
                "keep2.txt", "--tag", "cli", docs.toString());
        assertEquals(0, r.exit(), () -> r.out() + r.err());
        String[] lines = r.out().strip().split("\n");
        String id = BackupIT.JSON.readTree(lines[lines.length - 1]).get("snapshot_id").asText();
        assertExcluded(repo, id, docs, List.of("keep.txt", "sub/b.tmp"), List.of("sub/keep2.txt"));
    }

    private static void assertExcluded(Path repo, String snapshot, Path root, List<String> present,
            List<String> absent) {
        List<String> ls = Stream.of(new Restic(repo).ok("ls", "--no-lock", snapshot).split("\n")).map(String::strip)
                .toList();
        for (String p : present) {
            assertTrue(ls.contains(root.resolve(p).toString()), p + " missing from " + ls);
        }
        for (String p : absent) {
            assertFalse(ls.stream().anyMatch(l -> l.startsWith(root.resolve(p).toString())), p + " not excluded: " + ls);
        }
    }

    /** The bytes of the repository's pack files: only prune makes them shrink. */
    private static long dataBytes(Path repo) throws Exception {
        try (Stream<Path> files = Files.walk(repo.resolve("data"))) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private HttpResponse<String> send(NodeProcesses.NodeProc n, String method, String path, String body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(n.api() + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + NodeProcesses.TOKEN)
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static <T> T await(String what, Callable<T> probe) throws Exception {
        return DaemonIT.await(what, BOUND, probe);
    }

    private static byte[] random(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }
}
