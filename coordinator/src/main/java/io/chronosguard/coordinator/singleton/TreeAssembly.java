package io.chronosguard.coordinator.singleton;

import io.chronosguard.coordinator.protocol.NodeCodec;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.coordinator.protocol.TaskSpec;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Tree;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Builds a snapshot's trees bottom-up from task outcomes, in any order they arrive: a
 * directory's tree is stored once all its slices and subdirectories are in, and its node
 * then goes to its parent. The root tree holds every path component down to each target.
 * Not thread-safe: the coordinator calls it from its actor.
 */
final class TreeAssembly {
    /** A directory being assembled. */
    static final class Dir {
        final String path;
        final Dir parent;
        Node meta;
        int pendingParts = 1;
        int pendingChildren;
        final List<Node> nodes = new ArrayList<>();

        Dir(String path, Dir parent, Node meta) {
            this.path = path;
            this.parent = parent;
            this.meta = meta;
        }
    }

    /** A task to schedule for {@code dir}. */
    record NewTask(Dir dir, TaskSpec spec) {
    }

    private final Function<Tree, Id> saveTree;
    private final List<String> targets;
    private final Map<String, Node> targetNodes = new HashMap<>();
    private final Map<String, List<Node>> ancestors = new HashMap<>();

    TreeAssembly(List<String> targets, Function<Tree, Id> saveTree) {
        this.targets = List.copyOf(targets);
        this.saveTree = saveTree;
    }

    /** The first tasks: one per target. */
    List<NewTask> start(Map<String, Id> parentTrees) {
        List<NewTask> out = new ArrayList<>();
        for (String t : targets) {
            Id parent = parentTrees.get(t);
            out.add(new NewTask(new Dir(t, null, null), new TaskSpec(t, parent == null ? null : parent.hex(), null,
                    null, true)));
        }
        return out;
    }

    /** Applies one task's outcome and returns the tasks it gives rise to. */
    List<NewTask> apply(Dir d, TaskSpec spec, TaskOutcome o) {
        List<NewTask> out = new ArrayList<>();
        if (spec.target()) {
            ancestors.put(d.path, o.ancestors().stream().map(NodeCodec::decode).toList());
            Node self = o.self() == null ? null : NodeCodec.decode(o.self());
            if (self == null || self.type() != NodeType.DIR) {
                targetNodes.put(d.path, self);
                return out;
            }
            d.meta = self;
        }
        if (!o.splitPoints().isEmpty()) {
            // a whole directory or a slice of one ([from, to)) is cut into consecutive slices
            List<String> cuts = new ArrayList<>();
            cuts.add(spec.from());
            cuts.addAll(o.splitPoints());
            cuts.add(spec.to());
            for (int i = 0; i + 1 < cuts.size(); i++) {
                out.add(new NewTask(d, new TaskSpec(d.path, spec.parentTree(), cuts.get(i), cuts.get(i + 1), false)));
            }
            d.pendingParts += out.size() - 1;
            return out;
        }
        d.nodes.addAll(NodeCodec.decodeAll(o.leaves()));
        for (TaskOutcome.Subdir s : o.subdirs()) {
            Node meta = NodeCodec.decode(s.node());
            Dir child = new Dir(join(d.path, meta.nameString()), d, meta);
            d.pendingChildren++;
            out.add(new NewTask(child, new TaskSpec(child.path, s.parentTree(), null, null, false)));
        }
        d.pendingParts--;
        finishIfReady(d);
        return out;
    }

    private static String join(String dir, String name) {
        return dir.endsWith("/") ? dir + name : dir + "/" + name;
    }

    private void finishIfReady(Dir d) {
        while (d != null && d.pendingParts == 0 && d.pendingChildren == 0) {
            Id id = saveTree.apply(Tree.sorted(d.nodes));
            Node node = d.meta.toBuilder().subtree(id).build();
            if (d.parent == null) {
                targetNodes.put(d.path, node);
                return;
            }
            d.parent.nodes.add(node);
            d.parent.pendingChildren--;
            d = d.parent;
        }
    }

    boolean complete() {
        return targetNodes.keySet().containsAll(targets);
    }

    /** Stores the root tree (every component from / down to each target) and returns its id. */
    Id buildRoot() {
        if (!complete()) {
            throw new IllegalStateException("not every target is done");
        }
        Level root = new Level();
        for (String t : targets) {
            Path p = Path.of(t);
            if (p.getNameCount() == 0) {
                return targetNodes.get(t).subtree();
            }
            List<Node> anc = ancestors.get(t);
            Level l = root;
            for (int i = 0; i < p.getNameCount() - 1; i++) {
                Node meta = anc.get(i);
                l = l.dirs.computeIfAbsent(p.getName(i).toString(), k -> new Level());
                l.meta = meta;
            }
            Node n = targetNodes.get(t);
            if (n != null) {
                l.nodes.put(p.getFileName().toString(), n);
            }
        }
        return save(root);
    }

    /** A folder on the way to the targets. */
    private static final class Level {
        Node meta;
        final Map<String, Level> dirs = new TreeMap<>();
        final Map<String, Node> nodes = new LinkedHashMap<>();
    }

    private Id save(Level level) {
        List<Node> nodes = new ArrayList<>(level.nodes.values());
        for (Level sub : level.dirs.values()) {
            nodes.add(sub.meta.toBuilder().subtree(save(sub)).build());
        }
        return saveTree.apply(Tree.sorted(nodes));
    }
}
