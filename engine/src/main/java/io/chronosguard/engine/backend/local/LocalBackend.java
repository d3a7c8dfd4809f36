package io.chronosguard.engine.backend.local;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A repository in a local folder, laid out as restic lays it out: {@code data/XX/<id>}
 * fanned out by the first two hex characters, the other types flat. Saving writes a
 * temporary file (a name restic ignores), syncs it and renames it into place.
 */
public final class LocalBackend implements Backend {
    private final Path root;

    public LocalBackend(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    @Override
    public String location() {
        return root.toString();
    }

    @Override
    public boolean exists() {
        return Files.isRegularFile(root.resolve(FileType.CONFIG.folder()));
    }

    /** Whether the folder is free for a new repository: absent, or an empty folder. */
    @Override
    public boolean isUnused() throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!Files.isDirectory(root)) {
            return false;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            return !entries.iterator().hasNext();
        }
    }

    /** Creates the folders of a new repository, as restic init does (mode 0700). */
    @Override
    public void createLayout() throws IOException {
        Files.createDirectories(root);
        for (FileType t : FileType.values()) {
            if (t != FileType.CONFIG) {
                mkdir(root.resolve(t.folder()));
            }
        }
        for (int i = 0; i < 256; i++) {
            mkdir(root.resolve("data").resolve(String.format("%02x", i)));
        }
    }

    private static void mkdir(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: keep the default permissions
            }
        }
    }

    Path path(FileType type, String name) {
        if (type == FileType.CONFIG) {
            return root.resolve("config");
        }
        if (type == FileType.DATA) {
            return root.resolve("data").resolve(name.substring(0, 2)).resolve(name);
        }
        return root.resolve(type.folder()).resolve(name);
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        List<String> names = new ArrayList<>();
        if (type == FileType.CONFIG) {
            if (exists()) {
                names.add("config");
            }
            return names;
        }
        Path dir = root.resolve(type.folder());
        if (!Files.isDirectory(dir)) {
            return names;
        }
        if (type == FileType.DATA) {
            try (DirectoryStream<Path> subs = Files.newDirectoryStream(dir)) {
                for (Path sub : subs) {
                    if (Files.isDirectory(sub)) {
                        collect(sub, names);
                    }
                }
            }
        } else {
            collect(dir, names);
        }
        return names;
    }

    private static void collect(Path dir, List<String> names) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String n = f.getFileName().toString();
                if (n.length() == 64 && n.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                    names.add(n);
                }
            }
        }
    }

    @Override
    public byte[] load(FileType type, String name) throws IOException {
        Path p = path(type, name);
        long size = Files.size(p);
        if (size <= IO_SLICE) {
            return Files.readAllBytes(p);
        }
        if (size > Integer.MAX_VALUE - 8) {
            throw new IOException(p + " has " + size + " bytes, too many to load at once");
        }
        return load(type, name, 0, (int) size);
    }

    /**
     * The JDK moves heap bytes through a temporary direct buffer as large as each read or
     * write, and keeps it per thread: whole 16 MiB packs and 32 MiB ranges left that much
     * native memory behind per thread. Slices of this size keep it small.
     */
    static final int IO_SLICE = 1 << 20;

    @Override
    public byte[] load(FileType type, String name, long offset, int length) throws IOException {
        try (FileChannel ch = FileChannel.open(path(type, name), StandardOpenOption.READ)) {
            long avail = Math.max(0, ch.size() - offset);
            byte[] out = new byte[(int) Math.min(length, avail)];
            int n = 0;
            while (n < out.length) {
                int r = ch.read(ByteBuffer.wrap(out, n, Math.min(IO_SLICE, out.length - n)), offset + n);
                if (r < 0) {
                    return java.util.Arrays.copyOf(out, n);
                }
                n += r;
            }
            return out;
        }
    }

    @Override
    public long size(FileType type, String name) throws IOException {
        return Files.size(path(type, name));
    }

    @Override
    public void save(FileType type, String name, byte[] data) throws IOException {
        save(type, name, data, 0, data.length);
    }

    @Override
    public void save(FileType type, String name, byte[] data, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, data.length);
        Path target = path(type, name);
        Files.createDirectories(target.getParent());
        Path tmp = target.resolveSibling(".tmp-" + UUID.randomUUID());
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (int at = off; at < off + len; at += IO_SLICE) {
                    ByteBuffer buf = ByteBuffer.wrap(data, at, Math.min(IO_SLICE, off + len - at));
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                }
                ch.force(true);
            }
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("r--------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public void remove(FileType type, String name) throws IOException {
        Path p = path(type, name);
        if (!Files.deleteIfExists(p)) {
            throw new NoSuchFileException(p.toString());
        }
    }
}
