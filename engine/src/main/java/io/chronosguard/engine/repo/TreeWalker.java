package io.chronosguard.engine.repo;

import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Tree;

/**
 * Walks a snapshot's trees depth-first, in stored (byte) order, handing each node to a
 * visitor with its slash-separated path from the snapshot root ({@code /home/a/x}).
 */
public final class TreeWalker {
    private final Repository repo;

    public TreeWalker(Repository repo) {
        this.repo = repo;
    }

    /** What the walker calls; return false from {@link #enter} to skip a directory's children. */
    public interface Visitor {
        void visit(String path, Node node);

        default boolean enter(String path, Node dir) {
            return true;
        }

        default void leave(String path, Node dir) {
        }
    }

    public void walk(Id root, Visitor v) {
        walk(root, "", v);
    }

    private void walk(Id treeId, String prefix, Visitor v) {
        Tree tree = repo.loadTree(treeId);
        for (Node n : tree.nodes()) {
            String path = prefix + "/" + n.nameString();
            v.visit(path, n);
            if (n.type() == NodeType.DIR && n.subtree() != null && v.enter(path, n)) {
                walk(n.subtree(), path, v);
                v.leave(path, n);
            }
        }
    }

    /** The tree id of the directory at {@code path} under {@code root} ("/" is the root). */
    public Id resolveDir(Id root, String path) {
        Id cur = root;
        for (String part : split(path)) {
            Node found = null;
            for (Node n : repo.loadTree(cur).nodes()) {
                if (n.nameString().equals(part)) {
                    found = n;
                    break;
                }
            }
            if (found == null || found.type() != NodeType.DIR || found.subtree() == null) {
                throw new NotFoundException("path " + path + " is not a directory in the snapshot");
            }
            cur = found.subtree();
        }
        return cur;
    }

    /** The path's components, ignoring empty ones: "/a//b/" gives [a, b]. */
    public static java.util.List<String> split(String path) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (String p : path.split("/")) {
            if (!p.isEmpty() && !p.equals(".")) {
                parts.add(p);
            }
        }
        return parts;
    }

    /** Normalises a user-given snapshot path to "/a/b" form ("/" for the root). */
    public static String normalize(String path) {
        return "/" + String.join("/", split(path));
    }
}
