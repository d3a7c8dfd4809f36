package io.chronosguard.engine.dump;

import io.chronosguard.engine.repo.format.Node;

/** POSIX {@code st_mode} values (file type plus permission bits) as archives store them. */
final class UnixMode {
    static final int S_IFIFO = 0010000;
    static final int S_IFCHR = 0020000;
    static final int S_IFDIR = 0040000;
    static final int S_IFBLK = 0060000;
    static final int S_IFREG = 0100000;
    static final int S_IFLNK = 0120000;
    static final int S_IFSOCK = 0140000;

    private UnixMode() {
    }

    /** The node's type bits with its permission, setuid, setgid and sticky bits (§8.1). */
    static int of(Node n) {
        int type = switch (n.type()) {
            case FILE -> S_IFREG;
            case DIR -> S_IFDIR;
            case SYMLINK -> S_IFLNK;
            case DEV -> S_IFBLK;
            case CHARDEV -> S_IFCHR;
            case FIFO -> S_IFIFO;
            case SOCKET -> S_IFSOCK;
        };
        return type | n.posixPermissions();
    }

    /** Major number of a Linux {@code dev_t} as restic stores it (glibc's encoding). */
    static int major(long dev) {
        return (int) (((dev >>> 8) & 0xfff) | ((dev >>> 32) & ~0xfffL));
    }

    /** Minor number of a Linux {@code dev_t}. */
    static int minor(long dev) {
        return (int) ((dev & 0xff) | ((dev >>> 12) & ~0xffL));
    }
}
