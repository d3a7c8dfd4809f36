package io.chronosguard.engine.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.archiver.ArchiverListener;
import io.chronosguard.engine.archiver.Backup;
import io.chronosguard.engine.archiver.BackupRequest;
import io.chronosguard.engine.archiver.Excluder;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.ForwardingBackend;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.checker.CheckOptions;
import io.chronosguard.engine.checker.CheckResult;
import io.chronosguard.engine.checker.Checker;
import io.chronosguard.engine.checker.Problem;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import io.chronosguard.engine.repo.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pruner on a real local repository written by the engine's own backup: two snapshots, the
 * first forgotten, plus a pack no index names. Our checker (restic's rules) must find it
 * clean after a prune and after a prune stopped at any step; and the backend must see the
 * changes in the safe order.
 */
class PrunerTest {
    static final char[] PASSWORD = "prune-test".toCharArray();
    static final Host HOST = new Host("testhost", "tester", 1, 0, 0);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    Path repoDir;
    Path src;
    Id orphan;

    @BeforeEach
    void twoSnapshotsFirstForgottenAndAnOrphanPack() throws IOException {
        repoDir = dir.resolve("repo");
        src = dir.resolve("src");
        Files.createDirectories(src);
        Random rnd = new Random(3);
        write(src.resolve("a.bin"), 900_000, rnd);
        write(src.resolve("b.bin"), 700_000, rnd);
        Files.writeString(src.resolve("small.txt"), "small\n");
        try (Repository repo = new RepositoryInit(new SecureRandom(), CLOCK, HOST)
                .init(new LocalBackend(repoDir), PASSWORD.clone(), 2, new KdfParams(1024, 8, 1))) {
            backup(repo);
        }
        Files.delete(src.resolve("b.bin"));
        write(src.resolve("c.bin"), 600_000, rnd);
        try (Repository repo = open(new LocalBackend(repoDir))) {
            backup(repo);
            repo.backend().remove(FileType.SNAPSHOT, Snapshots.all(repo).get(0).id().hex());
            byte[] junk = new byte[5000];
            rnd.nextBytes(junk);
            orphan = Id.hash(junk);
            repo.backend().save(FileType.DATA, orphan.hex(), junk);
        }
    }

    private static void write(Path p, int size, Random rnd) throws IOException {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        Files.write(p, b);
    }

    private void backup(Repository repo) {
        new Backup(repo, Clock.systemUTC(), HOST).run(new BackupRequest(List.of(src), List.of(), "testhost",
                Optional.empty(), true, new Excluder(List.of(), false, false), BlobSaver.Compression.AUTO, 1,
                1 << 20), ArchiverListener.NONE);
    }

    static Repository open(Backend backend) {
        return Repository.open(backend, PASSWORD.clone());
    }

    static PruneOptions zeroUnused() {
        return new PruneOptions(MaxUnused.parse("0%"), Long.MAX_VALUE, false, 1 << 20, BlobSaver.Compression.AUTO);
    }

    CheckResult check() {
        try (Repository repo = open(new LocalBackend(repoDir))) {
            return new Checker(repo, p -> { }).check(new CheckOptions(100, 1));
        }
    }

    static long errors(CheckResult r) {
        return r.problems().stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
    }

    @Test
    void execute_changesTheBackendInTheSafeOrder() throws IOException {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        PrunePlan plan;
        try (Repository repo = open(new Recording(new LocalBackend(repoDir), log))) {
            Pruner pruner = new Pruner(repo, zeroUnused(), PruneListener.NONE, 2);
            plan = pruner.plan(List.of());
            assertEquals(Set.of(orphan), plan.unreferenced());
            assertFalse(plan.repack().isEmpty(), "the first snapshot's packs are partly used");
            log.clear();
            pruner.execute(plan);
        }
        int lastOrphanRemove = log.lastIndexOf("remove data " + orphan.hex());
        int firstSave = first(log, "save ");
        int lastPackSave = last(log, "save data ");
        int lastIndexSave = last(log, "save index ");
        int firstIndexRemove = first(log, "remove index ");
        int lastIndexRemove = last(log, "remove index ");
        int firstPackRemove = -1;
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith("remove data ") && !log.get(i).endsWith(orphan.hex())) {
                firstPackRemove = i;
                break;
            }
        }
        assertTrue(lastOrphanRemove >= 0 && lastOrphanRemove < firstSave, "unreferenced packs go first: " + log);
        assertTrue(lastPackSave < lastIndexSave, "new packs are stored before the index naming them: " + log);
        assertTrue(lastIndexSave < firstIndexRemove, "the new index is complete before old ones go: " + log);
        assertTrue(lastIndexRemove < firstPackRemove, "packs go only once no index names them: " + log);
        for (Id p : plan.repack()) {
            assertTrue(log.contains("remove data " + p.hex()), "repacked pack " + p + " removed");
        }
        CheckResult r = check();
        assertTrue(r.ok(), r.problems().toString());
        assertEquals(List.of(), r.problems(), "not even a pack without index is left");
        assertEquals(1, r.snapshots());
    }

    private static int first(List<String> log, String prefix) {
        for (int i = 0; i < log.size(); i++) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no \"" + prefix + "\" in " + log);
    }

    private static int last(List<String> log, String prefix) {
        for (int i = log.size() - 1; i >= 0; i--) {
            if (log.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no \"" + prefix + "\" in " + log);
    }

    @ParameterizedTest(name = "stopped after {0}")
    @EnumSource(value = PrunePhase.class, names = {"DELETE_UNREFERENCED_PACKS", "REPACK", "WRITE_NEW_INDEX",
        "DELETE_OLD_INDEX", "DELETE_PACKS"})
    void execute_stoppedAfterAnyStep_leavesACleanRepositoryAndASecondPruneFinishes(PrunePhase step) {
        PruneListener crash = new PruneListener() {
            @Override
            public void finished(PrunePhase phase) {
                if (phase == step) {
                    throw new IllegalStateException("crash after " + phase);
                }
            }
        };
        try (Repository repo = open(new LocalBackend(repoDir))) {
            Pruner pruner = new Pruner(repo, zeroUnused(), crash);
            PrunePlan plan = pruner.plan(List.of());
            assertThrows(IllegalStateException.class, () -> pruner.execute(plan));
        }

        CheckResult stopped = check();
        assertEquals(0, errors(stopped), stopped.problems().toString());

        try (Repository repo = open(new LocalBackend(repoDir))) {
            Pruner pruner = new Pruner(repo, zeroUnused(), PruneListener.NONE);
            pruner.execute(pruner.plan(List.of()));
        }
        CheckResult done = check();
        assertEquals(List.of(), done.problems());
        try (Repository repo = open(new LocalBackend(repoDir))) {
            assertFalse(new Pruner(repo, zeroUnused(), PruneListener.NONE).plan(List.of()).changesAnything(),
                    "nothing is left to prune");
        }
    }

    @Test
    void plan_ignoredSnapshots_countAsGone() {
        try (Repository repo = open(new LocalBackend(repoDir))) {
            List<Id> all = repo.list(FileType.SNAPSHOT);
            PrunePlan plan = new Pruner(repo, zeroUnused(), PruneListener.NONE).plan(all);
            assertEquals(0, plan.stats().usedBlobs());
            assertEquals(plan.stats().packsUnused(), plan.remove().size());
            assertTrue(plan.repack().isEmpty());
        }
    }

    /** Passes everything through and logs each save and remove as "save|remove FOLDER NAME". */
    private static final class Recording extends ForwardingBackend {
        private final List<String> log;

        Recording(Backend inner, List<String> log) {
            super(inner);
            this.log = log;
        }

        @Override
        public void save(FileType type, String name, byte[] data) throws IOException {
            super.save(type, name, data);
            log.add("save " + type.folder() + " " + name);
        }

        @Override
        public void remove(FileType type, String name) throws IOException {
            super.remove(type, name);
            log.add("remove " + type.folder() + " " + name);
        }
    }
}
