package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A one-node cluster (a real {@code node} process) is SIGKILLed mid-job and started again on
 * the same state dir: the new coordinator finds the interrupted run and its checkpoint, and the
 * rerun of the same backup follows the resumed job, which runs only what was not stored.
 * Before that, a job submitted while another process holds an exclusive lock is refused (409).
 */
class NodeRestartResumeIT {
    @TempDir
    Path tmp;

    @Test
    void backupServer_oneNodeKilledAndRestarted_rerunResumesFromCheckpoint() throws Exception {
        Path src = tmp.resolve("src");
        SourceTree.create(src, 3);
        ClusterInJvmIT.manyDirectories(src.resolve("many"), 16, 4, 300_000);
        long dirs;
        try (var walk = Files.walk(src)) {
            dirs = walk.filter(Files::isDirectory).count();
        }
        Path repo = NodeProcesses.initRepository(tmp);
        Path db = tmp.resolve("state").resolve("catalog.db");
        try (NodeProcesses ps = new NodeProcesses(tmp, repo)) {
            List<String> slow = List.of("--config", ps.slowConfig().toString());
            int port = NodeProcesses.freePort();
            NodeProcesses.NodeProc node = ps.start(port, port, 2, slow);
            ps.awaitMembers(node, 1, Duration.ofSeconds(90));
            assertEquals(List.of(), ps.locks(), "an idle node holds no lock");
            String body = BackupIT.JSON.createObjectNode().set("paths",
                    BackupIT.JSON.createArrayNode().add(src.toString())).toString();

            // restic check / prune hold an exclusive lock: a job is refused at once, nothing is started
            try (Repository r = Repository.open(new LocalBackend(repo), Restic.PASSWORD.toCharArray());
                    Locker.RepoLock exclusive = new Locker(r, Clock.systemUTC(), Host.current()).lock(true)) {
                var refused = ps.post(node, "/api/backups", body);
                assertEquals(409, refused.statusCode(), refused.body());
                assertTrue(refused.body().contains("locked exclusively"), refused.body());
            }
            assertEquals(List.of(), ps.locks());

            var submitted = ps.post(node, "/api/backups", body);
            assertEquals(202, submitted.statusCode(), submitted.body());
            String id = BackupIT.JSON.readTree(submitted.body()).get("id").asText();
            ClusterProcessesIT.awaitCheckpointRows(db, 4, Duration.ofSeconds(90));
            JsonNode before = BackupIT.JSON.readTree(ps.get(node, "/api/backups/" + id).body());
            assertEquals("running", before.path("state").asText(), "the kill must land mid-job: " + before);
            node.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);

            NodeProcesses.NodeProc again = ps.start(port, port, 2, slow);
            ps.awaitMembers(again, 1, Duration.ofSeconds(90));
            Cli.Result rerun = Cli.run(NodeProcesses.clientEnv(), "backup", "--server", again.api(), "--json",
                    src.toString());
            assertEquals(0, rerun.exit(), () -> rerun.out() + rerun.err() + ps.logs());
            assertTrue(rerun.err().contains("resuming run "), rerun.err());
            assertTrue(rerun.err().contains("directories already stored"), rerun.err());
            JsonNode s = ClusterProcessesIT.lastLine(rerun);
            assertTrue(s.path("reused_tasks").asLong() > 0, s.toString());
            String snapshot = s.path("snapshot_id").asText();

            try (Catalog c = Catalog.open(Catalog.defaultUrl(tmp.resolve("state")))) {
                RunRecord run = ClusterProcessesIT.awaitOutcome(c, "success");
                assertEquals(1, c.history(HistoryQuery.all()).size(), "the interrupted run resumed, no new one");
                assertEquals(snapshot, run.snapshotId());
                Long[] counts = c.taskCounts(run.id());
                assertEquals(s.path("reused_tasks").asLong(), counts[0]);
                assertTrue(counts[1] < dirs, "fewer tasks run after the restart (" + counts[1] + ") than there are"
                        + " directories (" + dirs + ")");
                assertTrue(counts[0] + counts[1] >= dirs, counts[0] + " + " + counts[1] + " cover every directory");
            }
            Restic restic = new Restic(repo);
            assertEquals(1, BackupIT.JSON.readTree(restic.ok("snapshots", "--json")).size(), "one snapshot");
            ps.awaitLocks(1, Duration.ofSeconds(30)); // the killed process's; the live node released its own
            restic.ok("unlock");
            assertEquals(List.of(), ps.locks());
            restic.ok("check", "--read-data");
            assertTrue(again.process().isAlive(), ps.logs());
            Path target = tmp.resolve("restore");
            restic.ok("restore", snapshot, "--target", target.toString());
            TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        }
    }
}
