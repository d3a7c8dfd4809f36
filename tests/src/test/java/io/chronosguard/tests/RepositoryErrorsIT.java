package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when things are wrong: wrong password, no repository, corrupted or
 * truncated packs, a lock held by another process. Each gives one clear line, a distinct
 * non-zero exit code and no stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RepositoryErrorsIT {
    @TempDir
    static Path tmp;
    Path pristine;

    @BeforeAll
    void writeRepositoryWithRestic() throws IOException {
        Path src = tmp.resolve("source");
        SourceTree.create(src, 7);
        pristine = tmp.resolve("pristine");
        new Restic(pristine).ok("init");
        new Restic(pristine).ok("backup", src.toString());
    }

    /** A private copy, so a test may damage it. */
    Path copy(String name) throws IOException {
        Path dst = tmp.resolve(name);
        try (Stream<Path> s = Files.walk(pristine)) {
            for (Path p : s.sorted().toList()) {
                Path t = dst.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                    t.toFile().setWritable(true, true);
                }
            }
        }
        return dst;
    }

    static List<Path> packs(Path repo) throws IOException {
        try (Stream<Path> s = Files.walk(repo.resolve("data"))) {
            return s.filter(Files::isRegularFile).sorted(Comparator.comparingLong(RepositoryErrorsIT::size).reversed()).toList();
        }
    }

    static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void assertNoStackTrace(Cli.Result r) {
        assertFalse(r.err().contains("\tat "), "stack trace shown:\n" + r.err());
        assertFalse(r.err().contains("Exception"), "exception name shown:\n" + r.err());
    }

    @Test
    void snapshots_wrongPassword_exits12WithClearMessage() {
        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", "not the password"), "-r", pristine.toString(), "snapshots");
        assertEquals(12, r.exit());
        assertTrue(r.err().contains("wrong password"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void snapshots_noRepository_exits10NamingPath() {
        Path nowhere = tmp.resolve("nowhere");
        Cli.Result r = Cli.withPassword("-r", nowhere.toString(), "snapshots");
        assertEquals(10, r.exit());
        assertTrue(r.err().contains(nowhere.toString()), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void snapshots_noPassword_exits2SayingHowToGiveOne() {
        Cli.Result r = Cli.run(Map.of(), "-r", pristine.toString(), "snapshots");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--password-file"), r.err());
    }

    @Test
    void snapshots_passwordFile_opensRepository() throws IOException {
        Path pw = tmp.resolve("pw.txt");
        Files.writeString(pw, Restic.PASSWORD + "\n");
        Cli.Result r = Cli.run(Map.of(), "-r", pristine.toString(), "--password-file", pw.toString(), "snapshots");
        assertEquals(0, r.exit(), r.err());
    }

    @Test
    void checkReadData_flippedByteInPack_namesPackAndExits1() throws IOException {
        Path repo = copy("corrupt");
        Path pack = packs(repo).get(0);
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            f.seek(1000);
            int b = f.read();
            f.seek(1000);
            f.write(b ^ 0x55);
        }
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "check", "--read-data");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(pack.getFileName().toString()), r.err());
        assertNoStackTrace(r);
        Cli.Result structural = Cli.withPassword("-r", repo.toString(), "check");
        assertEquals(0, structural.exit(), "structure is intact, only data is damaged: " + structural.err());
    }

    @Test
    void checkReadData_truncatedPack_namesPackAndExits1() throws IOException {
        Path repo = copy("truncated");
        Path pack = packs(repo).get(0);
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            f.setLength(f.length() / 2);
        }
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "check", "--read-data");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(pack.getFileName().toString()), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void restore_corruptedPack_failsNamingTheDamageAndExitsNonZero() throws IOException {
        Path repo = copy("corrupt-restore");
        Path pack = packs(repo).get(0);
        try (RandomAccessFile f = new RandomAccessFile(pack.toFile(), "rw")) {
            f.seek(100);
            f.write(0);
            f.write(1);
            f.write(2);
        }
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "restore", "latest", "--target", tmp.resolve("out").toString());
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains(pack.getFileName().toString()), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void check_missingPack_reportsItAndExits1() throws IOException {
        Path repo = copy("missing");
        Path pack = packs(repo).get(0);
        Files.delete(pack);
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "check");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(pack.getFileName().toString()), r.err());
    }

    @Test
    void snapshots_exclusiveLockHeldElsewhere_exits11AndResticHonoursOurLock() throws IOException {
        Path repo = copy("locked");
        Repository r0 = Repository.open(new LocalBackend(repo), Restic.PASSWORD.toCharArray());
        Host other = new Host("otherhost", "someone", 999999, 0, 0);
        try (Locker.RepoLock lock = new Locker(r0, Clock.systemUTC(), other).lock(true)) {
            Cli.Result r = Cli.withPassword("-r", repo.toString(), "snapshots");
            assertEquals(11, r.exit(), r.err());
            assertTrue(r.err().contains("locked exclusively by PID 999999 on otherhost"), r.err());
            Restic.Result theirs = new Restic(repo).run("backup", tmp.resolve("source").toString());
            assertNotEquals(0, theirs.exit(), "restic must refuse while our exclusive lock is held");
            assertTrue(theirs.err().contains("locked"), theirs.err());
        }
        assertEquals(0, Cli.withPassword("-r", repo.toString(), "snapshots").exit());
    }

    @Test
    void restore_unknownSnapshot_exits14() {
        Cli.Result r = Cli.withPassword("-r", pristine.toString(), "restore", "deadbeef", "--target", tmp.resolve("x").toString());
        assertEquals(14, r.exit());
        assertTrue(r.err().contains("deadbeef"), r.err());
    }

    @Test
    void unknownOption_exits2WithUsage() {
        Cli.Result r = Cli.withPassword("snapshots", "--no-such-flag");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains("--no-such-flag"), r.err());
    }
}
