package io.chronosguard.cli;

import io.chronosguard.engine.repo.format.Node;

/** Renders a node's type and permissions like {@code ls -l}: {@code drwxr-xr-x}. */
final class Modes {
    private Modes() {
    }

    static String describe(Node n) {
        char type = switch (n.type()) {
            case DIR -> 'd';
            case SYMLINK -> 'L';
            case DEV -> 'D';
            case CHARDEV -> 'c';
            case FIFO -> 'p';
            case SOCKET -> 'S';
            default -> '-';
        };
        int mode = n.posixPermissions();
        StringBuilder sb = new StringBuilder().append(type);
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            sb.append((mode & (0400 >> i)) != 0 ? rwx.charAt(i) : '-');
        }
        if ((mode & 04000) != 0) {
            sb.setCharAt(3, sb.charAt(3) == 'x' ? 's' : 'S');
        }
        if ((mode & 02000) != 0) {
            sb.setCharAt(6, sb.charAt(6) == 'x' ? 's' : 'S');
        }
        if ((mode & 01000) != 0) {
            sb.setCharAt(9, sb.charAt(9) == 'x' ? 't' : 'T');
        }
        return sb.toString();
    }
}
