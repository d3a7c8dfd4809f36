package io.chronosguard.engine.diff;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compares two snapshot trees. Walks both in name (byte) order, reporting each change to the
 * listener: {@code +} added, {@code -} removed (with everything below a removed or added
 * directory), {@code M} content changed, {@code T} type changed, and with {@code metadata}
 * on, {@code U} for entries whose type and content are the same but whose mode, mtime,
 * owner, link target, device or extended attributes differ. Subtrees with the same id are
 * identical and are not descended.
 *
 * <p>Blob totals follow restic 0.14: a blob is added when only the new snapshot references
 * it and removed when only the old one does; sizes are plaintext sizes from the index. To
 * tell that, blobs met in the changed parts are checked against the identical subtrees,
 * which are read only when some blob is still unaccounted for.
 *
 * <p>Deliberate differences from restic 0.14: its {@code U} compares every node field
 * (atime, ctime, inode, subtree...), so it marks every parent of a change and every file
 * merely read; ours compares what a user changes. When an entry changes type to or from a
 * directory, restic prints only the {@code T} line; we also list the directory's entries as
 * added or removed and count them.
 */
public final class Differ {
    private final BlobLoader blobs;
    private final boolean metadata;
    private final Consumer<Change> listener;

    private final Set<BlobRef> before = new HashSet<>();
    private final Set<BlobRef> after = new HashSet<>();
    private final Set<Id> identical = new LinkedHashSet<>();
    private final Tally added = new Tally();
    private final Tally removed = new Tally();
    private long changedFiles;

    /**
     * @param metadata whether to report {@code U} changes (restic's {@code --metadata})
     * @param listener gets each change as it is found, in path order
     */
    public Differ(BlobLoader blobs, boolean metadata, Consumer<Change> listener) {
        this.blobs = blobs;
        this.metadata = metadata;
        this.listener = listener;
    }

    /** Compares the snapshot with root tree {@code from} to the one with root {@code to}. */
    public DiffStats diff(Id from, Id to) {
        if (!before.isEmpty()) {
            throw new IllegalStateException("a Differ compares once; make a new one");
        }
        before.add(new BlobRef(from, BlobType.TREE));
        after.add(new BlobRef(to, BlobType.TREE));
        if (!from.equals(to)) {
            diffTrees(from, to, "");
        } else {
            identical.add(from);
        }
        Set<BlobRef> gone = new HashSet<>(before);
        gone.removeAll(after);
        Set<BlobRef> fresh = new HashSet<>(after);
        fresh.removeAll(before);
        discountIdentical(gone, fresh);
        return new DiffStats(changedFiles, added.counts(fresh), removed.counts(gone));
    }

    private void diffTrees(Id a, Id b, String prefix) {
        List<Node> left = blobs.loadTree(a).nodes();
        List<Node> right = blobs.loadTree(b).nodes();
        int i = 0;
        int j = 0;
        while (i < left.size() || j < right.size()) {
            int c = i == left.size() ? 1 : j == right.size() ? -1 : Node.BY_NAME.compare(left.get(i), right.get(j));
            Node n1 = c <= 0 ? left.get(i++) : null;
            Node n2 = c >= 0 ? right.get(j++) : null;
            addBlobs(before, n1);
            addBlobs(after, n2);
            String path = prefix + "/" + (n1 != null ? n1 : n2).nameString();
            if (n2 == null) {
                entryGone(n1, path);
            } else if (n1 == null) {
                entryNew(n2, path);
            } else {
                compare(n1, n2, path);
            }
        }
    }

    private void entryGone(Node n, String path) {
        emit(ChangeKind.REMOVED, path, n);
        removed.add(n);
        if (isDir(n)) {
            list(n.subtree(), path, ChangeKind.REMOVED, removed, before);
        }
    }

    private void entryNew(Node n, String path) {
        emit(ChangeKind.ADDED, path, n);
        added.add(n);
        if (isDir(n)) {
            list(n.subtree(), path, ChangeKind.ADDED, added, after);
        }
    }

    private void compare(Node n1, Node n2, String path) {
        if (n1.type() != n2.type()) {
            emit(ChangeKind.TYPE_CHANGED, path, n2);
            if (isDir(n1)) {
                list(n1.subtree(), path, ChangeKind.REMOVED, removed, before);
            }
            if (isDir(n2)) {
                list(n2.subtree(), path, ChangeKind.ADDED, added, after);
            }
            return;
        }
        if (n1.type() == NodeType.FILE && !Objects.equals(n1.content(), n2.content())) {
            emit(ChangeKind.MODIFIED, path, n2);
            changedFiles++;
        } else if (metadata && !sameMetadata(n1, n2)) {
            emit(ChangeKind.METADATA, path, n2);
        }
        if (isDir(n1) && isDir(n2)) {
            if (n1.subtree().equals(n2.subtree())) {
                identical.add(n1.subtree());
            } else {
                diffTrees(n1.subtree(), n2.subtree(), path);
            }
        }
    }

    /** What a user changes with chmod, chown, touch, ln -sf or setfattr; not atime or ctime. */
    static boolean sameMetadata(Node a, Node b) {
        return a.mode() == b.mode() && a.mtime().isEqual(b.mtime())
                && a.uid() == b.uid() && a.gid() == b.gid()
                && Objects.equals(a.user(), b.user()) && Objects.equals(a.group(), b.group())
                && Objects.equals(a.linktarget(), b.linktarget()) && a.device() == b.device()
                && a.extendedAttributes().equals(b.extendedAttributes());
    }

    /** Reports everything below a directory that appeared or disappeared as a whole. */
    private void list(Id tree, String prefix, ChangeKind kind, Tally tally, Set<BlobRef> seen) {
        for (Node n : blobs.loadTree(tree).nodes()) {
            String path = prefix + "/" + n.nameString();
            emit(kind, path, n);
            tally.add(n);
            addBlobs(seen, n);
            if (isDir(n)) {
                list(n.subtree(), path, kind, tally, seen);
            }
        }
    }

    /**
     * A blob referenced in a changed part of one snapshot may also sit in a subtree both share;
     * then it was neither added nor removed. Walks the shared subtrees only while some
     * candidate is left, each distinct tree once.
     */
    private void discountIdentical(Set<BlobRef> gone, Set<BlobRef> fresh) {
        Set<Id> visited = new HashSet<>();
        for (Id tree : identical) {
            discount(tree, gone, fresh, visited);
        }
    }

    private void discount(Id tree, Set<BlobRef> gone, Set<BlobRef> fresh, Set<Id> visited) {
        if ((gone.isEmpty() && fresh.isEmpty()) || !visited.add(tree)) {
            return;
        }
        for (Node n : blobs.loadTree(tree).nodes()) {
            if (n.type() == NodeType.FILE && n.content() != null) {
                for (Id id : n.content()) {
                    BlobRef ref = new BlobRef(id, BlobType.DATA);
                    gone.remove(ref);
                    fresh.remove(ref);
                }
            } else if (isDir(n)) {
                BlobRef ref = new BlobRef(n.subtree(), BlobType.TREE);
                gone.remove(ref);
                fresh.remove(ref);
                discount(n.subtree(), gone, fresh, visited);
            }
        }
    }

    private static void addBlobs(Set<BlobRef> set, Node n) {
        if (n == null) {
            return;
        }
        if (n.type() == NodeType.FILE && n.content() != null) {
            for (Id id : n.content()) {
                set.add(new BlobRef(id, BlobType.DATA));
            }
        } else if (isDir(n)) {
            set.add(new BlobRef(n.subtree(), BlobType.TREE));
        }
    }

    private static boolean isDir(Node n) {
        return n.type() == NodeType.DIR && n.subtree() != null;
    }

    private void emit(ChangeKind kind, String path, Node n) {
        listener.accept(new Change(kind, path, n.type() == NodeType.DIR));
    }

    private record BlobRef(Id id, BlobType type) {
    }

    /** Entry counts for one side, then blob counts and sizes. */
    private final class Tally {
        private long files;
        private long dirs;
        private long others;

        void add(Node n) {
            switch (n.type()) {
                case FILE -> files++;
                case DIR -> dirs++;
                default -> others++;
            }
        }

        DiffStats.Counts counts(Set<BlobRef> refs) {
            long data = 0;
            long trees = 0;
            long bytes = 0;
            for (BlobRef r : refs) {
                if (r.type() == BlobType.DATA) {
                    data++;
                } else {
                    trees++;
                }
                bytes += blobs.lookup(r.id(), r.type()).orElseThrow(() -> new CorruptDataException(
                        r.type().json() + " blob " + r.id().hex() + " is not in any index")).plaintextLength();
            }
            return new DiffStats.Counts(files, dirs, others, data, trees, bytes);
        }
    }
}
