package io.chronosguard.engine.archiver;

import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * One {@code lstat} of a path, as the archiver needs it: type, POSIX mode, inode, device,
 * owner, times. Turns into a tree {@link Node} (without content or subtree).
 */
public record FileInfo(NodeType type, int posixMode, long inode, long deviceId, long rdev, long links, long uid,
        long gid, String user, String group, long size, FileTime mtime, FileTime atime, FileTime ctime) {

    private static final int S_IFMT = 0170000;

    /**
     * The attributes, one lstat, without the owner's and group's names: the JDK looks those
     * up (getpwuid/getgrgid, which re-read /etc/passwd and /etc/group) on every call, which
     * cost more than the lstat itself on a tree of small files. Names are looked up once per
     * id and remembered, as restic does.
     */
    private static final String ATTRIBUTES = "unix:mode,ino,dev,rdev,nlink,uid,gid,size,lastModifiedTime,"
            + "lastAccessTime,ctime";
    private static final int NAME_CACHE_LIMIT = 4096;
    private static final ConcurrentMap<Integer, Optional<String>> USERS = new ConcurrentHashMap<>();
    private static final ConcurrentMap<Integer, Optional<String>> GROUPS = new ConcurrentHashMap<>();

    /** Reads the attributes without following a symlink. */
    public static FileInfo of(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
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
        int uid = (Integer) a.get("uid");
        int gid = (Integer) a.get("gid");
        return new FileInfo(type, mode & 07777, (Long) a.get("ino"), (Long) a.get("dev"), (Long) a.get("rdev"),
                ((Integer) a.get("nlink")).longValue(), uid, gid, userName(p, uid), groupName(p, gid),
                (Long) a.get("size"), (FileTime) a.get("lastModifiedTime"), (FileTime) a.get("lastAccessTime"),
                (FileTime) a.get("ctime"));
    }

    private static String userName(Path p, int uid) throws IOException {
        return cachedName(p, USERS, uid, "uid", "owner");
    }

    private static String groupName(Path p, int gid) throws IOException {
        return cachedName(p, GROUPS, gid, "gid", "group");
    }

    private static String cachedName(Path p, ConcurrentMap<Integer, Optional<String>> cache, int id, String idAttr,
            String nameAttr) throws IOException {
        Optional<String> n = cache.get(id);
        if (n == null) {
            // id and name from one read, so a file chown'ed in between cannot mix them up
            Map<String, Object> a = Files.readAttributes(p, "unix:" + idAttr + "," + nameAttr, LinkOption.NOFOLLOW_LINKS);
            n = Optional.ofNullable(name((java.security.Principal) a.get(nameAttr)));
            remember(cache, (Integer) a.get(idAttr), n);
            if ((Integer) a.get(idAttr) != id) {
                return null; // chown'ed since the lstat: no name rather than another one's
            }
        }
        return n.orElse(null);
    }

    private static void remember(ConcurrentMap<Integer, Optional<String>> cache, int id, Optional<String> name) {
        if (cache.size() >= NAME_CACHE_LIMIT) {
            cache.clear();
        }
        cache.put(id, name);
    }

    private static String name(java.security.Principal p) {
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
