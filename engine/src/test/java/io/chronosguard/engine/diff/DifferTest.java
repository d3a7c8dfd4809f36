package io.chronosguard.engine.diff;

import static io.chronosguard.engine.repo.InMemoryBlobs.dir;
import static io.chronosguard.engine.repo.InMemoryBlobs.symlink;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.InMemoryBlobs;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.TreeCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DifferTest {
    InMemoryBlobs repo;
    List<String> lines;
    Id shared;

    @BeforeEach
    void setUp() {
        repo = new InMemoryBlobs();
        lines = new ArrayList<>();
        shared = repo.tree(repo.file("same.txt", 0644, repo.data("unchanged")));
    }

    DiffStats diff(Id a, Id b, boolean metadata) {
        return new Differ(repo, metadata, c -> lines.add(c.kind().modifier() + " " + c.displayPath())).diff(a, b);
    }

    @Test
    void diff_addedRemovedModifiedAndTypeChanged_reportedInPathOrderLikeRestic() {
        Id keep = repo.data("keep");
        Id oldDir = repo.tree(repo.file("inner.txt", 0644, repo.data("inner")));
        Id a = repo.tree(
                repo.file("changed.txt", 0644, repo.data("v1")),
                repo.file("gone.txt", 0644, repo.data("gone")),
                repo.file("keep.txt", 0644, keep),
                dir("old", oldDir),
                dir("shared", shared),
                repo.file("was-file", 0644, repo.data("was a file")));
        Id newDir = repo.tree(repo.file("fresh.txt", 0644, repo.data("fresh")));
        Id b = repo.tree(
                repo.file("added.txt", 0644, repo.data("added")),
                repo.file("changed.txt", 0644, repo.data("v2")),
                repo.file("keep.txt", 0644, keep),
                dir("new", newDir),
                dir("shared", shared),
                symlink("was-file", "keep.txt"));
        DiffStats s = diff(a, b, false);
        assertEquals(List.of("+ /added.txt", "M /changed.txt", "- /gone.txt", "+ /new/", "+ /new/fresh.txt",
                "- /old/", "- /old/inner.txt", "T /was-file"), lines);
        assertEquals(1, s.changedFiles());
        // Entries: the T entry counts on neither side. Blobs: new data "added", "v2", "fresh" and the
        // trees b and new/; gone "v1", "gone", "inner", "was a file" and the trees a and old/.
        long addedBytes = "added".length() + "v2".length() + "fresh".length() + json(b) + json(newDir);
        long removedBytes = "v1".length() + "gone".length() + "inner".length() + "was a file".length()
                + json(a) + json(oldDir);
        assertEquals(new DiffStats.Counts(2, 1, 0, 3, 2, addedBytes), s.added());
        assertEquals(new DiffStats.Counts(2, 1, 0, 4, 2, removedBytes), s.removed());
        assertEquals(
                List.of(), lines.stream().filter(l -> l.contains("shared") || l.contains("keep")).toList());
    }

    long json(Id tree) {
        return TreeCodec.serialize(repo.loadTree(tree)).length;
    }

    @Test
    void diff_identicalSubtrees_notComparedAndScannedOnceForBlobTotals() {
        Id a = repo.tree(dir("s1", shared), dir("s2", shared), repo.file("x", 0644, repo.data("1")));
        Id b = repo.tree(dir("s1", shared), dir("s2", shared), repo.file("x", 0644, repo.data("2")));
        diff(a, b, false);
        assertEquals(List.of("M /x"), lines);
        assertEquals(1, Collections.frequency(repo.treeLoads(), shared),
                "read once, only to check that the new blobs are not in it");
    }

    @Test
    void diff_sameRootTree_readsNothing() {
        Id a = repo.tree(dir("shared", shared));
        diff(a, a, true);
        assertEquals(List.of(), repo.treeLoads());
    }

    @Test
    void diff_blobMovedIntoSharedSubtree_isNeitherAddedNorRemoved() {
        Id common = repo.data("same.txt is also here");
        Id sharedWithCopy = repo.tree(repo.file("copy", 0644, common));
        Id a = repo.tree(dir("shared", sharedWithCopy), repo.file("moved", 0644, common));
        Id b = repo.tree(dir("shared", sharedWithCopy), repo.file("renamed", 0644, common));
        DiffStats s = diff(a, b, false);
        assertEquals(List.of("- /moved", "+ /renamed"), lines);
        assertEquals(0, s.added().dataBlobs());
        assertEquals(0, s.removed().dataBlobs());
        assertEquals(1, s.added().treeBlobs(), "only the new root tree");
        assertEquals(1, s.removed().treeBlobs());
    }

    @Test
    void diff_blobShownAsRemovedButKeptInSharedSubtree_isLookedUpThere() {
        Id common = repo.data("kept elsewhere");
        Id sharedWithCopy = repo.tree(repo.file("copy", 0644, common));
        Id a = repo.tree(dir("shared", sharedWithCopy), repo.file("dropped", 0644, common));
        Id b = repo.tree(dir("shared", sharedWithCopy));
        DiffStats s = diff(a, b, false);
        assertEquals(List.of("- /dropped"), lines);
        assertEquals(0, s.removed().dataBlobs(), "the content still lives in /shared/copy");
        assertTrue(repo.treeLoads().contains(sharedWithCopy));
    }

    @Test
    void diff_metadataOnly_reportedOnlyWithMetadataFlag() {
        Id content = repo.data("c");
        Node plain = repo.file("f", 0644, content);
        Id a = repo.tree(plain, symlink("l", "x"));
        Id b = repo.tree(plain.toBuilder().mode(Node.goModeOf(plain.type(), 0600)).build(), symlink("l", "y"));
        diff(a, b, false);
        assertEquals(List.of(), lines);
        diff(a, b, true);
        assertEquals(List.of("U /f", "U /l"), lines);
    }

    @Test
    void diff_atimeCtimeInodeOnly_isNotAMetadataChange() {
        Node n = repo.file("f", 0644, repo.data("c"));
        Node touched = n.toBuilder().atime(InMemoryBlobs.T0.plusDays(1)).ctime(InMemoryBlobs.T0.plusDays(1))
                .inode(99).build();
        diff(repo.tree(n), repo.tree(touched), true);
        assertEquals(List.of(), lines);
    }

    @Test
    void diff_contentAndModeChanged_reportsOnlyM() {
        Node n = repo.file("f", 0644, repo.data("1"));
        Node m = repo.file("f", 0600, repo.data("2"));
        diff(repo.tree(n), repo.tree(m), true);
        assertEquals(List.of("M /f"), lines);
    }

    @Test
    void diff_directoryBecameFile_listsItsOldEntriesAsRemoved() {
        // restic 0.14 prints only the T line here; we also say what went away with the directory.
        Id inner = repo.tree(repo.file("a", 0644, repo.data("a")));
        Id a = repo.tree(dir("x", inner));
        Id b = repo.tree(repo.file("x", 0644, repo.data("now a file")));
        DiffStats s = diff(a, b, false);
        assertEquals(List.of("T /x", "- /x/a"), lines);
        assertEquals(1, s.removed().files());
        assertEquals(0, s.added().files());
    }

    @Test
    void diff_sameRoot_reportsNothing() {
        Id a = repo.tree(dir("shared", shared));
        DiffStats s = diff(a, a, true);
        assertEquals(List.of(), lines);
        DiffStats.Counts none = new DiffStats.Counts(0, 0, 0, 0, 0, 0);
        assertEquals(new DiffStats(0, none, none), s);
    }

    @Test
    void diff_calledTwice_throwsIllegalState() {
        Id a = repo.tree(dir("shared", shared));
        Differ d = new Differ(repo, false, c -> { });
        d.diff(a, a);
        assertThrows(IllegalStateException.class, () -> d.diff(a, a));
    }
}
