package io.chronosguard.engine.repo.format;

import io.chronosguard.engine.repo.Id;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One entry of a tree blob (format §8), immutable. The name is raw bytes because file names
 * may be invalid UTF-8. {@code inode}, {@code deviceId}, {@code size}, {@code links} and
 * {@code device} are Go {@code uint64}s held as the same 64 bits in a {@code long} (use
 * {@link Long#toUnsignedString(long)}); {@code mode}, {@code uid} and {@code gid} are
 * {@code uint32}s. {@code content} is {@code null} for everything but files and an empty list
 * for an empty file: restic writes {@code null} and {@code []} differently. Empty strings are
 * kept as {@code null}, since restic omits both.
 *
 * <p>Large because it is a 21-field value with its builder; it holds no logic beyond the
 * mode conversions of §8.1.
 */
public final class Node {
    /** Go's zero {@code time.Time}, which restic writes for a missing time. */
    public static final OffsetDateTime ZERO_TIME =
            OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

    /** restic's order: unsigned raw name bytes, not {@link String#compareTo} (§8). */
    public static final Comparator<Node> BY_NAME = (a, b) -> Arrays.compareUnsigned(a.name, b.name);

    // Go os.FileMode bits (§8.1).
    public static final long MODE_DIR = 1L << 31;
    public static final long MODE_SYMLINK = 1L << 27;
    public static final long MODE_DEVICE = 1L << 26;
    public static final long MODE_NAMED_PIPE = 1L << 25;
    public static final long MODE_SOCKET = 1L << 24;
    public static final long MODE_SETUID = 1L << 23;
    public static final long MODE_SETGID = 1L << 22;
    public static final long MODE_CHAR_DEVICE = 1L << 21;
    public static final long MODE_STICKY = 1L << 20;
    public static final long MODE_PERM = 0777;

    private static final long UINT32_MAX = 0xFFFF_FFFFL;

    private final byte[] name;
    private final NodeType type;
    private final long mode;
    private final OffsetDateTime mtime;
    private final OffsetDateTime atime;
    private final OffsetDateTime ctime;
    private final long uid;
    private final long gid;
    private final String user;
    private final String group;
    private final long inode;
    private final long deviceId;
    private final long size;
    private final long links;
    private final String linktarget;
    private final List<ExtendedAttribute> extendedAttributes;
    private final long device;
    private final List<Id> content;
    private final Id subtree;
    private final String error;

    private Node(Builder b) {
        name = Objects.requireNonNull(b.name, "name").clone();
        type = Objects.requireNonNull(b.type, "type");
        mode = requireUint32("mode", b.mode);
        mtime = Objects.requireNonNull(b.mtime, "mtime");
        atime = Objects.requireNonNull(b.atime, "atime");
        ctime = Objects.requireNonNull(b.ctime, "ctime");
        uid = requireUint32("uid", b.uid);
        gid = requireUint32("gid", b.gid);
        user = emptyToNull(b.user);
        group = emptyToNull(b.group);
        inode = b.inode;
        deviceId = b.deviceId;
        size = b.size;
        links = b.links;
        linktarget = emptyToNull(b.linktarget);
        extendedAttributes =
                b.extendedAttributes == null ? List.of() : List.copyOf(b.extendedAttributes);
        device = b.device;
        content = b.content == null ? null : List.copyOf(b.content);
        subtree = b.subtree;
        error = emptyToNull(b.error);
    }

    private static long requireUint32(String field, long v) {
        if (v < 0 || v > UINT32_MAX) {
            throw new IllegalArgumentException(field + " must fit in 32 unsigned bits, got " + v);
        }
        return v;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    /** A builder for a node called {@code name} (raw bytes) of type {@code type}. */
    public static Builder builder(byte[] name, NodeType type) {
        return new Builder().name(name).type(type);
    }

    /** A builder for a node whose name is the UTF-8 form of {@code name}. */
    public static Builder builder(String name, NodeType type) {
        return new Builder().name(name).type(type);
    }

    /** A builder with neither name nor type yet, for the parser, which meets fields in any order. */
    static Builder blankBuilder() {
        return new Builder();
    }

    /** A builder holding this node's values. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).type(type).mode(mode)
                .mtime(mtime).atime(atime).ctime(ctime).uid(uid).gid(gid)
                .user(user).group(group).inode(inode).deviceId(deviceId).size(size).links(links)
                .linktarget(linktarget).extendedAttributes(extendedAttributes).device(device)
                .content(content).subtree(subtree).error(error);
        return b;
    }

    /**
     * Go's {@code os.FileMode} for {@code type} with the POSIX permission, setuid, setgid and
     * sticky bits of {@code posixMode} (§8.1). File-type bits of an {@code st_mode} (S_IFMT)
     * are ignored: the type comes from {@code type}.
     */
    public static long goModeOf(NodeType type, int posixMode) {
        if (posixMode < 0 || posixMode > 0177777) {
            throw new IllegalArgumentException("not a POSIX mode: 0" + Integer.toOctalString(posixMode));
        }
        long mode = posixMode & MODE_PERM;
        mode |= switch (type) {
            case FILE -> 0L;
            case DIR -> MODE_DIR;
            case SYMLINK -> MODE_SYMLINK;
            case DEV -> MODE_DEVICE;
            case CHARDEV -> MODE_DEVICE | MODE_CHAR_DEVICE;
            case FIFO -> MODE_NAMED_PIPE;
            case SOCKET -> MODE_SOCKET;
        };
        if ((posixMode & 04000) != 0) {
            mode |= MODE_SETUID;
        }
        if ((posixMode & 02000) != 0) {
            mode |= MODE_SETGID;
        }
        if ((posixMode & 01000) != 0) {
            mode |= MODE_STICKY;
        }
        return mode;
    }

    /** POSIX permission bits: 0777 plus setuid 04000, setgid 02000 and sticky 01000 (§8.1). */
    public int posixPermissions() {
        int p = (int) (mode & MODE_PERM);
        if ((mode & MODE_SETUID) != 0) {
            p |= 04000;
        }
        if ((mode & MODE_SETGID) != 0) {
            p |= 02000;
        }
        if ((mode & MODE_STICKY) != 0) {
            p |= 01000;
        }
        return p;
    }

    /** The name bytes without a copy; callers in this package must not modify them. */
    byte[] rawName() {
        return name;
    }

    /** A copy of the raw name bytes. */
    public byte[] nameBytes() {
        return name.clone();
    }

    /** The name decoded as UTF-8, with invalid bytes replaced: for display only. */
    public String nameString() {
        return new String(name, StandardCharsets.UTF_8);
    }

    public NodeType type() {
        return type;
    }

    /** Go {@code os.FileMode} bits (§8.1), not POSIX {@code st_mode}. */
    public long mode() {
        return mode;
    }

    public OffsetDateTime mtime() {
        return mtime;
    }

    public OffsetDateTime atime() {
        return atime;
    }

    /** Inode change time. */
    public OffsetDateTime ctime() {
        return ctime;
    }

    public long uid() {
        return uid;
    }

    public long gid() {
        return gid;
    }

    /** User name looked up at backup time, or {@code null}. */
    public String user() {
        return user;
    }

    public String group() {
        return group;
    }

    public long inode() {
        return inode;
    }

    /** {@code st_dev} of the file system holding the entry. */
    public long deviceId() {
        return deviceId;
    }

    public long size() {
        return size;
    }

    public long links() {
        return links;
    }

    /** Symlink target, or {@code null}; restic stores invalid UTF-8 in it as U+FFFD. */
    public String linktarget() {
        return linktarget;
    }

    /** Never {@code null}; empty when there are none. */
    public List<ExtendedAttribute> extendedAttributes() {
        return extendedAttributes;
    }

    /** {@code st_rdev} of a device node (Linux encoding). */
    public long device() {
        return device;
    }

    /** Data blob IDs in order; empty for an empty file, {@code null} for non-files. */
    public List<Id> content() {
        return content;
    }

    /** The directory's tree blob, or {@code null}. */
    public Id subtree() {
        return subtree;
    }

    /** An error recorded at backup time, or {@code null}. */
    public String error() {
        return error;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n
                && Arrays.equals(name, n.name) && type == n.type && mode == n.mode
                && mtime.equals(n.mtime) && atime.equals(n.atime) && ctime.equals(n.ctime)
                && uid == n.uid && gid == n.gid
                && Objects.equals(user, n.user) && Objects.equals(group, n.group)
                && inode == n.inode && deviceId == n.deviceId && size == n.size
                && links == n.links && Objects.equals(linktarget, n.linktarget)
                && extendedAttributes.equals(n.extendedAttributes) && device == n.device
                && Objects.equals(content, n.content) && Objects.equals(subtree, n.subtree)
                && Objects.equals(error, n.error);
    }

    @Override
    public int hashCode() {
        return 31 * Objects.hash(type, mode, mtime, atime, ctime, uid, gid, user, group, inode,
                deviceId, size, links, linktarget, extendedAttributes, device, content, subtree,
                error) + Arrays.hashCode(name);
    }

    @Override
    public String toString() {
        return "Node[name=\"" + GoQuote.quote(name) + "\", type=" + type.json()
                + ", mode=" + mode + ", size=" + Long.toUnsignedString(size)
                + (subtree == null ? "" : ", subtree=" + subtree.shortHex()) + "]";
    }

    /** Collects a node's values; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private byte[] name;
        private NodeType type;
        private long mode;
        private OffsetDateTime mtime = ZERO_TIME;
        private OffsetDateTime atime = ZERO_TIME;
        private OffsetDateTime ctime = ZERO_TIME;
        private long uid;
        private long gid;
        private String user;
        private String group;
        private long inode;
        private long deviceId;
        private long size;
        private long links;
        private String linktarget;
        private List<ExtendedAttribute> extendedAttributes;
        private long device;
        private List<Id> content;
        private Id subtree;
        private String error;

        private Builder() {
        }

        public Builder name(byte[] rawName) {
            this.name = Objects.requireNonNull(rawName, "name").clone();
            return this;
        }

        public Builder name(String utf8Name) {
            this.name = utf8Name.getBytes(StandardCharsets.UTF_8);
            return this;
        }

        public Builder type(NodeType type) {
            this.type = type;
            return this;
        }

        /** Go {@code os.FileMode}; see {@link Node#goModeOf}. */
        public Builder mode(long goFileMode) {
            this.mode = goFileMode;
            return this;
        }

        public Builder mtime(OffsetDateTime t) {
            this.mtime = t;
            return this;
        }

        public Builder atime(OffsetDateTime t) {
            this.atime = t;
            return this;
        }

        public Builder ctime(OffsetDateTime t) {
            this.ctime = t;
            return this;
        }

        public Builder uid(long uid) {
            this.uid = uid;
            return this;
        }

        public Builder gid(long gid) {
            this.gid = gid;
            return this;
        }

        public Builder user(String user) {
            this.user = user;
            return this;
        }

        public Builder group(String group) {
            this.group = group;
            return this;
        }

        public Builder inode(long inode) {
            this.inode = inode;
            return this;
        }

        public Builder deviceId(long deviceId) {
            this.deviceId = deviceId;
            return this;
        }

        public Builder size(long size) {
            this.size = size;
            return this;
        }

        public Builder links(long links) {
            this.links = links;
            return this;
        }

        public Builder linktarget(String target) {
            this.linktarget = target;
            return this;
        }

        /**
         * The link target as read from the file system. Restic cannot store invalid UTF-8 here:
         * like Go's encoder, each invalid byte becomes U+FFFD, so the tree bytes match restic's.
         */
        public Builder linktarget(byte[] rawTarget) {
            this.linktarget = rawTarget == null ? null : GoUtf8.toGoString(rawTarget);
            return this;
        }

        public Builder extendedAttributes(List<ExtendedAttribute> attributes) {
            this.extendedAttributes = attributes;
            return this;
        }

        public Builder device(long device) {
            this.device = device;
            return this;
        }

        /** Blob IDs in order: empty for an empty file, {@code null} (the default) otherwise. */
        public Builder content(List<Id> content) {
            this.content = content == null ? null : List.copyOf(content);
            return this;
        }

        public Builder subtree(Id subtree) {
            this.subtree = subtree;
            return this;
        }

        public Builder error(String error) {
            this.error = error;
            return this;
        }

        public Node build() {
            return new Node(this);
        }
    }
}
