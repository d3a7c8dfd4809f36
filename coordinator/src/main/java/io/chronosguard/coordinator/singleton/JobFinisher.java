package io.chronosguard.coordinator.singleton;

import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.ResticTime;
import io.chronosguard.engine.repo.format.Snapshot;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.engine.repo.format.TreeCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's blocking steps, run on the node's blocking executor: finding the parent
 * snapshot, and at the end storing the root tree, flushing the job's tree packs and index,
 * and writing the snapshot (always last, so a crash before leaves no snapshot at all).
 */
final class JobFinisher {
    /** The parent snapshot and the targets' trees in it. */
    record Parent(Optional<Id> snapshot, Map<String, Id> trees) {
    }

    record Result(Id snapshotId, long treeBytesAdded) {
    }

    /** Stores a job's tree blobs in packs of the coordinator's node. */
    static final class TreeSink {
        private final BlobSaver saver;
        private final AtomicLong added = new AtomicLong();

        TreeSink(BlobSaver saver) {
            this.saver = saver;
        }

        Id save(Tree t) {
            byte[] json = TreeCodec.serialize(t);
            BlobSaver.Saved s = saver.save(BlobType.TREE, json, json.length);
            added.addAndGet(s.storedBytes());
            return s.id();
        }
    }

    private final NodeServices node;

    JobFinisher(NodeServices node) {
        this.node = node;
    }

    TreeSink treeSink() {
        Repository repo = node.repository();
        return new TreeSink(new BlobSaver(repo, new IndexSaver(repo), node.tuning().packSize(),
                node.tuning().compression()));
    }

    /** Absolute, normalised, de-duplicated; a path inside another one is dropped (as in a local backup). */
    static List<String> normalize(List<String> paths) {
        List<Path> abs = new ArrayList<>();
        for (String s : paths) {
            Path a = Path.of(s).toAbsolutePath().normalize();
            if (!abs.contains(a)) {
                abs.add(a);
            }
        }
        return abs.stream().filter(a -> abs.stream().noneMatch(o -> !o.equals(a) && a.startsWith(o)))
                .map(Path::toString).toList();
    }

    /** The latest snapshot of the same host and paths, and each target's tree in it (where still readable). */
    Parent findParent(List<String> paths, String hostname) {
        Repository repo = node.repository();
        TreeSet<String> want = new TreeSet<>(paths);
        Snapshots.Entry best = null;
        for (Snapshots.Entry e : Snapshots.all(repo)) {
            if (hostname.equals(e.snapshot().hostname()) && want.equals(new TreeSet<>(e.snapshot().paths()))) {
                best = e;
            }
        }
        Map<String, Id> trees = new HashMap<>();
        if (best == null) {
            return new Parent(Optional.empty(), trees);
        }
        for (String p : paths) {
            subtree(repo, Id.parse(best.snapshot().tree()), Path.of(p)).ifPresent(id -> trees.put(p, id));
        }
        return new Parent(Optional.of(best.id()), trees);
    }

    /**
     * The snapshot of these very trees that the interrupted coordinator wrote just before it
     * died, if it did (it writes the snapshot last, and may die before recording it): the
     * resumed job then reports that one instead of writing a second, identical snapshot.
     */
    private Optional<Id> writtenBefore(Job j, Id root) {
        for (Snapshots.Entry e : Snapshots.all(node.repository())) {
            Snapshot s = e.snapshot();
            if (root.hex().equals(s.tree()) && j.hostname.equals(s.hostname())
                    && new TreeSet<>(j.paths).equals(new TreeSet<>(s.paths()))
                    && !ResticTime.parse(s.time(), "snapshot " + e.id().shortHex()).toInstant().isBefore(j.started)) {
                return Optional.of(e.id());
            }
        }
        return Optional.empty();
    }

    /** The tree at {@code path} below {@code root}; empty when absent or not in this node's index. */
    private static Optional<Id> subtree(Repository repo, Id root, Path path) {
        Id cur = root;
        try {
            for (Path c : path) {
                Optional<Node> n = repo.loadTree(cur).find(c.toString().getBytes(StandardCharsets.UTF_8));
                if (n.isEmpty() || n.get().type() != NodeType.DIR || n.get().subtree() == null) {
                    return Optional.empty();
                }
                cur = n.get().subtree();
            }
            return Optional.of(cur);
        } catch (EngineException e) {
            return Optional.empty();
        }
    }

    Result finish(Job j) {
        Id root = j.buildRoot();
        j.treeSink.saver.flush();
        if (j.resumed != null) {
            Optional<Id> written = writtenBefore(j, root);
            if (written.isPresent()) {
                return new Result(written.get(), j.treeSink.added.get());
            }
        }
        Host host = Host.current();
        Snapshot snap = new Snapshot(ResticTime.format(OffsetDateTime.now(node.clock())),
                j.parentSnapshot.map(Id::hex).orElse(null), root.hex(), j.paths, j.hostname, host.username(),
                host.uid(), host.gid(), List.of(), j.tags, null);
        Id id = node.repository().saveUnpacked(FileType.SNAPSHOT, ResticJson.write(snap));
        return new Result(id, j.treeSink.added.get());
    }
}
