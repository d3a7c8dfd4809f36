package io.chronosguard.engine.stats;

import static io.chronosguard.engine.repo.InMemoryBlobs.dir;
import static io.chronosguard.engine.repo.InMemoryBlobs.symlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.InMemoryBlobs;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.TreeCodec;
import java.util.Collections;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatsCollectorTest {
    InMemoryBlobs repo;
    Id c1;
    Id c2;
    Id c3;
    Id sub;
    Id first;
    Id second;

    /**
     * Snapshot 1: /a (c1 c2), /hard1 and /hard2 (one inode, c3), /link, /d/copy (c1 c2).
     * Snapshot 2: the same /d, and /a now (c1 c3).
     */
    @BeforeEach
    void setUp() {
        repo = new InMemoryBlobs();
        c1 = repo.data("0123456789");
        c2 = repo.data("abcdefghijklmnopqrst");
        c3 = repo.data("xyz");
        Node hard = repo.file("hard1", 0644, c3).toBuilder().inode(42).deviceId(7).links(2).build();
        sub = repo.tree(repo.file("copy", 0644, c1, c2));
        first = repo.tree(repo.file("a", 0644, c1, c2), dir("d", sub), hard, hard.toBuilder().name("hard2").build(),
                symlink("link", "a"));
        second = repo.tree(repo.file("a", 0644, c1, c3), dir("d", sub));
    }

    RepoStats collect(StatsMode mode, Id... roots) {
        StatsCollector c = new StatsCollector(repo, mode);
        for (Id r : roots) {
            c.add(r);
        }
        return c.result();
    }

    @Test
    void restoreSize_countsEveryEntry_hardLinksOnce() {
        RepoStats s = collect(StatsMode.RESTORE_SIZE, first);
        assertEquals(6, s.totalFileCount(), "a, d, d/copy, hard1, hard2, link");
        assertEquals(30 + 30 + 3, s.totalSize());
        assertEquals(1, s.snapshotsCount());
    }

    @Test
    void restoreSize_twoSnapshots_addsBoth() {
        RepoStats s = collect(StatsMode.RESTORE_SIZE, first, second);
        assertEquals(6 + 3, s.totalFileCount());
        assertEquals(63 + 13 + 30, s.totalSize());
    }

    @Test
    void restoreSize_sameInodeOnAnotherDevice_countsBoth() {
        Node x = repo.file("x", 0644, c3).toBuilder().inode(5).deviceId(1).build();
        Node y = repo.file("y", 0644, c3).toBuilder().inode(5).deviceId(2).build();
        assertEquals(6, collect(StatsMode.RESTORE_SIZE, repo.tree(x, y)).totalSize());
    }

    @Test
    void filesByContents_uniqueContentLists_emptyContentCountsOnce() {
        RepoStats s = collect(StatsMode.FILES_BY_CONTENTS, first, second);
        // [c1 c2] (a, d/copy), [] (d, link), [c3] (hard1/2), [c1 c3]: restic counts the same four.
        assertEquals(4, s.totalFileCount());
        assertEquals(30 + 3 + 13, s.totalSize());
    }

    @Test
    void filesByContents_subtreeSeenBefore_isNotReadAgain() {
        collect(StatsMode.FILES_BY_CONTENTS, first, second);
        assertEquals(1, Collections.frequency(repo.treeLoads(), sub));
    }

    @Test
    void blobsPerFile_countsBlobsOncePerPathOfContentUniqueFiles() {
        RepoStats s = collect(StatsMode.BLOBS_PER_FILE, first, second);
        // /a [c1 c2] → 2 blobs; /hard1 [c3] → 1; /a again with [c1 c3] → only c3 is new for /a.
        assertEquals(2, s.totalFileCount());
        assertEquals(4, s.totalBlobCount());
        assertEquals(10 + 20 + 3 + 3, s.totalSize());
    }

    @Test
    void rawData_eachBlobOnceAtStoredSize_withCompressionAndDedupRatios() {
        RepoStats s = collect(StatsMode.RAW_DATA, first, second);
        long[] trees = {json(first), json(second), json(sub)};
        // InMemoryBlobs "compresses" everything to half, plus 32 bytes of IV and MAC.
        long stored = (5 + 32) + (10 + 32) + (1 + 32);
        long full = (10 + 32) + (20 + 32) + (3 + 32);
        for (long t : trees) {
            stored += t / 2 + 32;
            full += t + 32;
        }
        assertEquals(6, s.totalBlobCount());
        assertEquals(0, s.totalFileCount());
        assertEquals(stored, s.totalSize());
        assertEquals(full, s.totalUncompressedSize());
        assertEquals((double) full / stored, s.compressionRatio(), 1e-9);
        assertEquals(100.0, s.compressionProgress(), 1e-9);
        assertEquals(63 + 13 + 30, s.restoreSize());
        assertEquals((63.0 + 13 + 30) / full, s.dedupRatio(), 1e-9);
    }

    @Test
    void rawData_uncompressedBlobs_haveNoCompressionRatio() {
        InMemoryBlobs plain = new InMemoryBlobs().uncompressed();
        Id root = plain.tree(plain.file("f", 0644, plain.data("plain data")));
        StatsCollector c = new StatsCollector(plain, StatsMode.RAW_DATA);
        c.add(root);
        RepoStats s = c.result();
        // The tree blob is still compressed (as restic 0.14 does with --compression off).
        assertEquals(10 + 32, s.totalSize() - s.compressedSize());
        assertTrue(s.compressionProgress() < 100);
        assertFalse(s.compressionSpaceSaving() < 0);
    }

    @Test
    void rawData_blobMissingFromIndex_throwsCorruptNamingIt() {
        repo.unindex(c3);
        CorruptDataException e = assertThrows(CorruptDataException.class, () -> collect(StatsMode.RAW_DATA, second));
        assertTrue(e.getMessage().contains(c3.hex()), e.getMessage());
    }

    long json(Id tree) {
        return TreeCodec.serialize(repo.loadTree(tree)).length;
    }
}
