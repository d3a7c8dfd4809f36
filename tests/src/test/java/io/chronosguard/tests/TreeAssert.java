package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Compares two folders entry by entry: type, bytes, permissions, mtime, link targets. */
final class TreeAssert {
    private TreeAssert() {
    }

    static void assertSameTree(Path expected, Path actual) throws IOException {
        assertSameTree(expected, actual, Duration.ofNanos(1));
    }

    /**
     * Like {@link #assertSameTree(Path, Path)}, with mtimes compared after truncating both to
     * {@code mtimePrecision} (an archive format's resolution: 100 ns for PAX, 1 s for zip).
     */
    static void assertSameTree(Path expected, Path actual, Duration mtimePrecision) throws IOException {
        TreeMap<String, Path> want = index(expected);
        TreeMap<String, Path> got = index(actual);
        assertEquals(List.copyOf(want.keySet()), List.copyOf(got.keySet()), "entries differ");
        for (String rel : want.keySet()) {
            assertSameEntry(rel, want.get(rel), got.get(rel), mtimePrecision);
        }
    }

    private static TreeMap<String, Path> index(Path root) throws IOException {
        TreeMap<String, Path> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(p -> m.put(root.relativize(p).toString(), p));
        }
        return m;
    }

    static void assertSameEntry(String rel, Path a, Path b) throws IOException {
        assertSameEntry(rel, a, b, Duration.ofNanos(1));
    }

    static void assertSameEntry(String rel, Path a, Path b, Duration mtimePrecision) throws IOException {
        LinkOption nf = LinkOption.NOFOLLOW_LINKS;
        assertEquals(Files.isSymbolicLink(a), Files.isSymbolicLink(b), rel + ": symlink-ness");
        if (Files.isSymbolicLink(a)) {
            assertEquals(Files.readSymbolicLink(a), Files.readSymbolicLink(b), rel + ": link target");
            return;
        }
        assertEquals(Files.isDirectory(a, nf), Files.isDirectory(b, nf), rel + ": directory-ness");
        assertEquals(Files.getPosixFilePermissions(a, nf), Files.getPosixFilePermissions(b, nf), rel + ": permissions");
        if (!rel.isEmpty()) {
            assertEquals(truncate(Files.getLastModifiedTime(a, nf), mtimePrecision),
                    truncate(Files.getLastModifiedTime(b, nf), mtimePrecision), rel + ": mtime");
        }
        if (Files.isRegularFile(a, nf)) {
            assertEquals(Files.size(a), Files.size(b), rel + ": size");
            assertArrayEquals(sha256(a), sha256(b), rel + ": content");
        }
    }

    static Instant truncate(FileTime t, Duration precision) {
        Instant i = t.toInstant();
        long step = precision.toNanos();
        long nanos = i.getNano() - Math.floorMod(i.getNano(), step);
        if (step >= 1_000_000_000L) {
            long secs = precision.getSeconds();
            return Instant.ofEpochSecond(i.getEpochSecond() - Math.floorMod(i.getEpochSecond(), secs));
        }
        return Instant.ofEpochSecond(i.getEpochSecond(), nanos);
    }

    static byte[] sha256(Path p) throws IOException {
        try (InputStream in = Files.newInputStream(p)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void assertHardLinked(Path a, Path b) throws IOException {
        assertTrue(Files.isSameFile(a, b), a + " and " + b + " should be one inode");
    }
}
