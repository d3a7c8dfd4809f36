package io.chronosguard.web.dto;

import io.chronosguard.engine.repo.format.Node;

/**
 * One entry of a snapshot directory.
 *
 * @param path   its full snapshot path, {@code /home/a/x}
 * @param type   restic's node type: file, dir, symlink, dev, chardev, fifo, socket
 * @param mode   the permission bits, e.g. 0644, as a number
 * @param mtime  as stored in the snapshot (RFC 3339)
 */
public record TreeEntry(String name, String path, String type, long size, int mode, String mtime,
        String linkTarget) {

    public static TreeEntry of(String parentPath, Node n) {
        String path = (parentPath.equals("/") ? "" : parentPath) + "/" + n.nameString();
        return new TreeEntry(n.nameString(), path, n.type().json(), n.size(), n.posixPermissions(),
                n.mtime() == null ? null : n.mtime().toString(), n.linktarget());
    }
}
