package io.chronosguard.engine.archiver;

import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;

/**
 * One {@code lstat} of a path, as the archiver needs it: type, POSIX mode, inode, device,
 * owner, times. Turns into a tree {@link Node} (without content or subtree).
 */
public record FileInfo(NodeType type, int posixMode, long inode, long deviceId, long rdev, long links, long uid,
        long gid, String user, String group, long size, FileTime mtime, FileTime atime, FileTime ctime) {

    private static final int S_IFMT = 0170000;

    /** Reads the attributes without following a symlink. */
    public static FileInfo of(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:*", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        NodeType type = switch (mode & S_IFMT) {
            case 0040000 -> NodeType.DIR;
            case 0120000 -> NodeType.SYMLINK;
            case 0060000 -> NodeType.DEV;
            case 0020000 -> NodeType.CHARDEV;
            case 0010000 -> NodeType.FIFO;
            case 0140000 -> NodeType.SOCKET;
            default -> NodeType.FILE;
        };
        return new FileInfo(type, mode & 07777, (Long) a.get("ino"), (Long) a.get("dev"), (Long) a.get("rdev"),
                ((Integer) a.get("nlink")).longValue(), ((Integer) a.get("uid")).longValue(),
                ((Integer) a.get("gid")).longValue(), name((UserPrincipal) a.get("owner")),
                name((GroupPrincipal) a.get("group")), (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"),
                (FileTime) a.get("lastAccessTime"), (FileTime) a.get("ctime"));
    }

    private static String name(UserPrincipal p) {
        if (p == null) {
            return null;
        }
        String n = p.getName();
        // the JDK gives the number when no name exists; restic then leaves the name out
        return n.chars().allMatch(Character::isDigit) ? null : n;
    }

    static OffsetDateTime time(FileTime t) {
        return OffsetDateTime.ofInstant(t.toInstant(), ZoneId.systemDefault());
    }

    /** A node with this metadata; content and subtree are the caller's. */
    public Node.Builder toNode(byte[] name) {
        Node.Builder b = Node.builder(name, type)
                .mode(Node.goModeOf(type, posixMode))
                .mtime(time(mtime)).atime(time(atime)).ctime(time(ctime))
                .uid(uid).gid(gid).user(user).group(group)
                .inode(inode).deviceId(deviceId);
        if (type == NodeType.FILE) {
            b.size(size);
        }
        if (type == NodeType.FILE || type == NodeType.SYMLINK || type == NodeType.DEV || type == NodeType.CHARDEV) {
            b.links(links);
        }
        if (type == NodeType.DEV || type == NodeType.CHARDEV) {
            b.device(rdev);
        }
        return b;
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
