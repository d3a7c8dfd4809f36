package io.chronosguard.web.routes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Snapshot;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.web.dto.SearchHit;
import io.chronosguard.web.dto.SearchPage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotSearchTest {
    /** Trees by made-up ids; counts loads. */
    static final class Trees implements BlobLoader {
        final Map<Id, Tree> trees = new HashMap<>();
        final List<Id> loads = new ArrayList<>();

        Id add(String name, Node... nodes) {
            Id id = Id.hash(name.getBytes(StandardCharsets.UTF_8));
            trees.put(id, Tree.sorted(List.of(nodes)));
            return id;
        }

        @Override
        public Tree loadTree(Id id) {
            loads.add(id);
            return trees.get(id);
        }

        @Override
        public byte[] loadBlob(Id id, BlobType type) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<PackedBlob> lookup(Id id, BlobType type) {
            return Optional.empty();
        }
    }

    static Node file(String name, long size) {
        return Node.builder(name, NodeType.FILE).size(size).content(List.of()).mtime(Node.ZERO_TIME).build();
    }

    static Node dir(String name, Id subtree) {
        return Node.builder(name, NodeType.DIR).subtree(subtree).mtime(Node.ZERO_TIME).build();
    }

    static Snapshots.Entry snapshot(String id, String time, Id root) {
        return new Snapshots.Entry(Id.hash(id.getBytes(StandardCharsets.UTF_8)),
                new Snapshot(time, null, root.hex(), List.of("/home"), "h", "u", 0, 0, null, null, null));
    }

    @Test
    void search_sharedSubtree_isWalkedOnce_andReportedForEachSnapshotNewestFirst() {
        Trees t = new Trees();
        Id docs = t.add("docs", file("Report-2024.PDF", 10), file("notes.txt", 3));
        Id root1 = t.add("root1", dir("docs", docs));
        Id root2 = t.add("root2", dir("docs", docs), file("report-draft.txt", 5));
        List<Snapshots.Entry> snaps = List.of(snapshot("old", "2024-01-01T00:00:00Z", root1),
                snapshot("new", "2024-02-01T00:00:00Z", root2));

        SearchPage page = new SnapshotSearch(t, "REPORT", 100).search(snaps, 1, 10);

        assertEquals(3, page.total());
        assertFalse(page.truncated());
        List<String> got = page.hits().stream().map(h -> h.snapshotTime().substring(0, 7) + " " + h.entry().path())
                .toList();
        assertEquals(List.of("2024-02 /docs/Report-2024.PDF", "2024-02 /report-draft.txt",
                "2024-01 /docs/Report-2024.PDF"), got);
        assertEquals(1, t.loads.stream().filter(docs::equals).count(), "the shared docs tree was loaded again");
    }

    @Test
    void search_manyMatches_stopsAtTheCap_andPages() {
        Trees t = new Trees();
        List<Node> files = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            files.add(file(String.format("log-%02d.txt", i), i));
        }
        Id root = t.add("root", files.toArray(Node[]::new));
        List<Snapshots.Entry> snaps = List.of(snapshot("s", "2024-01-01T00:00:00Z", root));

        SearchPage capped = new SnapshotSearch(t, "log", 7).search(snaps, 1, 5);
        assertEquals(7, capped.total());
        assertTrue(capped.truncated());
        assertEquals(5, capped.hits().size());

        SearchPage second = new SnapshotSearch(t, "log", 100).search(snaps, 2, 5);
        List<String> names = second.hits().stream().map(SearchHit::entry).map(e -> e.name()).toList();
        assertEquals(List.of("log-05.txt", "log-06.txt", "log-07.txt", "log-08.txt", "log-09.txt"), names);
        assertEquals(List.of(), new SnapshotSearch(t, "log", 100).search(snaps, 9, 5).hits());
    }
}
