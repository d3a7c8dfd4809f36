package io.chronosguard.engine.restorer;

import io.chronosguard.engine.fs.RawNames;
import io.chronosguard.engine.fs.Xattrs;
import io.chronosguard.engine.repo.TreeWalker;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The first and last pass of a restore: walks the snapshot creating directories, empty
 * files, symlinks and special files (filtered by the includes), and remembers the files
 * that need content (the writers create those) and the hard links (made after them).
 * Afterwards it applies owners, modes and times, deepest first so that filling a directory
 * does not change its restored mtime.
 */
final class Layout implements TreeWalker.Visitor {
    private record Meta(Path path, String display, Node node) {
    }

    /** A hard link to make once the file it links to has its content. */
    private record Link(Path path, String display, Path first) {
    }

    interface ErrorSink {
        void error(String path, String reason);
    }

    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path target;
    private final List<String> includes;
    private final ErrorSink errors;
    final List<RestoredFile> fileTargets = new ArrayList<>();
    private final List<Meta> metadata = new ArrayList<>();
    private final List<Link> links = new ArrayList<>();
    private final Map<String, Path> hardLinks = new HashMap<>();
    /** Restored folders by snapshot path: their Path keeps names that are not valid UTF-8. */
    private final Map<String, Path> dirPaths = new HashMap<>();
    long files;
    long dirs;
    long symlinks;
    long other;
    long bytes;

    Layout(Path target, List<String> includes, ErrorSink errors) {
        this.target = target;
        this.includes = includes.stream().map(TreeWalker::normalize).toList();
        this.errors = errors;
    }

    private boolean selected(String path) {
        if (includes.isEmpty()) {
            return true;
        }
        for (String inc : includes) {
            if (inc.equals("/") || path.equals(inc) || path.startsWith(inc + "/")) {
                return true;
            }
        }
        return false;
    }

    private boolean ancestorOfSelected(String path) {
        for (String inc : includes) {
            if (inc.startsWith(path + "/")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean enter(String path, Node dir) {
        return selected(path) || ancestorOfSelected(path);
    }

    @Override
    public void visit(String path, Node node) {
        boolean isDir = node.type() == NodeType.DIR;
        if (!selected(path) && !(isDir && ancestorOfSelected(path))) {
            return;
        }
        String name = node.nameString();
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
            errors.error(path, "refusing to restore an entry with an unsafe name");
            return;
        }
        Path p = RawNames.resolve(parentDir(path), node.nameBytes());
        try {
            create(path, p, node);
        } catch (IOException | UnsupportedOperationException e) {
            errors.error(path, "cannot create: " + e.getMessage());
        }
    }

    /** Where the entry at snapshot path {@code path} goes: in its restored parent folder. */
    private Path parentDir(String path) {
        String parent = path.substring(0, path.lastIndexOf('/'));
        Path p = dirPaths.get(parent);
        return p != null ? p : parent.isEmpty() ? target : target.resolve(parent.substring(1));
    }

    private void create(String display, Path p, Node node) throws IOException {
        switch (node.type()) {
            case DIR -> {
                Files.createDirectories(p);
                dirPaths.put(display, p);
                dirs++;
            }
            case FILE -> {
                if (!createFile(display, p, node)) {
                    return; // created by the content writers, which also set its metadata
                }
            }
            case SYMLINK -> {
                Files.deleteIfExists(p);
                Files.createSymbolicLink(p, Path.of(node.linktarget() == null ? "" : node.linktarget()));
                symlinks++;
            }
            case FIFO, DEV, CHARDEV -> {
                SpecialFiles.create(p, node, target);
                other++;
            }
            default -> {
                errors.error(display, "skipping a " + node.type().json() + " entry");
                return;
            }
        }
        metadata.add(new Meta(p, display, node));
    }

    /**
     * Creates an empty file now, or leaves a file with content to the writers (false), or
     * notes a hard link to make after them.
     */
    private boolean createFile(String display, Path p, Node node) throws IOException {
        files++;
        String linkKey = node.links() > 1 && node.inode() != 0 ? node.deviceId() + ":" + node.inode() : null;
        Path first = linkKey == null ? null : hardLinks.get(linkKey);
        if (first != null) {
            links.add(new Link(p, display, first));
            return true;
        }
        if (linkKey != null) {
            hardLinks.put(linkKey, p);
        }
        bytes += node.size();
        if (node.content() != null && !node.content().isEmpty()) {
            fileTargets.add(new RestoredFile(p, display, node));
            return false;
        }
        Files.deleteIfExists(p);
        Restorer.createSized(p, node.size());
        return true;
    }

    /** Makes the hard links noted during the walk; their targets exist by now. */
    void createHardLinks() {
        for (Link l : links) {
            try {
                Files.deleteIfExists(l.path());
                Files.createLink(l.path(), l.first());
            } catch (IOException | UnsupportedOperationException e) {
                errors.error(l.display(), "cannot create: " + e.getMessage());
            }
        }
    }

    /** Owners, permissions and times of one file whose content is written. */
    void applyMetadata(RestoredFile f) {
        try {
            apply(f.path, f.node);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            errors.error(f.display, "cannot set metadata: " + e.getMessage());
        }
    }

    /** Owners, permissions and times; directories after their children. */
    void applyMetadata() {
        for (int i = metadata.size() - 1; i >= 0; i--) {
            Meta m = metadata.get(i);
            try {
                apply(m.path(), m.node());
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                errors.error(m.display(), "cannot set metadata: " + e.getMessage());
            }
        }
    }

    private static void apply(Path p, Node node) throws IOException {
        boolean link = node.type() == NodeType.SYMLINK;
        if (ROOT) {
            Files.setAttribute(p, "unix:uid", (int) node.uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", (int) node.gid(), LinkOption.NOFOLLOW_LINKS);
        }
        // after chown, which drops security.capability; a failure is reported once the
        // rest of the metadata is set
        IOException xattrFailure = null;
        if (!node.extendedAttributes().isEmpty()) {
            try {
                Xattrs.write(p, node.extendedAttributes());
            } catch (IOException e) {
                xattrFailure = e;
            }
        }
        if (!link) {
            int mode = node.posixPermissions();
            Files.setPosixFilePermissions(p, permissions(mode));
            if ((mode & 07000) != 0) {
                Files.setAttribute(p, "unix:mode", mode);
            }
        }
        if (node.mtime() != null) {
            FileTime mtime = FileTime.from(node.mtime().toInstant());
            FileTime atime = node.atime() == null ? mtime : FileTime.from(node.atime().toInstant());
            BasicFileAttributeView view = link
                    ? Files.getFileAttributeView(p, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    : Files.getFileAttributeView(p, BasicFileAttributeView.class);
            if (node.type() == NodeType.FIFO) {
                // setTimes opens the file read-only, which on a FIFO waits for a writer forever;
                // holding it open read-write (never blocks on Linux) is that writer
                try (FileChannel writer = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                    view.setTimes(mtime, atime, null);
                }
            } else {
                view.setTimes(mtime, atime, null);
            }
        }
        if (xattrFailure != null) {
            throw xattrFailure;
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE};
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }
}
