package io.chronosguard.tests;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Extracts tar and zip archives in the JVM with Commons Compress, the way {@code tar -xp} and
 * {@code unzip} would: contents, permissions, mtimes (directories last), symlinks, hard links.
 * Independent of ChronosGuard's writer code, so a round trip through it tests the archive.
 */
final class Archives {
    private Archives() {
    }

    private record Pending(Path path, int mode, FileTime mtime) {
    }

    static void extractTar(InputStream archive, Path dest) throws IOException {
        List<Pending> dirs = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(archive, StandardCharsets.UTF_8.name())) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                Path p = inside(dest, e.getName());
                Files.createDirectories(p.getParent());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                    dirs.add(new Pending(p, e.getMode(), e.getLastModifiedTime()));
                } else if (e.isSymbolicLink()) {
                    Files.createSymbolicLink(p, Path.of(e.getLinkName()));
                } else if (e.isLink()) {
                    Files.createLink(p, inside(dest, e.getLinkName()));
                } else if (e.isFile()) {
                    Files.copy(in, p);
                    apply(new Pending(p, e.getMode(), e.getLastModifiedTime()));
                }
            }
        }
        finishDirs(dirs);
    }

    static void extractZip(Path archive, Path dest) throws IOException {
        List<Pending> dirs = new ArrayList<>();
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            for (ZipArchiveEntry e : java.util.Collections.list(zip.getEntriesInPhysicalOrder())) {
                Path p = inside(dest, e.getName());
                Files.createDirectories(p.getParent());
                if (e.isDirectory()) {
                    Files.createDirectories(p);
                    dirs.add(new Pending(p, e.getUnixMode(), e.getLastModifiedTime()));
                } else if (e.isUnixSymlink()) {
                    Files.createSymbolicLink(p, Path.of(zip.getUnixSymlink(e)));
                } else {
                    try (InputStream in = zip.getInputStream(e)) {
                        Files.copy(in, p);
                    }
                    apply(new Pending(p, e.getUnixMode(), e.getLastModifiedTime()));
                }
            }
        }
        finishDirs(dirs);
    }

    /** Deepest first, so creating children does not change a restored directory's mtime. */
    private static void finishDirs(List<Pending> dirs) throws IOException {
        for (int i = dirs.size() - 1; i >= 0; i--) {
            apply(dirs.get(i));
        }
    }

    private static Path inside(Path dest, String name) {
        Path p = dest.resolve(name).normalize();
        if (!p.startsWith(dest)) {
            throw new AssertionError("archive entry escapes the destination: " + name);
        }
        return p;
    }

    private static void apply(Pending p) throws IOException {
        Files.setPosixFilePermissions(p.path(), permissions(p.mode()));
        Files.setLastModifiedTime(p.path(), p.mtime());
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE
        for (int i = 0; i < 9; i++) {
            if ((mode & (0400 >> i)) != 0) {
                set.add(order[i]);
            }
        }
        return set;
    }
}
