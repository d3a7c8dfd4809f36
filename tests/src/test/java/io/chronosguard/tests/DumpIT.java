package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code dump} against repositories written by restic 0.14 (v1 and v2): a file comes out byte
 * for byte, as restic's own dump gives it; a directory as tar or zip extracts (in the JVM, and
 * with GNU tar when installed) to the source folder with its modes, mtimes, symlinks and hard
 * links; mistakes get one line and exit code 14 (not found) or 2 (not dumpable).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DumpIT {
    /** PAX keeps 7 fraction digits; zip's extended timestamp whole seconds. */
    static final Duration TAR_PRECISION = Duration.ofNanos(100);
    static final Duration ZIP_PRECISION = Duration.ofSeconds(1);

    @TempDir
    static Path tmp;
    Path src;

    @BeforeAll
    void backUpWithRestic() throws IOException {
        src = tmp.resolve("source");
        SourceTree.create(src, 11);
        for (int v : new int[] {1, 2}) {
            new Restic(repo(v)).ok("init", "--repository-version", Integer.toString(v));
            new Restic(repo(v)).ok("backup", src.toString());
        }
    }

    Path repo(int v) {
        return tmp.resolve("repo-v" + v);
    }

    String[] args(int v, String... rest) {
        List<String> a = new ArrayList<>(List.of("-r", repo(v).toString()));
        a.addAll(List.of(rest));
        return a.toArray(String[]::new);
    }

    /** Where an archive of the snapshot puts the source folder: its full path, no leading slash. */
    Path extracted(Path dest) {
        return dest.resolve(src.toString().substring(1));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void dumpFile_multiChunkUnicodeAndEmpty_equalSourceBytes(int v) throws IOException {
        for (String rel : List.of("big.bin", "docs/café ünïcödé 😀.txt", "empty.txt", "run.sh")) {
            Cli.Result r = Cli.withPassword(args(v, "dump", "latest", src + "/" + rel));
            assertEquals(0, r.exit(), r.err());
            assertArrayEquals(Files.readAllBytes(src.resolve(rel)), r.rawOut(), rel);
        }
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void dumpFile_sameBytesAsResticDump(int v) {
        for (String rel : List.of("docs/medium.bin", "docs/log.txt", "deep/a/b/c/d/leaf.txt")) {
            byte[] theirs = new Restic(repo(v)).okBytes("dump", "latest", src + "/" + rel);
            Cli.Result ours = Cli.withPassword(args(v, "dump", "latest", src + "/" + rel));
            assertEquals(0, ours.exit(), ours.err());
            assertArrayEquals(theirs, ours.rawOut(), rel);
        }
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void dumpDirAsTar_extractsToTheSource(int v) throws IOException {
        Cli.Result r = Cli.withPassword(args(v, "dump", "latest", src.toString()));
        assertEquals(0, r.exit(), r.err());
        Path dest = tmp.resolve("tar-v" + v);
        Archives.extractTar(new ByteArrayInputStream(r.rawOut()), dest);
        TreeAssert.assertSameTree(src, extracted(dest), TAR_PRECISION);
        TreeAssert.assertHardLinked(extracted(dest).resolve("docs/log.txt"),
                extracted(dest).resolve("docs/hardlink-to-log.txt"));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void dumpDirAsZipToTarget_extractsToTheSource(int v) throws IOException {
        Path zip = tmp.resolve("dump-v" + v + ".zip");
        Cli.Result r = Cli.withPassword(args(v, "dump", "--archive", "zip", "--target", zip.toString(), "latest",
                src.toString()));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("to " + zip), r.out());
        Path dest = tmp.resolve("zip-v" + v);
        Archives.extractZip(zip, dest);
        TreeAssert.assertSameTree(src, extracted(dest), ZIP_PRECISION);
    }

    @Test
    void dumpDirAsTar_gnuTarExtractsToTheSource() throws Exception {
        Path archive = tmp.resolve("for-gnu-tar.tar");
        Cli.Result r = Cli.withPassword(args(2, "dump", "--target", archive.toString(), "latest", src.toString()));
        assertEquals(0, r.exit(), r.err());
        Path dest = Files.createDirectories(tmp.resolve("gnu-tar"));
        Process p = new ProcessBuilder("tar", "-xpf", archive.toString(), "-C", dest.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        assertEquals(0, p.exitValue(), log);
        TreeAssert.assertSameTree(src, extracted(dest), TAR_PRECISION);
        TreeAssert.assertHardLinked(extracted(dest).resolve("docs/log.txt"),
                extracted(dest).resolve("docs/hardlink-to-log.txt"));
    }

    @Test
    void dumpRoot_tarNamesEveryPathResticLists() throws IOException {
        List<String> lines = new ArrayList<>(List.of(new Restic(repo(2)).ok("ls", "latest").split("\n")));
        lines.remove(0);
        Set<String> theirs = new TreeSet<>(lines);
        Cli.Result r = Cli.withPassword(args(2, "dump", "latest", "/"));
        assertEquals(0, r.exit(), r.err());
        Set<String> ours = new TreeSet<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(r.rawOut()), "UTF-8")) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                ours.add("/" + (name.endsWith("/") ? name.substring(0, name.length() - 1) : name));
            }
        }
        assertEquals(theirs, ours);
    }

    @Test
    void dump_unknownSnapshot_exits14WithoutStackTrace() {
        Cli.Result r = Cli.withPassword(args(2, "dump", "deadbeef", "/"));
        assertEquals(14, r.exit(), r.err());
        assertTrue(r.err().contains("deadbeef"), r.err());
        RepositoryErrorsIT.assertNoStackTrace(r);
    }

    @Test
    void dump_unknownPath_exits14NamingIt_andCreatesNoTarget() {
        Path target = tmp.resolve("never.tar");
        Cli.Result r = Cli.withPassword(args(2, "dump", "--target", target.toString(), "latest", src + "/no/such"));
        assertEquals(14, r.exit(), r.err());
        assertTrue(r.err().contains(src + "/no/such"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        RepositoryErrorsIT.assertNoStackTrace(r);
        assertFalse(Files.exists(target));
    }

    @Test
    void dump_pathThroughAFile_exits14() {
        Cli.Result r = Cli.withPassword(args(2, "dump", "latest", src + "/big.bin/inside"));
        assertEquals(14, r.exit(), r.err());
        assertTrue(r.err().contains("is a file, not a directory"), r.err());
    }

    @Test
    void dump_symlink_exits2SayingWhatItIs() {
        Cli.Result r = Cli.withPassword(args(2, "dump", "latest", src + "/link-to-big"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("is a symlink to big.bin"), r.err());
        assertEquals(0, r.rawOut().length);
    }

    @Test
    void dump_unknownArchiveFormat_exits2() {
        Cli.Result r = Cli.withPassword(args(2, "dump", "--archive", "rar", "latest", "/"));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("rar"), r.err());
    }
}
