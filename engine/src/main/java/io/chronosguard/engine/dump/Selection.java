package io.chronosguard.engine.dump;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;

/**
 * What a path in a snapshot names: the snapshot root ({@code node} null), a directory
 * ({@code tree} its subtree), a file, or something else (a symlink, a device...).
 *
 * @param path    the normalised snapshot path, {@code /} or {@code /a/b}
 * @param rawPath the path's name bytes joined by {@code /}, without the leading slash
 * @param node    the entry itself, or null for the root
 * @param tree    the directory's tree id, or null when not a directory
 */
public record Selection(String path, byte[] rawPath, Node node, Id tree) {
    public Selection {
        rawPath = rawPath.clone();
    }

    @Override
    public byte[] rawPath() {
        return rawPath.clone();
    }

    public boolean isRoot() {
        return node == null;
    }

    public boolean isDirectory() {
        return tree != null;
    }

    public boolean isFile() {
        return node != null && node.type() == NodeType.FILE;
    }

    /** "directory", "file", "symlink", ... for messages. */
    public String kind() {
        if (isDirectory()) {
            return "directory";
        }
        return node.type() == NodeType.SYMLINK ? "symlink" : node.type().json();
    }

    /** The last path component, or empty for the root: a name for the download. */
    public String name() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
