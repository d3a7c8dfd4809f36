package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * A backup stopped by a signal (Ctrl-C, or SIGTERM from a service manager) is recorded as
 * {@code cancelled}: the CLI runs as its own process here, since the record is written by
 * a shutdown hook.
 */
class BackupCancelIT {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void backup_terminated_recordedAsCancelled(Database db) throws Exception {
        Path repo = tmp.resolve("repo");
        new Restic(repo).ok("init");
        Path src = tmp.resolve("src");
        Files.createDirectories(src);
        Random rnd = new Random(7);
        for (int i = 0; i < 8; i++) {
            SourceTree.randomFile(src.resolve("f" + i), 8 << 20, rnd);
        }

        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.chronosguard.cli.Main",
                "--catalog", db.bareUrl(), "-r", repo.toString(), "backup", src.toString());
        Map<String, String> env = pb.environment();
        env.put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        env.put("CHRONOSGUARD_STATE_DIR", tmp.resolve("state").toString());
        if (db.user() != null) {
            // Through the environment: a password on the command line would show in ps.
            env.put("CHRONOSGUARD_CATALOG_USER", db.user());
            env.put("CHRONOSGUARD_CATALOG_PASSWORD", db.password());
        }
        pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        try {
            awaitRunningRow(db, p);
            p.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the backup did not stop");
        } finally {
            p.destroyForcibly();
        }

        List<Map<String, Object>> rows = db.rows("SELECT outcome, finished_at, snapshot_id FROM runs");
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("cancelled", rows.get(0).get("outcome"), Files.readString(tmp.resolve("err.txt")));
        assertNotNull(rows.get(0).get("finished_at"));
        assertEquals(null, rows.get(0).get("snapshot_id"));
    }

    /** Polls (bounded) until the backup has recorded its start. */
    private static void awaitRunningRow(Database db, Process p) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new AssertionError("the backup ended before it could be stopped, exit " + p.exitValue());
            }
            if (tableExists(db) && db.count("SELECT COUNT(*) FROM runs WHERE outcome = 'running'") == 1) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("the backup recorded no start within 60 s");
    }

    private static boolean tableExists(Database db) {
        try (var c = db.connect(); var rs = c.getMetaData().getTables(null, null, "runs", null)) {
            return rs.next();
        } catch (java.sql.SQLException e) {
            return false;
        }
    }
}
