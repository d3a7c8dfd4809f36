package io.chronosguard.engine.checker;

import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.IndexFile;
import io.chronosguard.engine.index.MasterIndex;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Snapshot;
import io.chronosguard.engine.repo.format.Tree;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Checks a repository as restic's checker does and keeps going after each finding: every
 * index file decodes; every pack an index names exists; every snapshot decodes and every
 * tree and data blob it reaches is indexed and every tree parses; optionally, every pack's
 * bytes (hash, header, each blob's MAC and id) via {@link PackVerifier}.
 */
public final class Checker {
    private final Repository repo;
    private final Consumer<Problem> sink;
    private final List<Problem> problems = Collections.synchronizedList(new ArrayList<>());

    /** {@code sink} sees each problem as it is found (e.g. to print it at once). */
    public Checker(Repository repo, Consumer<Problem> sink) {
        this.repo = repo;
        this.sink = sink;
    }

    void report(Problem p) {
        problems.add(p);
        sink.accept(p);
    }

    public CheckResult check(CheckOptions opts) {
        MasterIndex index = loadIndex();
        Map<Id, List<PackedBlob>> byPack = new HashMap<>();
        for (PackedBlob b : index.all()) {
            byPack.computeIfAbsent(b.pack(), k -> new ArrayList<>()).add(b);
        }
        Set<Id> stored = new HashSet<>(repo.list(FileType.DATA));
        for (Id pack : byPack.keySet()) {
            if (!stored.contains(pack)) {
                report(Problem.error("pack " + pack.hex(), "is named by the index but missing from data/"));
            }
        }
        for (Id pack : stored) {
            if (!byPack.containsKey(pack)) {
                report(Problem.hint("pack " + pack.hex(), "is not referenced in any index (prune removes it)"));
            }
        }
        int[] counts = checkSnapshots(index);
        int packsRead = 0;
        if (opts.readDataPercent() > 0) {
            List<Id> toRead = new ArrayList<>(byPack.keySet());
            toRead.retainAll(stored);
            toRead = PackVerifier.subset(toRead, opts.readDataPercent());
            new PackVerifier(repo, this::report).verify(toRead, byPack, opts.threads());
            packsRead = toRead.size();
        }
        return new CheckResult(problems, counts[0], counts[1], packsRead);
    }

    private MasterIndex loadIndex() {
        MasterIndex idx = new MasterIndex();
        for (Id id : repo.list(FileType.INDEX)) {
            try {
                IndexFile f = repo.loadIndexFile(id);
                idx.addAll(f.blobs());
            } catch (EngineException e) {
                report(Problem.error("index " + id.hex(), e.getMessage()));
            }
        }
        return idx;
    }

    /** Walks every snapshot's trees once; returns {snapshots, trees}. */
    private int[] checkSnapshots(MasterIndex index) {
        Set<Id> seenTrees = new HashSet<>();
        Set<Id> missingData = new HashSet<>();
        int snapshots = 0;
        for (Id sid : repo.list(FileType.SNAPSHOT)) {
            Snapshot s;
            try {
                s = repo.loadSnapshot(sid);
            } catch (EngineException e) {
                report(Problem.error("snapshot " + sid.hex(), e.getMessage()));
                continue;
            }
            snapshots++;
            Deque<Id> todo = new ArrayDeque<>();
            todo.push(Id.parse(s.tree()));
            while (!todo.isEmpty()) {
                Id tid = todo.pop();
                if (!seenTrees.add(tid)) {
                    continue;
                }
                checkTree(sid, tid, index, todo, missingData);
            }
        }
        return new int[] {snapshots, seenTrees.size()};
    }

    private void checkTree(Id sid, Id tid, MasterIndex index, Deque<Id> todo, Set<Id> missingData) {
        if (!index.has(tid, BlobType.TREE)) {
            report(Problem.error("tree " + tid.hex(), "is not in any index (reached from snapshot " + sid.shortHex() + ")"));
            return;
        }
        Tree tree;
        try {
            tree = repo.loadTree(tid);
        } catch (EngineException e) {
            report(Problem.error("tree " + tid.hex(), e.getMessage()));
            return;
        }
        for (Node n : tree.nodes()) {
            if (n.type() == NodeType.DIR) {
                if (n.subtree() == null) {
                    report(Problem.error("tree " + tid.hex(), "directory \"" + n.nameString() + "\" has no subtree"));
                } else {
                    todo.push(n.subtree());
                }
            } else if (n.type() == NodeType.FILE) {
                if (n.content() == null) {
                    report(Problem.error("tree " + tid.hex(), "file \"" + n.nameString() + "\" has no content list"));
                    continue;
                }
                for (Id blob : n.content()) {
                    if (!index.has(blob, BlobType.DATA) && missingData.add(blob)) {
                        report(Problem.error("data blob " + blob.hex(), "is not in any index (file \""
                                + n.nameString() + "\" in tree " + tid.shortHex() + ")"));
                    }
                }
            }
        }
    }
}
