package io.chronosguard.engine.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.AlreadyExistsException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.chunker.Polynomial;
import io.chronosguard.engine.repo.format.KeyFile;
import io.chronosguard.engine.repo.format.RepoConfig;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryInitTest {
    static final char[] PASSWORD = "init-password".toCharArray();
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-06T07:08:09.5Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    static RepositoryInit init() {
        return new RepositoryInit(new SecureRandom(), CLOCK, KeyRingTest.HOST);
    }

    Repository initAt(Path root, int version) {
        return init().init(new LocalBackend(root), PASSWORD, version, KeyRingTest.CHEAP);
    }

    @Test
    void init_newFolder_createsResticLayout() throws IOException {
        Path root = dir.resolve("new/nested");
        initAt(root, 2).close();
        for (String sub : List.of("keys", "data", "index", "snapshots", "locks")) {
            assertTrue(Files.isDirectory(root.resolve(sub)), sub);
        }
        try (Stream<Path> s = Files.list(root.resolve("data"))) {
            assertEquals(256, s.filter(Files::isDirectory).count());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("keys"))));
        assertEquals("r--------", PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("config"))));
        assertTrue(Files.notExists(root.resolve("tmp")), "restic 0.14 has no tmp folder");
    }

    @Test
    void init_v2_opensWithThePasswordAndHasAFreshIrreducibleConfig() {
        Path root = dir.resolve("repo");
        Id keyId;
        try (Repository created = initAt(root, 2)) {
            keyId = created.keyId().orElseThrow();
        }
        try (Repository repo = Repository.open(new LocalBackend(root), PASSWORD.clone())) {
            RepoConfig c = repo.config();
            assertEquals(2, c.version());
            assertTrue(c.id().matches("[0-9a-f]{64}"), c.id());
            Polynomial p = Polynomial.parse(c.chunkerPolynomial());
            assertEquals(53, p.deg());
            assertTrue(p.isIrreducible());
            assertEquals(p.hex(), c.chunkerPolynomial(), "lowercase, no leading zeros");
            assertEquals(keyId, repo.keyId().orElseThrow());
        }
    }

    @Test
    void init_twice_drawsDifferentIdsAndPolynomials() {
        RepoConfig a = initAt(dir.resolve("a"), 2).config();
        RepoConfig b = initAt(dir.resolve("b"), 2).config();
        assertTrue(!a.id().equals(b.id()) && !a.chunkerPolynomial().equals(b.chunkerPolynomial()));
    }

    @Test
    void init_v1_writesVersion1() {
        initAt(dir.resolve("v1"), 1).close();
        try (Repository repo = Repository.open(new LocalBackend(dir.resolve("v1")), PASSWORD.clone())) {
            assertEquals(1, repo.version());
        }
    }

    @Test
    void init_keyFileRecordsHostUserAndClockTime() throws IOException {
        Repository repo = initAt(dir.resolve("repo"), 2);
        Id id = repo.keyId().orElseThrow();
        KeyFile kf = ResticJson.read(repo.backend().load(FileType.KEY, id.hex()), KeyFile.class, "key");
        assertEquals("2024-05-06T07:08:09.5Z", kf.created());
        assertEquals("tester", kf.username());
        assertEquals("testhost", kf.hostname());
        assertEquals(KeyRingTest.CHEAP.n(), kf.n());
    }

    @Test
    void init_existingRepository_throwsAlreadyExistsAndChangesNothing() throws IOException {
        Path root = dir.resolve("repo");
        initAt(root, 2).close();
        Map<String, Long> before = listing(root);
        AlreadyExistsException e = assertThrows(AlreadyExistsException.class, () -> initAt(root, 2));
        assertTrue(e.getMessage().contains(root.toString()), e.getMessage());
        assertEquals(before, listing(root));
    }

    @Test
    void init_nonEmptyFolderWithoutConfig_isRefusedAndChangesNothing() throws IOException {
        Path root = dir.resolve("photos");
        Files.createDirectories(root);
        Files.writeString(root.resolve("holiday.jpg"), "not a repository");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> initAt(root, 2));
        assertTrue(e.getMessage().contains("not an empty folder"), e.getMessage());
        assertEquals(Map.of("holiday.jpg", 16L), listing(root));
    }

    @Test
    void init_locationIsAFile_isRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("file"), "x");
        assertThrows(IllegalArgumentException.class, () -> initAt(file, 2));
    }

    @Test
    void init_emptyFolder_isAccepted() throws IOException {
        Path root = Files.createDirectories(dir.resolve("empty"));
        initAt(root, 2).close();
        assertTrue(Files.isRegularFile(root.resolve("config")));
    }

    @Test
    void init_unknownVersion_isRejectedBeforeWritingAnything() {
        assertThrows(IllegalArgumentException.class, () -> initAt(dir.resolve("v3"), 3));
        assertTrue(Files.notExists(dir.resolve("v3")));
    }

    /** Relative path → size of every file and folder under {@code root}. */
    static Map<String, Long> listing(Path root) throws IOException {
        Map<String, Long> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> !p.equals(root)).toList()) {
                m.put(root.relativize(p).toString(), Files.isDirectory(p) ? -1L : Files.size(p));
            }
        }
        return m;
    }
}
