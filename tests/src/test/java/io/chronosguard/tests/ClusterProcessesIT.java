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
 * tasks. Killing the node hosting the coordinator: the job fails cleanly (no snapshot),
 * restic still checks the repository, and a rerun completes.
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

    @Test
    void backup_coordinatorNodeKilled_jobFailsCleanlyAndRerunCompletes() throws Exception {
        Path src = source();
        Path repo = NodeProcesses.initRepository(tmp);
        try (NodeProcesses ps = new NodeProcesses(tmp, repo)) {
            List<NodeProcesses.NodeProc> nodes = ps.startCluster(3, 2);
            NodeProcesses.NodeProc n1 = nodes.get(0); // the oldest member: it hosts the coordinator
            NodeProcesses.NodeProc n2 = nodes.get(1);

            String body = BackupIT.JSON.createObjectNode().set("paths",
                    BackupIT.JSON.createArrayNode().add(src.toString())).toString();
            var submitted = ps.post(n2, "/api/backups", body);
            assertEquals(202, submitted.statusCode(), submitted.body());
            String id = BackupIT.JSON.readTree(submitted.body()).get("id").asText();
            awaitNodes(ps, n2, n -> n.path("tasks_done").asLong() > 0, Duration.ofSeconds(90));
            n1.process().destroyForcibly(); // SIGKILL the coordinator's node

            JsonNode end = awaitJobEnd(ps, n2, id, Duration.ofMinutes(2));
            Restic restic = new Restic(repo);
            if ("failed".equals(end.path("state").asText())) {
                assertTrue(end.path("error").asText().contains("lost"), end.toString());
                restic.ok("unlock");
                assertEquals("[]", restic.ok("snapshots", "--json").strip(), "a failed job must leave no snapshot");
                restic.ok("--no-lock", "check"); // the surviving nodes hold their (non-exclusive) locks
            } else {
                assertEquals("succeeded", end.path("state").asText(), end.toString());
            }

            Cli.Result rerun = Cli.run(NodeProcesses.clientEnv(), "backup", "--server", n2.api(), "--json",
                    src.toString());
            assertEquals(0, rerun.exit(), () -> rerun.out() + rerun.err() + ps.logs());
            JsonNode s = lastLine(rerun);
            assertLostRunNotLeftRunning(end, s.path("snapshot_id").asText());
            var history = ps.get(n2, "/api/history?source=chronosguard");
            assertEquals(200, history.statusCode(), history.body());
            JsonNode runs = BackupIT.JSON.readTree(history.body());
            assertEquals(2, runs.size(), history.body());
            assertEquals(s.path("snapshot_id").asText(), runs.get(0).path("snapshotId").asText(), history.body());
            ps.close();
            checkAndRestore(repo, s.path("snapshot_id").asText(), src, "restore-after-coordinator-killed");
        }
    }

    /**
     * The nodes share one SQLite catalog (one state dir): the rerun is recorded as a success,
     * and the job whose coordinator was killed is not left {@code running}: the next
     * coordinator ended it as {@code unknown} (or it had succeeded).
     */
    void assertLostRunNotLeftRunning(JsonNode lostJob, String rerunSnapshot) throws Exception {
        try (Catalog c = Catalog.open(Catalog.defaultUrl(tmp.resolve("state")))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            List<RunRecord> runs = c.history(HistoryQuery.all());
            while (runs.isEmpty() || !rerunSnapshot.equals(runs.get(0).snapshotId())) {
                assertTrue(System.nanoTime() < deadline, "the rerun was not recorded: " + runs);
                Thread.sleep(100);
                runs = c.history(HistoryQuery.all());
            }
            assertEquals(2, runs.size(), runs.toString());
            assertEquals("success", runs.get(0).outcome());
            RunRecord lost = runs.get(1);
            if ("failed".equals(lostJob.path("state").asText())) {
                assertEquals("unknown", lost.outcome(), lost.toString());
                assertTrue(lost.errors().get(0).reason().contains("stopped before the job ended"), lost.toString());
            } else {
                assertEquals("success", lost.outcome(), lost.toString());
            }
        }
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
