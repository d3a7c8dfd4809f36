package io.chronosguard.engine.archiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.index.MasterIndex;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryScannerTest {
    @TempDir
    Path tmp;
    Repository repo;
    Path dir;

    @BeforeEach
    void setUp() throws IOException {
        repo = RepositoryInit.forThisHost().init(new LocalBackend(tmp.resolve("repo")), "pw".toCharArray(), 2,
                new KdfParams(1024, 8, 1));
        dir = Files.createDirectories(tmp.resolve("src"));
        for (String n : List.of("a", "b", "c", "d", "e")) {
            Files.writeString(dir.resolve(n), "content of " + n);
        }
        Files.createDirectories(dir.resolve("sub1"));
        Files.createDirectories(dir.resolve("sub2"));
    }

    BlobSaver saver;

    DirectoryScanner scanner(int split) {
        saver = new BlobSaver(repo, new IndexSaver(repo), 1 << 20, BlobSaver.Compression.AUTO);
        return new DirectoryScanner(repo, saver, new BackupOptions(Excluder.none(), Optional.empty(), false), split);
    }

    static DirectoryTask whole(Path p, boolean target) {
        return new DirectoryTask(p, Optional.empty(), Optional.empty(), Optional.empty(), target);
    }

    @Test
    void run_wholeDirectory_returnsLeavesAndSubdirsWhoseBlobsTheSaverTracksUntilIndexed() throws IOException {
        DirectoryListing l = scanner(100).run(whole(dir, false));
        assertEquals(List.of("a", "b", "c", "d", "e"), l.leaves().stream().map(Node::nameString).toList());
        assertEquals(List.of("sub1", "sub2"), l.subdirs().stream().map(s -> s.node().nameString()).toList());
        assertTrue(l.subdirs().stream().allMatch(s -> s.node().type() == NodeType.DIR && s.node().subtree() == null));
        assertEquals(5, l.filesNew());
        // no flush of its own: the blobs wait in the (shared) saver's open pack
        assertEquals(5, l.dataBlobs().size());
        for (Id id : l.dataBlobs()) {
            assertEquals(BlobSaver.State.UNSTORED, saver.state(BlobType.DATA, id));
        }
        assertEquals(0, repo.loadIndex().blobCount(BlobType.DATA));
        saver.flush();
        MasterIndex onDisk = repo.loadIndex();
        for (Id id : l.dataBlobs()) {
            assertEquals(BlobSaver.State.INDEXED, saver.state(BlobType.DATA, id));
        }
        for (Node n : l.leaves()) {
            for (Id id : n.content()) {
                assertTrue(onDisk.has(id, BlobType.DATA), n.nameString() + " not indexed on disk");
            }
        }
    }

    @Test
    void run_withBlobWorkers_largeFileGetsTheSameChunksAsOnTheTaskThread() throws IOException {
        Path big = Files.createDirectories(tmp.resolve("big"));
        byte[] data = new byte[20 << 20]; // past 16 MiB, at least 3 chunks whatever the polynomial
        new java.util.Random(3).nextBytes(data);
        Files.write(big.resolve("large.bin"), data);
        List<Id> sequential = scanner(100).run(whole(big, false)).leaves().get(0).content();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            BlobSaver shared = new BlobSaver(repo, new IndexSaver(repo), 1 << 20, BlobSaver.Compression.AUTO);
            DirectoryListing l = new DirectoryScanner(repo, shared, new BackupOptions(Excluder.none(), Optional.empty(),
                    false), 100, ArchiverListener.NONE, pool, 2).run(whole(big, false));
            assertTrue(sequential.size() > 2, "several chunks: " + sequential.size());
            assertEquals(sequential, l.leaves().get(0).content());
            assertEquals(data.length, l.leaves().get(0).size());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void run_moreEntriesThanThreshold_returnsSplitPointsAndSavesNothing() throws IOException {
        DirectoryListing l = scanner(3).run(whole(dir, false));
        assertEquals(List.of("d", "sub2"), l.splitPoints());
        assertTrue(l.leaves().isEmpty() && l.subdirs().isEmpty());
        assertEquals(0, repo.loadIndex().blobCount(BlobType.DATA));
    }

    @Test
    void run_slice_coversOnlyNamesInItsRange() throws IOException {
        DirectoryListing l = scanner(3).run(new DirectoryTask(dir, Optional.empty(), Optional.of("d"),
                Optional.of("sub2"), false));
        assertEquals(List.of("d", "e"), l.leaves().stream().map(Node::nameString).toList());
        assertEquals(List.of("sub1"), l.subdirs().stream().map(s -> s.node().nameString()).toList());
    }

    @Test
    void run_targetFile_returnsItsNodeAndAncestors() throws IOException {
        DirectoryListing l = scanner(100).run(whole(dir.resolve("a"), true));
        assertEquals("a", l.self().orElseThrow().nameString());
        assertEquals(dir.getNameCount(), l.ancestors().size());
        assertEquals("src", l.ancestors().get(l.ancestors().size() - 1).nameString());        assertEquals(java.util.Set.copyOf(l.self().orElseThrow().content()), l.dataBlobs());
    }

    @Test
    void run_missingTarget_throwsNotFound() {
        assertThrows(NotFoundException.class, () -> scanner(100).run(whole(dir.resolve("nope"), true)));
    }
}
