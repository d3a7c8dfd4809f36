package io.chronosguard.tests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Random;

/**
 * Builds a source folder with what a backup must survive: large files across chunk
 * boundaries, empty files and folders, symlinks, hard links, unicode and space-containing
 * names, unusual modes, and fixed mtimes. Content is seeded, so runs are reproducible.
 */
final class SourceTree {
    private SourceTree() {
    }

    static void create(Path root, long seed) throws IOException {
        Random rnd = new Random(seed);
        Files.createDirectories(root);
        Path docs = Files.createDirectories(root.resolve("docs"));
        Path deep = Files.createDirectories(root.resolve("deep/a/b/c/d"));
        Files.createDirectories(root.resolve("empty dir"));
        randomFile(root.resolve("big.bin"), 12L << 20, rnd);
        randomFile(docs.resolve("medium.bin"), 3L << 20, rnd);
        compressible(docs.resolve("log.txt"), 2L << 20, rnd);
        Files.createFile(root.resolve("empty.txt"));
        Files.writeString(docs.resolve("café ünïcödé 😀.txt"), "unicode name\n", StandardCharsets.UTF_8);
        Files.writeString(docs.resolve("name with  spaces.txt"), "spaces\n");
        Files.writeString(docs.resolve("ａfullwidth"), "fullwidth sorts before emoji in byte order\n");
        Files.writeString(deep.resolve("leaf.txt"), "deep leaf\n");
        Path script = root.resolve("run.sh");
        Files.writeString(script, "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
        Path secret = docs.resolve("secret.txt");
        Files.writeString(secret, "private\n");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
        Files.createSymbolicLink(root.resolve("link-to-big"), Path.of("big.bin"));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("/nonexistent/target"));
        Files.createLink(docs.resolve("hardlink-to-log.txt"), docs.resolve("log.txt"));
        for (int i = 0; i < 40; i++) {
            Files.writeString(root.resolve("deep/a/small-" + i + ".txt"), "small file " + i + " " + rnd.nextLong() + "\n");
        }
        Files.setPosixFilePermissions(root.resolve("deep/a/b"), PosixFilePermissions.fromString("rwx--x--x"));
        setTimes(root);
    }

    static void randomFile(Path p, long size, Random rnd) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (OutputStream out = Files.newOutputStream(p)) {
            for (long done = 0; done < size; done += buf.length) {
                rnd.nextBytes(buf);
                out.write(buf, 0, (int) Math.min(buf.length, size - done));
            }
        }
    }

    static void compressible(Path p, long size, Random rnd) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < size) {
            sb.append("2026-11-21 12:00:").append(rnd.nextInt(60)).append(" INFO request served in ")
                    .append(rnd.nextInt(1000)).append(" ms\n");
        }
        Files.writeString(p, sb.substring(0, (int) size));
    }

    /** Gives every entry (deepest first, links not followed) a distinct fixed mtime. */
    static void setTimes(Path root) throws IOException {
        long[] t = {Instant.parse("2024-03-01T10:15:30.123456789Z").getEpochSecond()};
        try (var s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                if (!Files.isSymbolicLink(p)) {
                    try {
                        Files.setLastModifiedTime(p, FileTime.from(Instant.ofEpochSecond(t[0]++, 123_456_789)));
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            });
        }
    }
}
