package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster --nodes N PATH} backs up across N node processes it launches and stops;
 * {@code node} with a port in use or a seed nobody answers says so and exits non-zero.
 */
class ClusterCommandIT {
    @TempDir
    Path tmp;

    @Test
    void cluster_twoNodesWithPath_backsUpAcrossThemAndStops() throws Exception {
        Path src = tmp.resolve("src");
        SourceTree.create(src, 11);
        ClusterInJvmIT.manyDirectories(src.resolve("many"), 12, 4, 100_000);
        Path repo = NodeProcesses.initRepository(tmp);
        int http = NodeProcesses.freePort();
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "cluster", "--nodes", "2", "--workers", "1", "--http",
                "127.0.0.1:" + http, "--json", src.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        String[] lines = r.out().strip().split("\n");
        JsonNode s = BackupIT.JSON.readTree(lines[lines.length - 1]);
        assertEquals("summary", s.path("message_type").asText(), r.out());
        assertTrue(s.path("nodes").asInt() >= 1, s.toString());
        assertEquals(0, s.path("reassigned_tasks").asInt(), s.toString());
        assertTrue(r.err().contains("API at http://127.0.0.1:" + http), r.err());
        // the nodes left and dropped their locks: restic may lock exclusively
        new Restic(repo).ok("check", "--read-data");
        Path target = tmp.resolve("restore");
        new Restic(repo).ok("restore", s.path("snapshot_id").asText(), "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }

    @Test
    void node_clusterPortInUse_saysWhichAndExitsNonZero() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String addr = "127.0.0.1:" + taken.getLocalPort();
            Cli.Result r = Cli.withPassword("-r", tmp.toString(), "node", "--bind", addr, "--seed", addr);
            assertEquals(1, r.exit(), r.err());
            assertTrue(r.err().startsWith("chronosguard: cannot use " + addr + " as the cluster address"), r.err());
            assertEquals(1, r.err().strip().split("\n").length, "one line, no stack trace: " + r.err());
        }
    }

    @Test
    void node_seedNobodyAnswers_saysSoAndExitsNonZero() throws Exception {
        Path repo = NodeProcesses.initRepository(tmp);
        String seed = "127.0.0.1:" + NodeProcesses.freePort();
        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD), "-r", repo.toString(), "node",
                "--bind", "127.0.0.1:" + NodeProcesses.freePort(), "--seed", seed, "--join-timeout", "3");
        assertEquals(1, r.exit(), r.err());
        assertTrue(r.err().contains("chronosguard: could not join the cluster through seed " + seed), r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }
}
