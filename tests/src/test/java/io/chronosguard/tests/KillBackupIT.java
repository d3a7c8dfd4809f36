package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * `chronosguard backup` killed with SIGKILL at random points (seeded; the seed is printed,
 * and {@code -Dkill.seed=N} replays a run) in three phases: early, while packs are being
 * uploaded, and near the end. After every kill restic unlocks the stale lock and
 * `check --read-data` passes; a rerun completes, restic restores its snapshot byte for byte,
 * and the rerun adds none of the data that the killed run had already indexed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KillBackupIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    Path src;
    long sourceBytes;

    @BeforeAll
    void createSource() throws IOException {
        src = tmp.resolve("source");
        Random rnd = new Random(7);
        for (int d = 0; d < 24; d++) {
            Path dir = Files.createDirectories(src.resolve("dir-" + d));
            for (int f = 0; f < 50; f++) {
                SourceTree.randomFile(dir.resolve("small-" + f + ".bin"), 1024 + rnd.nextInt(60 * 1024), rnd);
            }
        }
        for (int i = 0; i < 5; i++) {
            SourceTree.randomFile(src.resolve("big-" + i + ".bin"), 22L << 20, rnd);
        }
        SourceTree.setTimes(src);
        try (Stream<Path> s = Files.walk(src)) {
            sourceBytes = s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    /** Where in the backup the kill lands. */
    enum Phase { EARLY, UPLOADING, NEAR_END }

    @Test
    void backup_killedAtRandomPoints_repositoryChecksCleanAndRerunReusesIndexedData() throws Exception {
        long seed = Long.getLong("kill.seed", System.nanoTime());
        System.out.println("KillBackupIT seed: " + seed + " (replay with -Dkill.seed=" + seed + ")");
        Random rnd = new Random(seed);
        long reused = 0;
        for (Phase phase : Phase.values()) {
            reused += round(phase, rnd, seed);
        }
        assertTrue(reused > 0, "no round had indexed data to reuse (seed " + seed + ")");
    }

    /**
     * restic probes whether a same-host lock's owner is alive with SIGHUP; a running backup
     * must neither die of it (the JVM's default) nor lose its lock to `restic unlock`.
     */
    @Test
    void backup_survivesResticUnlockProbingItsLockWithSighup() throws Exception {
        Path repo = tmp.resolve("repo-sighup");
        Restic restic = new Restic(repo);
        restic.ok("init");
        Process p = startBackup(repo);
        try {
            await(p, () -> countFiles(repo.resolve("locks")) > 0);
            assertTrue(p.isAlive(), "the backup ended before it could be probed");
            restic.ok("unlock");
            assertEquals(1, list(repo.resolve("locks")).size(), "restic unlock removed the live backup's lock");
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the backup did not finish");
            assertEquals(0, p.exitValue(), "the backup did not survive restic's SIGHUP probe");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(1, restic.ok("snapshots", "--json").split("\"short_id\"").length - 1);
    }

    /** One kill-check-rerun round in a fresh repository; returns the bytes the rerun reused. */
    private long round(Phase phase, Random rnd, long seed) throws Exception {
        String ctx = phase + " (seed " + seed + ")";
        Path repo;
        Restic restic;
        for (int attempt = 1; ; attempt++) {
            repo = tmp.resolve("repo-" + phase + "-" + attempt);
            restic = new Restic(repo);
            restic.ok("init");
            Process p = startBackup(repo, true);
            long killAfterMs = killWhen(phase, rnd, p, repo);
            boolean killed = p.isAlive();
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            System.out.printf("KillBackupIT %s: killed %d ms into its phase, %s%n", phase, killAfterMs,
                    killed ? "while running" : "but the backup had already finished");
            if (killed) {
                break;
            }
            // a loaded machine can finish the last second faster than the random delay
            assertTrue(attempt < 3, ctx + ": the backup finished before the kill three times");
        }

        restic.ok("unlock");
        assertEquals(0, list(repo.resolve("locks")).size(), ctx + ": restic unlock left our stale lock behind");
        Restic.Result check = restic.run("check", "--read-data");
        assertEquals(0, check.exit(), ctx + ": restic check after the kill failed:\n" + check.out() + check.err());
        long indexed = indexedDataBytes(restic);

        Cli.Result rerun = Cli.withPassword("-r", repo.toString(), "backup", "--json", src.toString());
        assertEquals(0, rerun.exit(), ctx + ": rerun failed: " + rerun.err());
        JsonNode sum = BackupIT.summary(rerun);
        long added = sum.get("data_added").asLong();
        // random data does not compress: a blob is stored at its size plus a little overhead
        long allowance = sourceBytes / 50 + (1 << 20);
        assertTrue(added <= sourceBytes - indexed + allowance, ctx + ": rerun added " + added + " bytes though "
                + indexed + " of " + sourceBytes + " were already indexed");
        System.out.printf("KillBackupIT %s: %d of %d bytes indexed before the kill, rerun added %d%n", phase,
                indexed, sourceBytes, added);

        restic.ok("check");
        Path target = tmp.resolve("restore-" + phase);
        restic.ok("restore", sum.get("snapshot_id").asText(), "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        return indexed;
    }

    /**
     * Waits for the phase's trigger, then a seeded random delay; returns that delay. EARLY:
     * from the start (JVM start, key derivation, lock, first reads); UPLOADING: from the first
     * stored pack; NEAR_END: from the first index file, about a second before the end.
     */
    private long killWhen(Phase phase, Random rnd, Process p, Path repo) throws InterruptedException {
        long delay = switch (phase) {
            case EARLY -> 200 + rnd.nextInt(1500);
            case UPLOADING -> rnd.nextInt(1500);
            case NEAR_END -> rnd.nextInt(300);
        };
        switch (phase) {
            case EARLY -> { }
            case UPLOADING -> await(p, () -> countFiles(repo.resolve("data")) > 0);
            case NEAR_END -> await(p, () -> countFiles(repo.resolve("index")) > 0);
        }
        Thread.sleep(delay);
        return delay;
    }

    private static void await(Process p, BooleanSupplier cond) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (p.isAlive() && !cond.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Our CLI as its own JVM, password in the environment only. */
    private Process startBackup(Path repo) throws IOException {
        return startBackup(repo, false);
    }

    /**
     * With {@code slow}, the backup compresses at zstd's highest level (a config file saying
     * {@code compression = max}): a plain backup of this data set now takes about a second, too
     * short to land a kill between its first index file and its end.
     */
    private Process startBackup(Path repo, boolean slow) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                "io.chronosguard.cli.Main", "-r", repo.toString()));
        if (slow) {
            Path conf = tmp.resolve("slow.conf");
            Files.writeString(conf, "compression = max\n");
            cmd.addAll(List.of("--config", conf.toString()));
        }
        cmd.addAll(List.of("backup", "--json", src.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        pb.environment().put("CHRONOSGUARD_STATE_DIR", tmp.resolve("state").toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** Sum of the lengths of the data blobs that the repository's index files name. */
    private static long indexedDataBytes(Restic restic) throws IOException {
        long sum = 0;
        for (String id : restic.ok("list", "index").strip().split("\n")) {
            if (id.isBlank()) {
                continue;
            }
            JsonNode idx = JSON.readTree(restic.ok("cat", "index", id.strip()));
            for (JsonNode pack : idx.get("packs")) {
                for (JsonNode b : pack.get("blobs")) {
                    if ("data".equals(b.get("type").asText())) {
                        sum += b.has("uncompressed_length") ? b.get("uncompressed_length").asLong() : b.get("length").asLong();
                    }
                }
            }
        }
        return sum;
    }

    private static long countFiles(Path dir) {
        return list(dir).size();
    }

    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }
}
