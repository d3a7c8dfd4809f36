package io.chronosguard.engine.copy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.archiver.ArchiverListener;
import io.chronosguard.engine.archiver.Backup;
import io.chronosguard.engine.archiver.BackupRequest;
import io.chronosguard.engine.archiver.Excluder;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.checker.CheckOptions;
import io.chronosguard.engine.checker.Checker;
import io.chronosguard.engine.checker.Problem;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.forget.SnapshotFilter;
import io.chronosguard.engine.forget.TagList;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import io.chronosguard.engine.repo.Snapshots;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copier between real local repositories the engine wrote: a v1 source, v2 destinations. */
class CopierTest {
    static final char[] PASSWORD = "copy-test".toCharArray();
    static final Host HOST = new Host("testhost", "tester", 1, 0, 0);

    @TempDir
    Path dir;
    Path src;

    @BeforeEach
    void sourceWithTwoSnapshots() throws IOException {
        src = dir.resolve("src");
        Files.createDirectories(src.resolve("sub"));
        Random rnd = new Random(5);
        write(src.resolve("a.bin"), 900_000, rnd);
        write(src.resolve("sub/b.bin"), 600_000, rnd);
        try (Repository repo = init("source", 1)) {
            backup(repo, List.of("first"));
            write(src.resolve("sub/c.bin"), 700_000, rnd);
            backup(repo, List.of());
        }
    }

    private static void write(Path p, int size, Random rnd) throws IOException {
        byte[] b = new byte[size];
        rnd.nextBytes(b);
        Files.write(p, b);
    }

    private Repository init(String name, int version) {
        return new RepositoryInit(new SecureRandom(), Clock.systemUTC(), HOST)
                .init(new LocalBackend(dir.resolve(name)), PASSWORD.clone(), version, new KdfParams(1024, 8, 1));
    }

    private Repository open(String name) {
        return Repository.open(new LocalBackend(dir.resolve(name)), PASSWORD.clone());
    }

    private void backup(Repository repo, List<String> tags) {
        new Backup(repo, Clock.systemUTC(), HOST).run(new BackupRequest(List.of(src), tags, "testhost",
                Optional.empty(), true, Excluder.none(), BlobSaver.Compression.AUTO, 1, 1 << 20), ArchiverListener.NONE);
    }

    private static CopyResult copy(Repository from, Repository to, List<String> specs, SnapshotFilter filter,
            List<String> events) {
        CopyListener l = new CopyListener() {
            @Override
            public void skipped(Snapshots.Entry source, io.chronosguard.engine.repo.Id existing) {
                events.add("skipped " + source.id().shortHex());
            }

            @Override
            public void saved(Snapshots.Entry source, io.chronosguard.engine.repo.Id saved) {
                events.add("saved " + source.id().shortHex());
            }

            @Override
            public void specIgnored(String spec, String reason) {
                events.add("ignored " + spec + ": " + reason);
            }
        };
        return new Copier(from, to, 1 << 20, BlobSaver.Compression.AUTO, 2, l).copy(specs, filter);
    }

    private static long errors(Repository repo) {
        return new Checker(repo, p -> { }).check(new CheckOptions(100, 1)).problems().stream()
                .filter(p -> p.severity() == Problem.Severity.ERROR).count();
    }

    @Test
    void copy_allSnapshots_everyBlobReadableWithTheDestinationsKey() {
        try (Repository from = open("source"); Repository to = init("dest", 2)) {
            List<String> events = new ArrayList<>();
            CopyResult r = copy(from, to, List.of(), SnapshotFilter.ALL, events);

            assertEquals(2, r.copied().size());
            assertEquals(from.index().all().size(), r.blobs(), "each source blob stored once");
            Repository fresh = open("dest");
            for (PackedBlob b : from.index().all()) {
                assertArrayEquals(from.loadBlob(b), fresh.loadBlob(b.id(), b.type()));
                assertTrue(fresh.index().lookup(b.id(), b.type()).orElseThrow().compressed() || b.type() == BlobType.DATA);
            }
            assertEquals(0, errors(fresh));
            List<Snapshots.Entry> copies = Snapshots.all(fresh);
            List<Snapshots.Entry> sources = Snapshots.all(from);
            for (int i = 0; i < 2; i++) {
                assertEquals(sources.get(i).id().hex(), copies.get(i).snapshot().original());
                assertNull(copies.get(i).snapshot().parent());
                assertEquals(sources.get(i).snapshot().time(), copies.get(i).snapshot().time());
            }
        }
    }

    @Test
    void copy_again_skipsEverySnapshotAndStoresNothing() {
        try (Repository from = open("source"); Repository to = init("dest", 2)) {
            copy(from, to, List.of(), SnapshotFilter.ALL, new ArrayList<>());
        }
        try (Repository from = open("source"); Repository to = open("dest")) {
            List<String> events = new ArrayList<>();
            CopyResult r = copy(from, to, List.of(), SnapshotFilter.ALL, events);
            assertEquals(2, r.skipped().size());
            assertEquals(0, r.blobs());
            assertTrue(events.stream().allMatch(e -> e.startsWith("skipped ")), events.toString());
        }
    }

    @Test
    void copy_tagFilterThenLatestAndUnknownId_copiesSelectedAndReportsTheRest() {
        try (Repository from = open("source"); Repository to = init("dest", 2)) {
            List<String> events = new ArrayList<>();
            SnapshotFilter first = new SnapshotFilter(List.of(), List.of(TagList.of("first")), List.of());
            CopyResult r = copy(from, to, List.of(), first, events);
            assertEquals(1, r.copied().size());
            long afterFirst = r.blobs();

            events.clear();
            CopyResult r2 = copy(from, to, List.of("latest", "ffff"), SnapshotFilter.ALL, events);
            assertEquals(1, r2.copied().size());
            assertEquals(from.index().all().size() - afterFirst, r2.blobs(), "only the blobs the first lacked");
            assertEquals("ignored ffff: no matching ID found", events.get(0), events.toString());
            assertEquals(0, errors(to));
        }
    }

    @Test
    void copy_ofACopy_keepsTheFirstOriginalAndIsRecognised() {
        try (Repository from = open("source"); Repository mid = init("mid", 2)) {
            copy(from, mid, List.of(), SnapshotFilter.ALL, new ArrayList<>());
        }
        try (Repository mid = open("mid"); Repository last = init("last", 2)) {
            copy(mid, last, List.of(), SnapshotFilter.ALL, new ArrayList<>());
        }
        try (Repository from = open("source"); Repository last = open("last")) {
            List<String> originals = Snapshots.all(last).stream().map(e -> e.snapshot().original()).toList();
            assertEquals(Snapshots.all(from).stream().map(e -> e.id().hex()).toList(), originals);
            // and copying the source straight in finds them already there
            CopyResult r = copy(from, last, List.of(), SnapshotFilter.ALL, new ArrayList<>());
            assertEquals(2, r.skipped().size());
        }
    }
}
