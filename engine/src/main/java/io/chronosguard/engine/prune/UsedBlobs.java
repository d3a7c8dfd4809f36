package io.chronosguard.engine.prune;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.index.MasterIndex;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Snapshot;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.engine.repo.format.TreeCodec;
import io.chronosguard.engine.repo.format.TreeFormatException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds every blob the given snapshots reach: their trees, each tree once however many
 * snapshots share it, and every data blob of every file. Trees are read through the index
 * prune loaded (all index files); a tree no index names, or one that no copy of loads,
 * stops the prune before anything changes.
 */
final class UsedBlobs {
    private final Repository repo;
    private final MasterIndex index;

    UsedBlobs(Repository repo, MasterIndex index) {
        this.repo = repo;
        this.index = index;
    }

    Set<BlobHandle> collect(List<Id> snapshots) {
        Set<BlobHandle> used = new HashSet<>();
        for (Id sid : snapshots) {
            Snapshot s = repo.loadSnapshot(sid);
            Deque<Id> todo = new ArrayDeque<>();
            todo.push(Id.parse(s.tree()));
            while (!todo.isEmpty()) {
                Id tid = todo.pop();
                if (used.add(new BlobHandle(tid, BlobType.TREE))) {
                    addChildren(loadTree(tid, sid), todo, used);
                }
            }
        }
        return used;
    }

    private static void addChildren(Tree tree, Deque<Id> todo, Set<BlobHandle> used) {
        for (Node n : tree.nodes()) {
            if (n.type() == NodeType.DIR && n.subtree() != null) {
                todo.push(n.subtree());
            } else if (n.type() == NodeType.FILE && n.content() != null) {
                for (Id blob : n.content()) {
                    used.add(new BlobHandle(blob, BlobType.DATA));
                }
            }
        }
    }

    /** Loads a tree from the first of its copies that verifies. */
    private Tree loadTree(Id tid, Id snapshot) {
        List<PackedBlob> copies = index.locations(tid, BlobType.TREE);
        if (copies.isEmpty()) {
            throw new CorruptDataException("tree " + tid.hex() + " (reached from snapshot " + snapshot.shortHex()
                    + ") is not in any index: data seems to be missing; prune refuses to run to prevent (more)"
                    + " data loss, nothing was changed");
        }
        CorruptDataException first = null;
        for (PackedBlob copy : copies) {
            try {
                return TreeCodec.parse(repo.loadBlob(copy));
            } catch (CorruptDataException e) {
                first = first == null ? e : first;
            } catch (TreeFormatException e) {
                first = first == null ? new CorruptDataException("tree " + tid.hex() + " cannot be parsed: "
                        + e.getMessage(), e) : first;
            }
        }
        throw new CorruptDataException(first.getMessage() + "; prune cannot tell which blobs are used and refuses"
                + " to run, nothing was changed", first);
    }
}
