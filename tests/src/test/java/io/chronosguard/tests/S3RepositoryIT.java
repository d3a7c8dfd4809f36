package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.Backends;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories in an S3 bucket (s3proxy on 127.0.0.1): what we write there restic 0.14
 * checks and restores byte-exact through the same URL, what restic writes there we read, two
 * node processes share the bucket for one {@code backup --server}, and a refused credential or
 * a dead endpoint ends the command with one line naming the location.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3RepositoryIT {
    @TempDir
    static Path tmp;
    private S3Server server;
    private Path src;

    @BeforeAll
    void startServerAndMakeSource() throws Exception {
        server = S3Server.start();
        src = smallTree(tmp.resolve("src"));
    }

    @AfterAll
    void stopServer() throws Exception {
        server.close();
    }

    /** A file of several chunks (3 MiB of random bytes), an empty file, a symlink, a subfolder. */
    static Path smallTree(Path root) throws IOException {
        Files.createDirectories(root.resolve("sub"));
        SourceTree.randomFile(root.resolve("big.bin"), 3L << 20, new Random(7));
        Files.createFile(root.resolve("empty.txt"));
        Files.createSymbolicLink(root.resolve("link-to-big"), Path.of("big.bin"));
        Files.writeString(root.resolve("sub/note.txt"), "a note\n");
        SourceTree.setTimes(root);
        return root;
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>(server.credentials());
        env.put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        return env;
    }

    private Cli.Result ok(String url, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("-r", url));
        all.addAll(List.of(args));
        Cli.Result r = Cli.run(env(), all.toArray(String[]::new));
        assertEquals(0, r.exit(), () -> String.join(" ", args) + " failed:\n" + r.out() + r.err());
        return r;
    }

    private Restic restic(String url) {
        return new Restic(url, Restic.PASSWORD, server.credentials());
    }

    private Path restored(Path target) {
        return target.resolve(src.toString().substring(1));
    }

    @Test
    void ourRepository_initBackupRestoreCheckForgetPrune_resticChecksAndRestoresIt() throws Exception {
        String url = server.url("fresh-bucket", "ours"); // no such bucket yet: init creates it
        Cli.Result init = ok(url, "init");
        assertTrue(init.out().contains("at " + url), init.out());
        String first = BackupIT.summary(ok(url, "backup", "--json", src.toString())).get("snapshot_id").asText();

        Path ours = tmp.resolve("ours-restore");
        ok(url, "restore", first, "--target", ours.toString());
        TreeAssert.assertSameTree(src, restored(ours));
        ok(url, "check", "--read-data");

        Path changed = Files.copy(src.resolve("sub/note.txt"), tmp.resolve("note.bak"));
        try {
            Files.writeString(src.resolve("sub/note.txt"), "a second note\n");
            String second = BackupIT.summary(ok(url, "backup", "--json", src.toString())).get("snapshot_id").asText();
            ok(url, "forget", "--keep-last", "1", "--prune");
            JsonNode snaps = BackupIT.JSON.readTree(ok(url, "snapshots", "--json").out());
            assertEquals(1, snaps.size(), snaps.toString());
            assertEquals(second, snaps.get(0).get("id").asText());

            restic(url).ok("check", "--read-data");
            Path theirs = tmp.resolve("restic-restore");
            restic(url).ok("restore", second, "--target", theirs.toString());
            TreeAssert.assertSameTree(src, restored(theirs));
        } finally {
            Files.copy(changed, src.resolve("sub/note.txt"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            SourceTree.setTimes(src);
        }
    }

    @Test
    void resticRepository_weListRestoreAndCheckIt() throws Exception {
        String url = server.url("restic-bucket", "theirs/repo");
        restic(url).ok("init");
        restic(url).ok("backup", src.toString());
        JsonNode snaps = BackupIT.JSON.readTree(ok(url, "snapshots", "--json").out());
        assertEquals(1, snaps.size(), snaps.toString());
        Path target = tmp.resolve("from-restic");
        ok(url, "restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, restored(target));
        ok(url, "check", "--read-data");
    }

    @Test
    void wrongSecret_oneLineNamingTheLocationAndNonZeroExit() {
        String url = server.url("restic-bucket", "denied"); // the server refuses before looking for it
        Map<String, String> env = env();
        env.put("AWS_SECRET_ACCESS_KEY", "not-the-secret-0123456789");
        Cli.Result r = Cli.run(env, "-r", url, "snapshots");
        assertNotEquals(0, r.exit(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, "one line, no stack trace: " + r.err());
        assertTrue(r.err().contains(url) && r.err().contains("access denied"), r.err());
        assertFalse(r.err().contains("not-the-secret"), "the secret never shows: " + r.err());
    }

    @Test
    void prefixWithoutRepository_isNoRepositoryExit10() throws IOException {
        String url = server.url("empty-bucket", "nothing-here");
        try (Backend b = Backends.open(url, server.credentials())) {
            b.createLayout(); // the bucket exists, the prefix is empty
        }
        Cli.Result r = Cli.run(env(), "-r", url, "snapshots");
        assertEquals(10, r.exit(), r.err());
        assertTrue(r.err().contains("no repository at " + url), r.err());
    }

    @Test
    void unreachableEndpoint_oneLineNamingTheLocationWithinSeconds() throws IOException {
        String url = "s3:http://127.0.0.1:" + NodeProcesses.freePort() + "/bucket";
        long start = System.nanoTime();
        Cli.Result r = Cli.run(env(), "-r", url, "snapshots");
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertNotEquals(0, r.exit(), r.err());
        assertEquals(1, r.err().strip().split("\n").length, "one line, no stack trace: " + r.err());
        assertTrue(r.err().contains(url) && r.err().contains("cannot connect"), r.err());
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void nodesAndBackupServer_twoNodeProcessesBackUpIntoTheBucket_resticChecksAndRestores() throws Exception {
        String url = server.url("cluster-bucket", "");
        restic(url).ok("init");
        Map<String, String> nodeEnv = server.credentials(); // the nodes' only way to the bucket
        try (NodeProcesses ps = new NodeProcesses(tmp.resolve("nodes"), url, nodeEnv)) {
            Files.createDirectories(tmp.resolve("nodes"));
            NodeProcesses.NodeProc first = ps.startCluster(2, 1).get(0);
            Cli.Result r = Cli.run(NodeProcesses.clientEnv(), "backup", "--server", first.api(), "--json",
                    src.toString());
            assertEquals(0, r.exit(), () -> r.out() + r.err() + ps.logs());
            String[] lines = r.out().strip().split("\n");
            JsonNode s = BackupIT.JSON.readTree(lines[lines.length - 1]);
            assertEquals("summary", s.path("message_type").asText(), r.out());
            ps.close(); // the nodes leave and drop their locks: restic's check locks exclusively
            restic(url).ok("check", "--read-data");
            Path target = tmp.resolve("cluster-restore");
            restic(url).ok("restore", s.path("snapshot_id").asText(), "--target", target.toString());
            TreeAssert.assertSameTree(src, restored(target));
        }
    }
}
