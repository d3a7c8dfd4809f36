package io.chronosguard.coordinator.worker;

import io.chronosguard.coordinator.protocol.NodeCodec;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.engine.repo.format.Node;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps task results within the cluster transport's frame size. A slice of large files
 * (long content lists) can exceed it; such a result is replaced by a request to split the
 * slice in two by name. Its blobs stay stored and indexed, so the halves find them again.
 */
final class OutcomeSize {
    /** Below the 4 MiB {@code maximum-frame-size} of node.conf, with room for the envelope. */
    static final int LIMIT = 3 << 20;

    private OutcomeSize() {
    }

    static int size(TaskOutcome o) {
        int n = o.leaves().length + (o.self() == null ? 0 : o.self().length);
        for (TaskOutcome.Subdir s : o.subdirs()) {
            n += s.node().length + 80;
        }
        for (byte[] a : o.ancestors()) {
            n += a.length;
        }
        for (String e : o.errors()) {
            n += e.length() * 3;
        }
        return n;
    }

    /**
     * {@code o} when it fits in {@code limit}; otherwise an outcome asking to split at the
     * median entry name (keeping a target's own node and ancestors).
     *
     * @throws IllegalStateException when a single entry is too large to send
     */
    static TaskOutcome splitIfTooLarge(TaskOutcome o, int limit) {
        if (size(o) <= limit) {
            return o;
        }
        List<String> names = new ArrayList<>();
        NodeCodec.decodeAll(o.leaves()).forEach(n -> names.add(n.nameString()));
        o.subdirs().forEach(s -> names.add(NodeCodec.decode(s.node()).nameString()));
        names.sort(null);
        if (names.size() < 2) {
            String what = names.isEmpty() ? "the directory's own entry" : names.get(0);
            throw new IllegalStateException(what + " has too long a content list to send between nodes ("
                    + size(o) + " bytes, limit " + limit + ")");
        }
        Node self = o.self() == null ? null : NodeCodec.decode(o.self());
        return new TaskOutcome(NodeCodec.encodeAll(List.of()), List.of(), List.of(names.get(names.size() / 2)),
                self == null ? null : NodeCodec.encode(self), o.ancestors(), 0, 0, o.dataAdded(), List.of(),
                o.bytesNew(), 0);
    }
}
