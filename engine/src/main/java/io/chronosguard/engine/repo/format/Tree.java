package io.chronosguard.engine.repo.format;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The nodes of one directory, sorted by {@link Node#BY_NAME} with unique names, as restic
 * requires (§8). Immutable.
 */
public final class Tree {
    private final List<Node> nodes;

    /**
     * @param nodes already sorted by {@link Node#BY_NAME}, names unique
     * @throws IllegalArgumentException naming the first node out of order or duplicated
     */
    public Tree(List<Node> nodes) {
        List<Node> copy = List.copyOf(nodes);
        int bad = firstDisorder(copy);
        if (bad >= 0) {
            throw new IllegalArgumentException(describeDisorder(copy, bad));
        }
        this.nodes = copy;
    }

    /** Sorts {@code nodes} by name first; still rejects duplicate names. */
    public static Tree sorted(Collection<Node> nodes) {
        List<Node> list = new ArrayList<>(nodes);
        list.sort(Node.BY_NAME);
        return new Tree(list);
    }

    /** Index of the first node not strictly after its predecessor, or -1. */
    static int firstDisorder(List<Node> nodes) {
        for (int i = 1; i < nodes.size(); i++) {
            if (Node.BY_NAME.compare(nodes.get(i - 1), nodes.get(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    static String describeDisorder(List<Node> nodes, int i) {
        Node prev = nodes.get(i - 1);
        Node node = nodes.get(i);
        String name = "\"" + GoQuote.quote(node.rawName()) + "\"";
        if (Node.BY_NAME.compare(prev, node) == 0) {
            return "duplicate node name " + name + " at index " + i;
        }
        return "nodes not sorted by name: " + name + " at index " + i + " follows \""
                + GoQuote.quote(prev.rawName()) + "\"";
    }

    /** The nodes in name order; unmodifiable. */
    public List<Node> nodes() {
        return nodes;
    }

    public int size() {
        return nodes.size();
    }

    /** The node called {@code rawName}, found by binary search. */
    public Optional<Node> find(byte[] rawName) {
        int lo = 0;
        int hi = nodes.size() - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int c = Arrays.compareUnsigned(nodes.get(mid).rawName(), rawName);
            if (c == 0) {
                return Optional.of(nodes.get(mid));
            } else if (c < 0) {
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return Optional.empty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tree t && nodes.equals(t.nodes);
    }

    @Override
    public int hashCode() {
        return nodes.hashCode();
    }

    @Override
    public String toString() {
        return "Tree[" + nodes.size() + " nodes]";
    }
}
