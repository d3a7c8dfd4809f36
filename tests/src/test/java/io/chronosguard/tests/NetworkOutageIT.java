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
 * still accepts the repository, and the next backup succeeds. The same kill against a real
 * OpenSSH {@code sshd}: the SFTP client opens a new session and the backup completes.
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
        RcloneRestServer[] server = {RcloneRestServer.start(served, null, null, port)};
        String repo = "rest:" + server[0].url() + "comes-back/";
        try {
            Process backup = killMidBackup(repo, Map.of(), served.resolve("comes-back/data"), "back", server[0]::kill);
            Thread.sleep(DOWN_MS); // the outage itself, not a wait for a condition
            server[0] = RcloneRestServer.start(served, null, null, port);
            assertCompletedAfterRetries(backup, "back", new Restic(repo, Restic.PASSWORD, Map.of()));
        } finally {
            server[0].close();
        }
    }

    /** sshd killed with its sessions: our SFTP client opens a new session when the server is back. */
    @Test
    void backup_sshdKilledAndBackWithinRetryWindow_reconnectsAndResticRestoresByteExact() throws Exception {
        SshServer ssh = SshServer.shared();
        Path repoPath = tmp.resolve("sftp/comes-back");
        String repo = ssh.url(repoPath);
        Process backup = killMidBackup(repo, Map.of("HOME", ssh.home().toString()), repoPath.resolve("data"), "sftp",
                ssh::kill);
        Thread.sleep(DOWN_MS); // the outage itself
        ssh.restart();
        assertCompletedAfterRetries(backup, "sftp", new Restic("sftp:" + ssh.user() + "@127.0.0.1:" + repoPath,
                Restic.PASSWORD, ssh.resticOptions(), Map.of()));
    }

    @Test
    void backup_restServerGonePastRetryWindow_failsWithOneLineAndNextBackupSucceeds() throws Exception {
        Path served = tmp.resolve("served-gone");
        int port = NodeProcesses.freePort();
        RcloneRestServer server = RcloneRestServer.start(served, null, null, port);
        String repo = "rest:" + server.url() + "stays-away/";
        try {
            Process backup = killMidBackup(repo, Map.of(), served.resolve("stays-away/data"), "gone", server::kill,
                    "--retries", "2");
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

    /**
     * Inits {@code repo}, starts a backup into it, and once the server holds a stored pack
     * (under {@code dataDir}) runs {@code kill}; returns the backup, still running. Its stderr
     * goes to {@code err-NAME.txt}.
     */
    private Process killMidBackup(String repo, Map<String, String> env, Path dataDir, String name, Runnable kill,
            String... flags) throws IOException, InterruptedException {
        Map<String, String> withPassword = new java.util.HashMap<>(env);
        withPassword.put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        Cli.Result r = Cli.run(withPassword, "-r", repo, "init");
        assertEquals(0, r.exit(), r.err());
        Process backup = startBackup(repo, env, tmp.resolve("err-" + name + ".txt"), flags);
        awaitPacks(backup, dataDir);
        assertTrue(backup.isAlive(), "the backup ended before the server was killed");
        kill.run();
        return backup;
    }

    /** The backup exits 0 after retry warnings; restic checks every byte and restores it exactly. */
    private void assertCompletedAfterRetries(Process backup, String name, Restic restic) throws Exception {
        assertTrue(backup.waitFor(180, TimeUnit.SECONDS), "the backup did not finish");
        String err = Files.readString(tmp.resolve("err-" + name + ".txt"));
        assertEquals(0, backup.exitValue(), err);
        assertTrue(err.contains("chronosguard: warning: retrying "), "no retry warning:\n" + err);
        restic.ok("check", "--read-data");
        Path target = tmp.resolve("restore-" + name);
        restic.ok("restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }

    /**
     * Our CLI as its own JVM (as KillBackupIT starts it), uploading at 4 MiB/s so its 20 MiB
     * take about five seconds; stderr goes to {@code err}.
     */
    private Process startBackup(String repo, Map<String, String> env, Path err, String... flags) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.chronosguard.cli.Main", "-r", repo, "--config", conf.toString(), "--limit-upload", "4096"));
        cmd.addAll(List.of(flags));
        cmd.addAll(List.of("backup", src.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
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
