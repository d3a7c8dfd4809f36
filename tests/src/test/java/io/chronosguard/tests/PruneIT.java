package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.prune.MaxUnused;
import io.chronosguard.engine.prune.PruneListener;
import io.chronosguard.engine.prune.PruneOptions;
import io.chronosguard.engine.prune.PrunePhase;
import io.chronosguard.engine.prune.PrunePlan;
import io.chronosguard.engine.prune.Pruner;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code prune} and {@code forget --prune} against restic 0.14. Three repositories (written by
 * ChronosGuard, by restic in format v2 and by restic in format v1) get the same three
 * snapshots of a folder that grows, loses files and changes; after forgetting the first two
 * and pruning, restic's {@code check --read-data} is clean, restic restores the last snapshot
 * byte for byte, the data folder shrank, and restic's own {@code prune --dry-run} finds
 * nothing left to delete or repack. Then: repacking, orphaned packs, missing packs, dry runs
 * and locks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PruneIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> KINDS = List.of("chronosguard", "restic-v2", "restic-v1");

    @TempDir
    static Path tmp;
    Path src;
    /** Packs the second snapshot added to the ChronosGuard repository. */
    Set<String> secondSnapshotPacks;
    /** Data packs the third (kept) snapshot added to the ChronosGuard repository. */
    Set<String> lastSnapshotPacks;
    /** Index files the third backup wrote into the ChronosGuard repository. */
    Set<String> lastSnapshotIndexes;
    int copies;

    @BeforeAll
    void threeSnapshotsInEachRepository() throws IOException {
        src = tmp.resolve("src");
        Random rnd = new Random(42);
        Files.createDirectories(src.resolve("docs"));
        SourceTree.randomFile(src.resolve("a.bin"), 2L << 20, rnd);
        SourceTree.randomFile(src.resolve("b.bin"), 1L << 20, rnd);
        for (int i = 0; i < 20; i++) {
            Files.writeString(src.resolve("docs/small-" + i + ".txt"), "small " + i + " " + rnd.nextLong() + "\n");
        }
        for (String kind : KINDS) {
            Path repo = pristine(kind);
            new Restic(repo).ok("init", "--repository-version", kind.equals("restic-v1") ? "1" : "2");
            backup(kind);
        }
        SourceTree.randomFile(src.resolve("c.bin"), 3L << 19, rnd);
        Files.writeString(src.resolve("docs/small-3.txt"), "changed in the second snapshot\n");
        Set<String> firstPacks = names(pristine("chronosguard").resolve("data"));
        for (String kind : KINDS) {
            backup(kind);
        }
        secondSnapshotPacks = new TreeSet<>(names(pristine("chronosguard").resolve("data")));
        secondSnapshotPacks.removeAll(firstPacks);
        Files.delete(src.resolve("b.bin"));
        Files.delete(src.resolve("c.bin"));
        SourceTree.randomFile(src.resolve("d.bin"), 1L << 20, rnd);
        Files.writeString(src.resolve("docs/small-5.txt"), "changed in the third snapshot\n");
        Set<String> packsBefore = names(pristine("chronosguard").resolve("data"));
        Set<String> indexesBefore = names(pristine("chronosguard").resolve("index"));
        for (String kind : KINDS) {
            backup(kind);
        }
        lastSnapshotPacks = new TreeSet<>(names(pristine("chronosguard").resolve("data")));
        lastSnapshotPacks.removeAll(packsBefore);
        lastSnapshotIndexes = new TreeSet<>(names(pristine("chronosguard").resolve("index")));
        lastSnapshotIndexes.removeAll(indexesBefore);
    }

    private void backup(String kind) {
        Path repo = pristine(kind);
        if (kind.equals("chronosguard")) {
            Cli.Result r = Cli.withPassword("-r", repo.toString(), "backup", src.toString());
            assertEquals(0, r.exit(), r.out() + r.err());
        } else {
            new Restic(repo).ok("backup", "-q", src.toString());
        }
    }

    Path pristine(String kind) {
        return tmp.resolve("pristine-" + kind);
    }

    /** A private copy of a pristine repository, so each test may change it. */
    Path copy(String kind) throws IOException {
        Path from = pristine(kind);
        Path dst = tmp.resolve("copy-" + (++copies) + "-" + kind);
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = dst.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    static Cli.Result cg(Path repo, String... args) {
        List<String> a = new ArrayList<>(List.of("-r", repo.toString()));
        a.addAll(List.of(args));
        return Cli.withPassword(a.toArray(String[]::new));
    }

    static Cli.Result ok(Path repo, String... args) {
        Cli.Result r = cg(repo, args);
        assertEquals(0, r.exit(), String.join(" ", args) + ":\n" + r.out() + r.err());
        return r;
    }

    static Set<String> names(Path dir) throws IOException {
        // walked while a killed prune may still rename its temporary files: an entry that
        // vanishes between listing and reading its attributes is skipped (Files.walk threw
        // NoSuchFileException for it, a rare flake of the kill tests)
        Set<String> out = new TreeSet<>();
        Files.walkFileTree(dir, new java.nio.file.SimpleFileVisitor<>() {
            @Override
            public java.nio.file.FileVisitResult visitFile(Path f, java.nio.file.attribute.BasicFileAttributes a) {
                if (a.isRegularFile()) {
                    out.add(f.getFileName().toString());
                }
                return java.nio.file.FileVisitResult.CONTINUE;
            }

            @Override
            public java.nio.file.FileVisitResult visitFileFailed(Path f, IOException e) throws IOException {
                if (e instanceof java.nio.file.NoSuchFileException) {
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return out;
    }

    static long bytes(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            long sum = 0;
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                sum += Files.size(p);
            }
            return sum;
        }
    }

    /** Every file of a repository (relative path → SHA-256), locks left out. */
    static Map<String, String> contents(Path repo) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(repo)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = repo.relativize(p).toString();
                if (!rel.startsWith("locks/")) {
                    m.put(rel, java.util.HexFormat.of().formatHex(TreeAssert.sha256(p)));
                }
            }
        }
        return m;
    }

    static void assertNoLocks(Path repo) throws IOException {
        assertEquals(Set.of(), names(repo.resolve("locks")), "no lock is left behind");
    }

    /** restic check --read-data passes and finds no pack that no index names. */
    static void assertResticCheckClean(Path repo) {
        String out = new Restic(repo).ok("check", "--read-data");
        assertFalse(out.contains("additional files"), out);
        assertTrue(out.contains("no errors were found"), out);
    }

    /** restic restores the kept snapshot exactly as the source is now. */
    void assertRestoresSource(Path repo) throws IOException {
        Path target = tmp.resolve("restore-" + (++copies));
        new Restic(repo).ok("restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }

    /** restic's own prune plan after ours: nothing to delete, nothing to repack. */
    static void assertResticFindsNothingToPrune(Path repo) {
        String out = new Restic(repo).ok("prune", "--dry-run");
        assertEquals(0, count(out, "to repack:"), out);
        assertEquals(0, count(out, "to delete:"), out);
    }

    /** After a finished prune: restic checks clean, restores the source, and has nothing to prune. */
    void assertPrunedClean(Path repo) throws IOException {
        assertResticCheckClean(repo);
        assertRestoresSource(repo);
        assertResticFindsNothingToPrune(repo);
    }

    /** The blob count restic prints on a line starting with {@code label}. */
    static long count(String out, String label) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(label) + "\\s+(\\d+) blobs").matcher(out);
        assertTrue(m.find(), "no \"" + label + "\" line in:\n" + out);
        return Long.parseLong(m.group(1));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chronosguard", "restic-v2", "restic-v1"})
    void prune_afterForget_resticChecksCleanRestoresAndFindsNothingLeft(String kind) throws IOException {
        Path repo = copy(kind);
        ok(repo, "forget", "--keep-last", "1");
        long before = bytes(repo.resolve("data"));

        Cli.Result r = ok(repo, "prune");

        assertTrue(r.out().contains("to delete:"), r.out());
        assertTrue(r.out().endsWith("done\n"), r.out());
        assertTrue(bytes(repo.resolve("data")) < before, "the data folder shrank");
        assertPrunedClean(repo);
        assertNoLocks(repo);
        JsonNode snaps = JSON.readTree(new Restic(repo).ok("snapshots", "--json"));
        assertEquals(1, snaps.size());
    }

    /** Forgetting the middle snapshot: both others restore from the pruned copy exactly as from the original. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"chronosguard", "restic-v2", "restic-v1"})
    void prune_afterForgettingTheMiddleSnapshot_theOthersRestoreAsBefore(String kind) throws IOException {
        Path repo = copy(kind);
        List<String> ids = new ArrayList<>();
        JSON.readTree(new Restic(repo).ok("snapshots", "--json")).forEach(n -> ids.add(n.get("id").asText()));
        assertEquals(3, ids.size());
        ok(repo, "forget", ids.get(1));
        long before = bytes(repo.resolve("data"));

        ok(repo, "prune", "--max-unused", "0%");

        assertTrue(bytes(repo.resolve("data")) < before, "the data folder shrank");
        assertResticCheckClean(repo);
        assertResticFindsNothingToPrune(repo);
        for (String id : List.of(ids.get(0), ids.get(2))) {
            Path want = tmp.resolve("want-" + (++copies));
            Path got = tmp.resolve("got-" + (++copies));
            new Restic(pristine(kind)).ok("restore", id, "--target", want.toString());
            new Restic(repo).ok("restore", id, "--target", got.toString());
            TreeAssert.assertSameTree(want, got);
        }
    }

    @Test
    void prune_missingPackOfUnusedBlobs_isLeftOutOfTheNewIndex() throws IOException {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "1");
        // a pack of the second snapshot that the kept third one uses nothing of (the plan
        // deletes it whole); which of its packs that is depends on the random polynomial
        JsonNode plan = JSON.readTree(ok(repo, "prune", "--dry-run", "--json").out());
        Set<String> unused = ids(plan.at("/packs/delete"));
        String gone = secondSnapshotPacks.stream().filter(unused::contains).findFirst()
                .orElseThrow(() -> new AssertionError("no pack of the second snapshot is wholly unused: " + plan));
        Files.delete(repo.resolve("data").resolve(gone.substring(0, 2)).resolve(gone));
        assertEquals(1, new Restic(repo).run("check").exit(), "restic misses the pack before the prune");

        Cli.Result r = ok(repo, "prune");

        assertTrue(r.err().contains("pack " + gone + " is named by the index but missing"), r.err());
        assertPrunedClean(repo);
    }

    @Test
    void forgetPrune_removesSnapshotsThenTheirData() throws IOException {
        Path repo = copy("chronosguard");
        long before = bytes(repo.resolve("data"));

        Cli.Result r = ok(repo, "forget", "--keep-last", "1", "--prune", "--max-unused", "0%");

        assertTrue(r.out().contains("2 snapshots have been removed, running prune"), r.out());
        assertTrue(r.out().endsWith("done\n"), r.out());
        assertTrue(bytes(repo.resolve("data")) < before, "the data folder shrank");
        assertPrunedClean(repo);
        assertNoLocks(repo);
    }

    @Test
    void prune_partlyUsedDataPack_isRepackedIntoNewPacks() throws IOException {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "1");
        JsonNode plan = JSON.readTree(ok(repo, "prune", "--dry-run", "--json").out());
        Set<String> repack = ids(plan.at("/packs/repack"));
        assertTrue(plan.at("/repack_removes/blobs").asLong() > 0, plan.toString());
        assertTrue(plan.at("/to_repack/blobs").asLong() > plan.at("/repack_removes/blobs").asLong(),
                "the repacked packs hold used blobs too: " + plan);
        assertTrue(dataBlobPacks(repo).stream().anyMatch(repack::contains),
                "a pack of data blobs, the first snapshot's, is partly used and repacked: " + plan);
        Set<String> packsBefore = names(repo.resolve("data"));

        JsonNode done = JSON.readTree(ok(repo, "prune", "--json").out());

        assertEquals(plan.at("/packs/repack"), done.at("/packs/repack"), "the same plan when run for real");
        Set<String> packsAfter = names(repo.resolve("data"));
        for (String p : repack) {
            assertFalse(packsAfter.contains(p), "repacked pack " + p + " is gone");
        }
        Set<String> fresh = new TreeSet<>(packsAfter);
        fresh.removeAll(packsBefore);
        assertFalse(fresh.isEmpty(), "the used blobs went into new packs");
        assertPrunedClean(repo);
    }

    @Test
    void prune_repackCacheableOnly_keepsPartlyUsedDataPacks() throws IOException {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "1");
        Set<String> dataPacks = dataBlobPacks(repo);

        JsonNode all = JSON.readTree(ok(repo, "prune", "--dry-run", "--json", "--max-unused", "0%").out());
        JsonNode trees = JSON.readTree(ok(repo, "prune", "--dry-run", "--json", "--max-unused", "0%",
                "--repack-cacheable-only").out());

        assertTrue(ids(all.at("/packs/repack")).stream().anyMatch(dataPacks::contains), all.toString());
        assertTrue(ids(trees.at("/packs/repack")).stream().noneMatch(dataPacks::contains), trees.toString());
        assertEquals(all.at("/packs/delete"), trees.at("/packs/delete"), "unused packs go either way");
    }

    static Set<String> ids(JsonNode array) {
        Set<String> out = new TreeSet<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Packs (by file name) that hold data blobs, as the repository's index says. */
    static Set<String> dataBlobPacks(Path repo) {
        try (Repository r = Repository.open(new LocalBackend(repo), Restic.PASSWORD.toCharArray())) {
            Set<String> packs = new HashSet<>();
            for (PackedBlob b : r.loadIndex().all()) {
                if (b.type() == BlobType.DATA) {
                    packs.add(b.pack().hex());
                }
            }
            return packs;
        }
    }

    /**
     * Leaves what an interrupted backup leaves: packs stored, but no index or snapshot naming
     * them. Returns the orphaned packs' names.
     */
    Set<String> interruptedBackup(Path repo) throws IOException {
        Set<String> index = names(repo.resolve("index"));
        Set<String> snapshots = names(repo.resolve("snapshots"));
        Set<String> packs = names(repo.resolve("data"));
        Path extra = tmp.resolve("extra-src");
        if (!Files.exists(extra)) {
            Files.createDirectories(extra);
            SourceTree.randomFile(extra.resolve("e.bin"), 1L << 20, new Random(7));
        }
        ok(repo, "backup", extra.toString());
        deleteAllBut(repo.resolve("index"), index);
        deleteAllBut(repo.resolve("snapshots"), snapshots);
        Set<String> orphans = new TreeSet<>(names(repo.resolve("data")));
        orphans.removeAll(packs);
        assertFalse(orphans.isEmpty());
        return orphans;
    }

    private static void deleteAllBut(Path dir, Set<String> keep) throws IOException {
        for (String f : names(dir)) {
            if (!keep.contains(f)) {
                Files.delete(dir.resolve(f));
            }
        }
    }

    @Test
    void prune_packsOfAnInterruptedBackup_areDeleted() throws IOException {
        Path repo = copy("chronosguard");
        Map<String, String> before = contents(repo);
        interruptedBackup(repo);
        assertTrue(new Restic(repo).ok("check").contains("additional files"), "restic sees the orphans");

        Cli.Result r = ok(repo, "prune");

        assertTrue(r.out().contains("unreferenced packs"), r.out());
        assertEquals(before, contents(repo), "exactly the orphaned packs are gone, nothing else changed");
        assertResticCheckClean(repo);
    }

    /** Thrown by the test's listener to stop a prune where a crash would. */
    static final class Crash extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Crash(PrunePhase after) {
            super("simulated crash after " + after);
        }
    }

    /**
     * A prune that stops right after any step (here: when the listener throws, with the lock
     * released as {@code restic unlock} would after a real crash) leaves a repository restic
     * checks clean and restores from; a second prune then finishes the job.
     */
    @ParameterizedTest(name = "after {0}")
    @EnumSource(value = PrunePhase.class, names = {"DELETE_UNREFERENCED_PACKS", "REPACK", "WRITE_NEW_INDEX",
        "DELETE_OLD_INDEX"})
    void prune_crashAfterStep_leavesRepositoryResticAccepts(PrunePhase step) throws IOException {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "1");
        interruptedBackup(repo);
        Map<String, String> before = contents(repo);
        PruneListener crashing = new PruneListener() {
            @Override
            public void finished(PrunePhase phase) {
                if (phase == step) {
                    throw new Crash(phase);
                }
            }
        };
        try (Repository r = Repository.open(new LocalBackend(repo), Restic.PASSWORD.toCharArray());
                Locker.RepoLock lock = new Locker(r, Clock.systemUTC(), Host.current()).lock(true)) {
            Pruner pruner = new Pruner(r, new PruneOptions(MaxUnused.parse("0%"), Long.MAX_VALUE, false,
                    PruneOptions.DEFAULT_PACK_SIZE, BlobSaver.Compression.AUTO), crashing);
            PrunePlan plan = pruner.plan(List.of());
            assertFalse(plan.unreferenced().isEmpty() || plan.repack().isEmpty() || plan.remove().isEmpty(),
                    "the plan has every kind of step: " + plan.stats());
            assertThrows(Crash.class, () -> pruner.execute(plan));
        }
        assertNotEquals(before, contents(repo), "the prune got somewhere before the crash");

        String check = new Restic(repo).ok("check", "--read-data");
        assertTrue(check.contains("no errors were found"), check);
        assertRestoresSource(repo);

        ok(repo, "prune", "--max-unused", "0%");
        assertPrunedClean(repo);
    }

    /**
     * The real thing: prune in its own JVM, killed with SIGKILL as soon as the repository shows
     * it reached a point (its first deletion, its first new index file, from repacking or the
     * rewrite, its first deleted old index file). After {@code restic unlock} (which must see our lock as stale: same host,
     * dead PID), restic checks the repository clean and restores it; a second prune finishes.
     */
    @ParameterizedTest(name = "killed after {0}")
    @ValueSource(strings = {"orphan deleted", "index file added", "old index deleted"})
    void prune_killedMidway_leavesRepositoryResticAccepts(String point) throws Exception {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "1");
        Set<String> orphans = interruptedBackup(repo);
        Set<String> oldIndex = names(repo.resolve("index"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.chronosguard.cli.Main",
                "-r", repo.toString(), "prune", "--max-unused", "0%");
        pb.environment().put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        pb.environment().put("CHRONOSGUARD_STATE_DIR", tmp.resolve("state").toString());
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("killed-prune.log").toFile());
        Process p = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (!reached(point, repo, orphans, oldIndex)) {
                assertTrue(p.isAlive(), () -> "prune ended before " + point + ": " + read(tmp.resolve("killed-prune.log")));
                assertTrue(System.nanoTime() < deadline, "prune did not reach " + point + " within 120 s");
                TimeUnit.MILLISECONDS.sleep(1);
            }
        } finally {
            p.destroyForcibly();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        new Restic(repo).ok("unlock");
        assertNoLocks(repo);
        String check = new Restic(repo).ok("check", "--read-data");
        assertTrue(check.contains("no errors were found"), check);
        assertRestoresSource(repo);

        ok(repo, "prune", "--max-unused", "0%");
        assertPrunedClean(repo);
    }

    private static boolean reached(String point, Path repo, Set<String> orphans, Set<String> oldIndex)
            throws IOException {
        Set<String> index = names(repo.resolve("index"));
        return switch (point) {
            case "orphan deleted" -> !names(repo.resolve("data")).containsAll(orphans);
            case "index file added" -> !oldIndex.containsAll(index);
            case "old index deleted" -> !index.containsAll(oldIndex);
            default -> throw new IllegalArgumentException(point);
        };
    }

    @Test
    void prune_packOfUsedBlobsMissing_refusesWithExit13AndChangesNothing() throws IOException {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "1");
        String lost = lastSnapshotPacks.stream().filter(dataBlobPacks(repo)::contains).findFirst().orElseThrow();
        Files.delete(repo.resolve("data").resolve(lost.substring(0, 2)).resolve(lost));

        assertPruneRefuses(repo, lost);
    }

    @Test
    void prune_usedBlobsInNoIndex_refusesWithExit13AndChangesNothing() throws IOException {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "1");
        for (String f : lastSnapshotIndexes) {
            Files.delete(repo.resolve("index").resolve(f));
        }

        assertPruneRefuses(repo, "not in any index");
    }

    /** prune refuses: exit 13, one clear line naming {@code named} and saying so, and no file changes. */
    static void assertPruneRefuses(Path repo, String named) throws IOException {
        assertTrue(assertPruneFails(repo, 13, named).contains("nothing was changed"));
        assertNoLocks(repo);
    }

    /** {@code prune ARGS} exits with {@code exit} and one line naming {@code named}, changing no file. */
    static String assertPruneFails(Path repo, int exit, String named, String... args) throws IOException {
        Map<String, String> before = contents(repo);
        List<String> a = new ArrayList<>(List.of("prune"));
        a.addAll(List.of(args));

        Cli.Result r = cg(repo, a.toArray(String[]::new));

        assertEquals(exit, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(named), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals(before, contents(repo));
        return r.err();
    }

    @Test
    void prune_dryRun_changesNoFile() throws IOException {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "2");
        Map<String, String> before = contents(repo);

        Cli.Result r = ok(repo, "prune", "--dry-run", "--max-unused", "0%");
        Cli.Result f = ok(repo, "forget", "--keep-last", "1", "--prune", "--dry-run");

        assertTrue(r.out().contains("Would have removed the following no longer used packs:"), r.out());
        assertTrue(count(r.out(), "to delete:") > 0, r.out());
        assertTrue(f.out().contains("Would have repacked and removed the following packs:"), f.out());
        assertEquals(before, contents(repo));
        assertNoLocks(repo);
    }

    @Test
    void prune_badFlags_exit2NamingTheFlag() throws IOException {
        Path repo = copy("restic-v1");
        assertPruneFails(repo, 2, "--max-unused: invalid size \"abc\"", "--max-unused", "abc");
        assertPruneFails(repo, 2, "--max-unused: percentage \"100%\" must be below 100%", "--max-unused", "100%");
        assertPruneFails(repo, 2, "--max-repack-size: invalid size \"1.5g\"", "--max-repack-size", "1.5g");
        assertPruneFails(repo, 2, "--repack-uncompressed needs repository format version 2", "--repack-uncompressed");
        assertNoLocks(repo);
    }

    @Test
    void prune_exclusiveLockOfAnotherProcess_exit11() throws IOException {
        Path repo = copy("chronosguard");
        ok(repo, "forget", "--keep-last", "1");
        Host other = new Host("otherhost", "someone", 999_999, 0, 0);
        try (Repository r = Repository.open(new LocalBackend(repo), Restic.PASSWORD.toCharArray());
                Locker.RepoLock lock = new Locker(r, Clock.systemUTC(), other).lock(true)) {
            assertPruneFails(repo, 11, "locked exclusively by PID 999999 on otherhost");
        }
    }

    @Test
    void prune_whileResticBacksUp_exit11AndResticFinishes() throws Exception {
        Path repo = copy("chronosguard");
        Map<String, String> before = contents(repo);
        ProcessBuilder pb = new ProcessBuilder("restic", "-r", repo.toString(), "--no-cache", "-q", "backup", "--stdin");
        pb.environment().put("RESTIC_PASSWORD", Restic.PASSWORD);
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("restic-stdin.log").toFile());
        Process p = pb.start();
        try (OutputStream stdin = p.getOutputStream()) {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (names(repo.resolve("locks")).isEmpty()) {
                assertTrue(Instant.now().isBefore(deadline), "restic took no lock within 60 s");
                assertTrue(p.isAlive(), () -> "restic ended early: " + read(tmp.resolve("restic-stdin.log")));
                TimeUnit.MILLISECONDS.sleep(50);
            }

            assertPruneFails(repo, 11, "is already locked");
            stdin.write("data from stdin\n".getBytes());
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "restic backup --stdin finished");
        assertEquals(0, p.exitValue(), read(tmp.resolve("restic-stdin.log")));
        Map<String, String> after = contents(repo);
        assertTrue(after.keySet().containsAll(before.keySet()), "prune deleted nothing");
        new Restic(repo).ok("check");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Test
    void prune_nothingToDo_changesNothing() throws IOException {
        Path repo = copy("restic-v2");
        Map<String, String> before = contents(repo);

        Cli.Result r = ok(repo, "prune");

        assertEquals(0, count(r.out(), "total prune:"), r.out());
        assertEquals(before, contents(repo));
    }
}
