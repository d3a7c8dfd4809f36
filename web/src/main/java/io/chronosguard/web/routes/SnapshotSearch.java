package io.chronosguard.web.routes;

import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.web.dto.SearchHit;
import io.chronosguard.web.dto.SearchPage;
import io.chronosguard.web.dto.TreeEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Finds files and directories whose name contains a text (ignoring case) across snapshots,
 * newest snapshot first. Trees are content-addressed, so a directory unchanged between
 * snapshots is one tree: its matches are computed once per search and reused. At most
 * {@code cap} matches are collected, so a one-letter query cannot exhaust memory.
 */
final class SnapshotSearch {
    static final int DEFAULT_CAP = 10_000;

    private record Match(String path, Node node) {
    }

    private final BlobLoader blobs;
    private final String query;
    private final String needle;
    private final int cap;
    private final Map<Id, List<Match>> memo = new HashMap<>();

    SnapshotSearch(BlobLoader blobs, String query, int cap) {
        this.blobs = blobs;
        this.query = query;
        this.needle = query.toLowerCase(Locale.ROOT);
        this.cap = cap;
    }

    /** Page {@code page} (from 1) of {@code size} hits over {@code snapshots} (oldest first, as listed). */
    SearchPage search(List<Snapshots.Entry> snapshots, int page, int size) {
        List<SearchHit> all = new ArrayList<>();
        boolean truncated = false;
        for (int i = snapshots.size() - 1; i >= 0 && !truncated; i--) {
            Snapshots.Entry e = snapshots.get(i);
            for (Match m : matches(Id.parse(e.snapshot().tree()))) {
                if (all.size() >= cap) {
                    truncated = true;
                    break;
                }
                String parent = m.path().substring(0, m.path().lastIndexOf('/'));
                all.add(new SearchHit(e.id().hex(), e.id().shortHex(), e.snapshot().time(),
                        TreeEntry.of(parent.isEmpty() ? "/" : parent, m.node())));
            }
        }
        int from = (int) Math.min(all.size(), (long) (page - 1) * size);
        int to = Math.min(all.size(), from + size);
        return new SearchPage(query, page, size, all.size(), truncated, List.copyOf(all.subList(from, to)));
    }

    /** Matches below {@code tree}, with paths relative to it ("/a/b"). */
    private List<Match> matches(Id tree) {
        List<Match> known = memo.get(tree);
        if (known != null) {
            return known;
        }
        List<Match> out = new ArrayList<>();
        for (Node n : blobs.loadTree(tree).nodes()) {
            String rel = "/" + n.nameString();
            if (n.nameString().toLowerCase(Locale.ROOT).contains(needle)) {
                out.add(new Match(rel, n));
            }
            if (n.type() == NodeType.DIR && n.subtree() != null) {
                for (Match m : matches(n.subtree())) {
                    out.add(new Match(rel + m.path(), m.node()));
                }
            }
            if (out.size() > cap) {
                break;
            }
        }
        memo.put(tree, out);
        return out;
    }
}
