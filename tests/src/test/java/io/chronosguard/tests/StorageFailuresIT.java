package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The storage failing under a command: the repository's file system full (a real 8 MiB tmpfs),
 * the repository not writable (its folders made immutable with {@code chattr +i}, which refuses
 * even root), and a pack or index file truncated. Each gives one line naming the repository or
 * the file and the cause, a non-zero exit, no stack trace, and leaves a repository restic
 * accepts (or, for the damaged file, one whose other snapshots still restore byte for byte).
 */
class StorageFailuresIT {
    @TempDir
    Path tmp;

    @Test
    void backup_fileSystemFull_oneLineNoSpaceLeftAndRepositoryChecksClean() throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("small-fs"));
        run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString());
        try {
            Path repo = mount.resolve("repo");
            new Restic(repo).ok("init");
            Path src = Files.createDirectories(tmp.resolve("src"));
            Random rnd = new Random(3);
            for (int i = 0; i < 6; i++) {
                SourceTree.randomFile(src.resolve("f" + i), 3L << 20, rnd);
            }
            Cli.Result r = Cli.withPassword("-r", repo.toString(), "backup", src.toString());
            System.out.println("StorageFailuresIT backup onto a full file system: " + r.err().strip());
            assertNotEquals(0, r.exit(), r.out() + r.err());
            RepositoryErrorsIT.assertNoStackTrace(r);
            String err = r.err().toLowerCase(Locale.ROOT);
            assertTrue(err.contains("no space left"), r.err());
            assertTrue(r.err().contains(repo.toString()), "the message does not name the repository: " + r.err());
            assertEquals(1, r.err().strip().lines().filter(l -> l.toLowerCase(Locale.ROOT).contains("no space"))
                    .count(), r.err());
            Restic restic = new Restic(repo);
            restic.ok("--no-lock", "check", "--read-data");
            assertEquals(0, countTemporary(repo), "temporary files were left on the full disk");
        } finally {
            run("umount", mount.toString());
        }
    }

    @Test
    void backup_repositoryNotWritable_oneLineNamingItAndNonZero() throws Exception {
        Path repo = resticRepository();
        Path src = source(2);
        List<Path> frozen = new ArrayList<>();
        try (Stream<Path> s = Files.walk(repo)) {
            s.filter(Files::isDirectory).forEach(frozen::add);
        }
        for (Path d : frozen) {
            run("chattr", "+i", d.toString());
        }
        try {
            Cli.Result r = Cli.withPassword("-r", repo.toString(), "backup", src.toString());
            System.out.println("StorageFailuresIT backup into an immutable repository: " + r.err().strip());
            assertNotEquals(0, r.exit(), r.out() + r.err());
            RepositoryErrorsIT.assertNoStackTrace(r);
            assertEquals(1, r.err().strip().lines().count(), "not one line: " + r.err());
            assertTrue(r.err().contains(repo.toString()), r.err());
            assertTrue(r.err().toLowerCase(Locale.ROOT).contains("not permitted")
                    || r.err().toLowerCase(Locale.ROOT).contains("permission denied"), r.err());
        } finally {
            for (Path d : frozen) {
                run("chattr", "-i", d.toString());
            }
        }
        new Restic(repo).ok("check");
    }

    @Test
    void restore_packTruncated_namesThePackNonZeroOtherSnapshotRestores() throws Exception {
        Path repo = tmp.resolve("repo");
        new Restic(repo).ok("init");
        Path a = Files.createDirectories(tmp.resolve("a"));
        Path b = Files.createDirectories(tmp.resolve("b"));
        SourceTree.randomFile(a.resolve("one.bin"), 2L << 20, new Random(1));
        SourceTree.randomFile(b.resolve("two.bin"), 2L << 20, new Random(2));
        Cli.Result ra = Cli.withPassword("-r", repo.toString(), "backup", "--json", a.toString());
        List<String> packsOfA = CrashHarness.files(repo.resolve("data"));
        Cli.Result rb = Cli.withPassword("-r", repo.toString(), "backup", "--json", b.toString());
        assertEquals(0, ra.exit() + rb.exit(), ra.err() + rb.err());
        String pack = packsOfA.stream().max((x, y) -> Long.compare(size(repo, x), size(repo, y))).orElseThrow();
        Path packFile = repo.resolve("data").resolve(pack);
        packFile.toFile().setWritable(true, true);
        try (RandomAccessFile f = new RandomAccessFile(packFile.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        Map<String, Long> sizesBefore = sizes(repo);

        Cli.Result r = Cli.withPassword("-r", repo.toString(), "restore", BackupIT.summary(ra).get("snapshot_id")
                .asText(), "--target", tmp.resolve("restore-a").toString());
        System.out.println("StorageFailuresIT restore from a truncated pack: " + r.err().strip());
        assertNotEquals(0, r.exit(), r.out() + r.err());
        RepositoryErrorsIT.assertNoStackTrace(r);
        String packId = Path.of(pack).getFileName().toString();
        assertTrue(r.err().contains(packId.substring(0, 8)), "the message does not name the pack: " + r.err());

        Path target = tmp.resolve("restore-b");
        Cli.Result ok = Cli.withPassword("-r", repo.toString(), "restore", BackupIT.summary(rb).get("snapshot_id")
                .asText(), "--target", target.toString());
        assertEquals(0, ok.exit(), ok.err());
        TreeAssert.assertSameTree(b, target.resolve(b.toString().substring(1)));
        assertEquals(sizesBefore, sizes(repo), "a command changed the repository");
    }

    @Test
    void snapshots_indexTruncated_namesTheIndexFileNonZero() throws Exception {
        Path repo = resticRepository();
        Path src = source(5);
        Cli.Result b = Cli.withPassword("-r", repo.toString(), "backup", src.toString());
        assertEquals(0, b.exit(), b.err());
        String index = CrashHarness.files(repo.resolve("index")).get(0);
        Path file = repo.resolve("index").resolve(index);
        file.toFile().setWritable(true, true);
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(f.length() - 7);
        }
        for (String cmd : new String[] {"check", "ls"}) {
            List<String> args = new ArrayList<>(List.of("-r", repo.toString(), cmd));
            if (cmd.equals("ls")) {
                args.add("latest");
            }
            Cli.Result r = Cli.withPassword(args.toArray(String[]::new));
            System.out.println("StorageFailuresIT " + cmd + " of a truncated index: " + r.err().strip());
            assertNotEquals(0, r.exit(), cmd + ": " + r.out() + r.err());
            RepositoryErrorsIT.assertNoStackTrace(r);
            assertTrue((r.out() + r.err()).contains(index.substring(0, 8)), cmd + " does not name the index file "
                    + index + ": " + r.out() + r.err());
        }
    }

    private Path resticRepository() {
        Path repo = tmp.resolve("repo");
        new Restic(repo).ok("init");
        return repo;
    }

    private Path source(long seed) throws IOException {
        Path src = tmp.resolve("src");
        SourceTree.create(src, seed);
        return src;
    }

    private static long size(Path repo, String pack) {
        return repo.resolve("data").resolve(pack).toFile().length();
    }

    private static Map<String, Long> sizes(Path repo) {
        Map<String, Long> out = new HashMap<>();
        for (String f : CrashHarness.files(repo)) {
            if (!f.startsWith("locks")) {
                out.put(f, repo.resolve(f).toFile().length());
            }
        }
        return out;
    }

    private static long countTemporary(Path repo) {
        return CrashHarness.files(repo).stream().filter(f -> f.contains(".tmp-")).count();
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", cmd) + " hung");
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
    }
}
