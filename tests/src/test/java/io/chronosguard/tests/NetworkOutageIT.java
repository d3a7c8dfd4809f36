package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real REST server ({@code rclone serve restic}) killed with SIGKILL while a CLI backup, a
 * process of its own, is uploading packs. Brought back on the same port and folder within the
 * retry window, the backup completes after retry warnings and restic 0.14 checks the
 * repository with {@code --read-data} and restores it byte-exact; kept away past a short
 * window ({@code --retries 2}), the backup fails with one line and a non-zero exit, restic
 * still accepts the repository, and the next backup succeeds.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetworkOutageIT {
    /** How long the server stays dead in the comes-back case: well inside the default window (~2 min). */
    private static final long DOWN_MS = 3000;

    @TempDir
    static Path tmp;
    Path src;
    Path conf;

    @BeforeAll
    void source() throws IOException {
        src = tmp.resolve("src");
        Random rnd = new Random(11);
        Files.createDirectories(src.resolve("sub"));
        for (int i = 0; i < 5; i++) {
            SourceTree.randomFile(src.resolve("sub/file-" + i + ".bin"), 4L << 20, rnd);
        }
        Files.writeString(src.resolve("small.txt"), "small\n");
        SourceTree.setTimes(src);
        // 4 MiB packs: five of them, so the kill lands between the first stored one and the end
        conf = tmp.resolve("small-packs.conf");
        Files.writeString(conf, "pack-size = 4\n");
    }

    @Test
    void backup_restServerKilledAndBackWithinRetryWindow_completesAndResticRestoresByteExact() throws Exception {
        Path served = tmp.resolve("served-back");
        int port = NodeProcesses.freePort();
        RcloneRestServer server = RcloneRestServer.start(served, null, null, port);
        String repo = "rest:" + server.url() + "comes-back/";
        try {
            init(repo);
            Process backup = startBackup(repo, tmp.resolve("err-back.txt"));
            awaitPacks(backup, served.resolve("comes-back/data"));
            assertTrue(backup.isAlive(), "the backup ended before the server was killed");
            server.kill();
            Thread.sleep(DOWN_MS); // the outage itself, not a wait for a condition
            server = RcloneRestServer.start(served, null, null, port);
            assertTrue(backup.waitFor(180, TimeUnit.SECONDS), "the backup did not finish");
            String err = Files.readString(tmp.resolve("err-back.txt"));
            assertEquals(0, backup.exitValue(), err);
            assertTrue(err.contains("chronosguard: warning: retrying "), "no retry warning:\n" + err);

            Restic restic = new Restic(repo, Restic.PASSWORD, Map.of());
            restic.ok("check", "--read-data");
            Path target = tmp.resolve("restore-back");
            restic.ok("restore", "latest", "--target", target.toString());
            TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        } finally {
            server.close();
        }
    }

    @Test
    void backup_restServerGonePastRetryWindow_failsWithOneLineAndNextBackupSucceeds() throws Exception {
        Path served = tmp.resolve("served-gone");
        int port = NodeProcesses.freePort();
        RcloneRestServer server = RcloneRestServer.start(served, null, null, port);
        String repo = "rest:" + server.url() + "stays-away/";
        try {
            init(repo);
            Process backup = startBackup(repo, tmp.resolve("err-gone.txt"), "--retries", "2");
            awaitPacks(backup, served.resolve("stays-away/data"));
            assertTrue(backup.isAlive(), "the backup ended before the server was killed");
            server.kill();
            assertTrue(backup.waitFor(120, TimeUnit.SECONDS), "the backup did not give up");
            String err = Files.readString(tmp.resolve("err-gone.txt"));
            assertNotEquals(0, backup.exitValue(), err);
            List<String> errors = err.lines().filter(l -> !l.startsWith("chronosguard: warning:")).toList();
            assertEquals(1, errors.size(), err);
            assertTrue(errors.get(0).contains("failed after 3 attempts") && errors.get(0).contains("giving up")
                    && !errors.get(0).contains("Exception"), err);

            server = RcloneRestServer.start(served, null, null, port);
            Restic restic = new Restic(repo, Restic.PASSWORD, Map.of());
            restic.ok("unlock");
            restic.ok("check", "--read-data");
            assertEquals(0, restic.ok("list", "snapshots").lines().count());
            Cli.Result again = Cli.withPassword("-r", repo, "--config", conf.toString(), "backup", src.toString());
            assertEquals(0, again.exit(), again.err());
            restic.ok("check", "--read-data");
            Path target = tmp.resolve("restore-gone");
            restic.ok("restore", "latest", "--target", target.toString());
            TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        } finally {
            server.close();
        }
    }

    private static void init(String repo) {
        Cli.Result r = Cli.withPassword("-r", repo, "init");
        assertEquals(0, r.exit(), r.err());
    }

    /**
     * Our CLI as its own JVM (as KillBackupIT starts it), uploading at 4 MiB/s so its 20 MiB
     * take about five seconds; stderr goes to {@code err}.
     */
    private Process startBackup(String repo, Path err, String... flags) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.chronosguard.cli.Main", "-r", repo, "--config", conf.toString(), "--limit-upload", "4096"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("backup", src.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        pb.environment().put("CHRONOSGUARD_STATE_DIR", tmp.resolve("state").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(err.toFile());
        return pb.start();
    }

    /** Until the server holds a stored pack (or the backup ended), at most 60 s. */
    private static void awaitPacks(Process p, Path dataDir) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && countFiles(dataDir) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static long countFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().startsWith(".")).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0;
        }
    }
}
