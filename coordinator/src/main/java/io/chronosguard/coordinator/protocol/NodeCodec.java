package io.chronosguard.coordinator.protocol;

import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.engine.repo.format.TreeCodec;
import java.util.List;

/**
 * Tree nodes on the wire: restic's own tree JSON (so names that are not UTF-8, xattrs and
 * content lists survive byte for byte), carried as bytes inside CBOR.
 */
public final class NodeCodec {
    private NodeCodec() {
    }

    public static byte[] encode(Node n) {
        return TreeCodec.serialize(new Tree(List.of(n)));
    }

    public static Node decode(byte[] b) {
        return TreeCodec.parse(b).nodes().get(0);
    }

    /** Nodes with distinct names, sorted as a tree. */
    public static byte[] encodeAll(List<Node> nodes) {
        return TreeCodec.serialize(Tree.sorted(nodes));
    }

    public static List<Node> decodeAll(byte[] b) {
        return TreeCodec.parse(b).nodes();
    }
}
