package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.RunRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code node} processes form a cluster; {@code backup --server} runs a job on it
 * while a node dies by SIGKILL. Killing a worker node: the job completes with reassigned
 * tasks. Killing the node hosting the coordinator: the job resumes on the next coordinator
 * from its checkpoint and completes with one snapshot.
 */
class ClusterProcessesIT {
    @TempDir
    Path tmp;

    Path source() throws Exception {
        Path src = tmp.resolve("src");
        SourceTree.create(src, 5);
        ClusterInJvmIT.manyDirectories(src.resolve("many"), 40, 6, 400_000);
        return src;
    }

    static JsonNode lastLine(Cli.Result r) throws Exception {
        String[] lines = r.out().strip().split("\n");
        return BackupIT.JSON.readTree(lines[lines.length - 1]);
    }

    /** Waits until {@code node} reports at least one busy worker through {@code via}'s /api/nodes. */
    static void awaitBusy(NodeProcesses ps, NodeProcesses.NodeProc via, int port, Duration max) throws Exception {
        awaitNodes(ps, via, n -> n.path("capabilities").path("node").asText().endsWith(":" + port)
                && n.path("busy_workers").asInt() > 0, max);
    }

    static void awaitNodes(NodeProcesses ps, NodeProcesses.NodeProc via, Predicate<JsonNode> any, Duration max)
            throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            last = ps.get(via, "/api/nodes").body();
            for (JsonNode n : BackupIT.JSON.readTree(last).path("nodes")) {
                if (any.test(n)) {
                    return;
                }
            }
            Thread.sleep(30);
        }
        throw new AssertionError("no node matched within " + max + ": " + last);
    }

    void checkAndRestore(Path repo, String snapshot, Path src, String name) throws Exception {
        Restic restic = new Restic(repo);
        restic.ok("unlock"); // removes the lock the SIGKILLed node left (its process is gone, so restic sees it stale)
        restic.ok("check", "--read-data");
        Path target = tmp.resolve(name);
        restic.ok("restore", snapshot, "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }

    @Test
    void backupServer_workerNodeKilled_jobCompletesWithReassignedTasks() throws Exception {
        Path src = source();
        Path repo = NodeProcesses.initRepository(tmp);
        try (NodeProcesses ps = new NodeProcesses(tmp, repo)) {
            List<NodeProcesses.NodeProc> nodes = ps.startCluster(3, 2);
            NodeProcesses.NodeProc n1 = nodes.get(0);
            NodeProcesses.NodeProc n3 = nodes.get(2);
            assertApiGuardsAndErrors(ps, n1);

            CompletableFuture<Cli.Result> job = CompletableFuture.supplyAsync(() -> Cli.run(NodeProcesses.clientEnv(),
                    "backup", "--server", n1.api(), "--json", src.toString()));
            awaitBusy(ps, n1, n3.port(), Duration.ofSeconds(90));
            n3.process().destroyForcibly(); // SIGKILL
            Cli.Result r = job.get(3, TimeUnit.MINUTES);
            assertEquals(0, r.exit(), () -> r.out() + r.err() + ps.logs());
            JsonNode s = lastLine(r);
            assertEquals("summary", s.path("message_type").asText(), r.out());
            assertTrue(s.path("reassigned_tasks").asInt() >= 1, s.toString());
            assertTrue(s.path("nodes").asInt() >= 2, s.toString());
            assertTrue(s.path("files").asLong() > 250, s.toString());
            assertTrue(s.path("data_added").asLong() > 90_000_000, s.toString());
            assertTrue(s.has("duration_s") && s.has("bytes") && s.has("snapshot_id"), s.toString());
            ps.close();
            checkAndRestore(repo, s.path("snapshot_id").asText(), src, "restore-worker-killed");
        }
    }

    /**
     * The coordinator's node is SIGKILLed mid-job: the singleton moves to the next node, which
     * finds the run in the shared catalog, replays its checkpoint and runs only the directories
     * not finished yet. The job (same id) succeeds with one snapshot; afterwards the surviving,
     * idle nodes hold no lock, so restic's exclusive check runs while they stay up.
     */
    @Test
    void backup_coordinatorNodeKilled_jobResumesOnNewCoordinatorWithoutRedoingFinishedTasks() throws Exception {
        Path src = tmp.resolve("src");
        SourceTree.create(src, 3);
        ClusterInJvmIT.manyDirectories(src.resolve("many"), 24, 4, 300_000);
        long dirs;
        try (var walk = Files.walk(src)) {
            dirs = walk.filter(Files::isDirectory).count();
        }
        Path repo = NodeProcesses.initRepository(tmp);
        try (NodeProcesses ps = new NodeProcesses(tmp, repo)) {
            List<NodeProcesses.NodeProc> nodes = ps.startCluster(3, 2, List.of("--config",
                    ps.slowConfig().toString()));
            NodeProcesses.NodeProc n1 = nodes.get(0); // the oldest member: it hosts the coordinator
            NodeProcesses.NodeProc n2 = nodes.get(1);
            String body = BackupIT.JSON.createObjectNode().set("paths",
                    BackupIT.JSON.createArrayNode().add(src.toString())).toString();
            var submitted = ps.post(n2, "/api/backups", body);
            assertEquals(202, submitted.statusCode(), submitted.body());
            String id = BackupIT.JSON.readTree(submitted.body()).get("id").asText();
            Path db = tmp.resolve("state").resolve("catalog.db");
            awaitCheckpointRows(db, 4, Duration.ofSeconds(90));
            JsonNode before = BackupIT.JSON.readTree(ps.get(n2, "/api/backups/" + id).body());
            assertEquals("running", before.path("state").asText(), "the kill must land mid-job: " + before);
            n1.process().destroyForcibly(); // SIGKILL the coordinator's node

            JsonNode end = awaitJobEnd(ps, n2, id, Duration.ofMinutes(3));
            assertEquals("succeeded", end.path("state").asText(), () -> end + ps.logs());
            assertTrue(end.path("resumed").asText().startsWith("resuming run "), end.toString());
            String snapshot = end.path("summary").path("snapshot_id").asText();
            try (Catalog c = Catalog.open(Catalog.defaultUrl(tmp.resolve("state")))) {
                RunRecord run = awaitOutcome(c, "success");
                assertEquals(snapshot, run.snapshotId());
                assertEquals(1, c.history(HistoryQuery.all()).size(), "one run, resumed: not a second one");
                Long[] counts = c.taskCounts(run.id());
                long reused = counts[0];
                long ranAfter = counts[1];
                assertTrue(reused > 0, "finished tasks are reused: " + reused);
                assertTrue(ranAfter < dirs, "fewer tasks run after the failover (" + ranAfter + ") than there are"
                        + " directories (" + dirs + ")");
                assertTrue(reused + ranAfter >= dirs, reused + " + " + ranAfter + " cover every directory");
                assertEquals(reused, end.path("tasks_reused").asLong());
            }
            try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
                assertEquals(0, count(conn), "the checkpoint is deleted when the job ends");
            }
            Restic restic = new Restic(repo);
            assertEquals(1, BackupIT.JSON.readTree(restic.ok("snapshots", "--json")).size(), "one snapshot");

            // idle nodes hold no lock: only the killed node's is left, and restic unlock removes it
            ps.awaitLocks(1, Duration.ofSeconds(30));
            restic.ok("unlock");
            assertEquals(List.of(), ps.locks(), "the live, idle nodes hold no lock file");
            restic.ok("check", "--read-data"); // exclusive in restic 0.14, while n2 and n3 run
            assertTrue(nodes.get(1).process().isAlive() && nodes.get(2).process().isAlive(), ps.logs());
            Path target = tmp.resolve("restore-after-failover");
            restic.ok("restore", snapshot, "--target", target.toString());
            TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        }
    }

    static long count(java.sql.Connection conn) throws java.sql.SQLException {
        try (var st = conn.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM job_checkpoint")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Waits until the shared catalog's checkpoint holds at least {@code rows} finished tasks. */
    static void awaitCheckpointRows(Path db, long rows, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        long seen = 0;
        while (System.nanoTime() < deadline) {
            if (Files.exists(db)) {
                try (var conn = java.sql.DriverManager.getConnection("jdbc:sqlite:" + db)) {
                    seen = count(conn);
                } catch (java.sql.SQLException notYet) {
                    seen = 0; // the schema is still being created
                }
                if (seen >= rows) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the checkpoint reached " + seen + " of " + rows + " rows within " + max);
    }

    /** The newest run once it has {@code outcome} (the recorder writes on its own thread). */
    static RunRecord awaitOutcome(Catalog c, String outcome) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<RunRecord> runs = c.history(HistoryQuery.all());
        while (runs.isEmpty() || !outcome.equals(runs.get(0).outcome())) {
            assertTrue(System.nanoTime() < deadline, "no run ended " + outcome + ": " + runs);
            Thread.sleep(100);
            runs = c.history(HistoryQuery.all());
        }
        return runs.get(0);
    }

    /** Health is open; everything else needs the token; errors are JSON with error and detail. */
    static void assertApiGuardsAndErrors(NodeProcesses ps, NodeProcesses.NodeProc n) throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        var health = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(n.api() + "/api/health")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        for (String token : new String[] {null, "Bearer wrong-token"}) {
            var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(n.api() + "/agent-card"));
            if (token != null) {
                b.header("Authorization", token);
            }
            var r = c.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(401, r.statusCode(), r.body());
            assertTrue(BackupIT.JSON.readTree(r.body()).has("detail"), r.body());
            assertTrue(!ps.logs().contains(NodeProcesses.TOKEN), "the token must never be logged");
        }
        JsonNode card = BackupIT.JSON.readTree(ps.get(n, "/agent-card").body());
        assertTrue(card.get("flags").toString().contains("backup.parallel"), card.toString());
        assertEquals("/", card.get("source_roots").get(0).asText(), card.toString());
        // every member is up, but a monitor's first report may still be on its way
        long listDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        JsonNode nodesList;
        do {
            nodesList = BackupIT.JSON.readTree(ps.get(n, "/api/nodes").body()).get("nodes");
        } while (nodesList.size() < 3 && System.nanoTime() < listDeadline && sleep(50));
        assertEquals(3, nodesList.size(), nodesList.toString());
        var bad = ps.post(n, "/api/backups", "{\"paths\": [\"relative/path\"]}");
        assertEquals(400, bad.statusCode(), bad.body());
        assertTrue(BackupIT.JSON.readTree(bad.body()).get("detail").asText().contains("relative/path"), bad.body());
        var notJson = ps.post(n, "/api/backups", "not json");
        assertEquals(400, notJson.statusCode(), notJson.body());
        var missing = ps.get(n, "/api/backups/no-such-job");
        assertEquals(404, missing.statusCode(), missing.body());
        assertEquals("Not Found", BackupIT.JSON.readTree(missing.body()).get("error").asText());
        // the picker lists another node's folders: that node's monitor answers
        String self = BackupIT.JSON.readTree(ps.get(n, "/api/health").body()).get("node").asText();
        String other = null;
        for (JsonNode node : nodesList) {
            if (!node.path("capabilities").path("node").asText().equals(self)) {
                other = node.path("capabilities").path("node").asText();
            }
        }
        String otherName = other.substring(other.indexOf('@') + 1);
        var browsed = ps.get(n, "/api/browse?node=" + otherName + "&path=/usr");
        assertEquals(200, browsed.statusCode(), browsed.body());
        JsonNode listing = BackupIT.JSON.readTree(browsed.body());
        assertEquals(other, listing.path("node").asText(), listing.toString());
        assertTrue(listing.path("directories").toString().contains("\"/usr/bin\""), listing.toString());
        var noFolder = ps.get(n, "/api/browse?node=" + otherName + "&path=/no/such/folder");
        assertEquals(404, noFolder.statusCode(), noFolder.body());
        assertTrue(noFolder.body().contains(other), noFolder.body());
        var noNode = ps.get(n, "/api/browse?node=127.0.0.1:1&path=/");
        assertEquals(404, noNode.statusCode(), noNode.body());
        assertTrue(noNode.body().contains("unknown node"), noNode.body());
    }

    static JsonNode awaitJobEnd(NodeProcesses ps, NodeProcesses.NodeProc via, String id, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            var r = ps.get(via, "/api/backups/" + id);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                JsonNode v = BackupIT.JSON.readTree(r.body());
                if (!"running".equals(v.path("state").asText())) {
                    return v;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("job " + id + " did not end: " + last + "\n" + Files.readString(via.log()));
    }

    private static boolean sleep(long ms) throws InterruptedException {
        Thread.sleep(ms);
        return true;
    }
}
