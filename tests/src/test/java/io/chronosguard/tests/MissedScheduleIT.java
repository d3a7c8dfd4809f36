package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A schedule that came due while the (only) node was down runs once when it starts again,
 * and is reported as missed: the scheduler's events say so and the snapshot carries the
 * {@code missed-schedule} tag.
 */
class MissedScheduleIT {
    @TempDir
    Path tmp;

    @Test
    void node_restartedAfterAFireTime_runsTheMissedScheduleOnce() throws Exception {
        Path repo = NodeProcesses.initRepository(tmp);
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("f.txt"), "scheduled data\n");
        Path conf = tmp.resolve("daemon.conf");
        // every 2 s: any restart (a JVM start and a cluster join) takes longer, so one fire time is always missed
        Files.writeString(conf, "sources = [{ name = nightly, paths = [\"" + src + "\"], schedule = \"*/2 * * * * *\" }]\n");
        try (NodeProcesses ps = new NodeProcesses(tmp, repo)) {
            int port = NodeProcesses.freePort();
            NodeProcesses.NodeProc first = ps.start(port, port, 1, List.of("--daemon-config", conf.toString()));
            ps.awaitMembers(first, 1, Duration.ofSeconds(90));
            awaitEvent(ps, first, "configuration version 1");
            first.process().destroy();
            assertTrue(first.process().waitFor(30, TimeUnit.SECONDS), "the node did not stop");

            int port2 = NodeProcesses.freePort();
            NodeProcesses.NodeProc second = ps.start(port2, port2, 1, List.of("--daemon-config", conf.toString()));
            ps.awaitMembers(second, 1, Duration.ofSeconds(90));
            awaitEvent(ps, second, "missed schedule: source nightly was due at");
            awaitEvent(ps, second, "source nightly: missed-schedule backup started");
            long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!taggedSnapshot(repo)) {
                assertTrue(System.nanoTime() < end, "no snapshot tagged missed-schedule within 30 s" + ps.logs());
                Thread.sleep(250);
            }
        }
        new Restic(repo).ok("check");
    }

    private static boolean taggedSnapshot(Path repo) throws Exception {
        for (JsonNode s : BackupIT.JSON.readTree(new Restic(repo).ok("snapshots", "--json", "--no-lock"))) {
            if (s.has("tags") && s.get("tags").toString().contains("missed-schedule")) {
                return true;
            }
        }
        return false;
    }

    private static void awaitEvent(NodeProcesses ps, NodeProcesses.NodeProc n, String text) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String last = "";
        while (System.nanoTime() < end) {
            HttpResponse<String> r = ps.get(n, "/api/schedule");
            last = r.body();
            if (r.statusCode() == 200 && last.contains(text)) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no event \"" + text + "\" within 30 s: " + last + ps.logs());
    }
}
