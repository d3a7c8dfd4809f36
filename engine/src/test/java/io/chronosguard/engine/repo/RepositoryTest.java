package io.chronosguard.engine.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.repo.format.RepoConfig;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryTest {
    @TempDir
    Path dir;

    /** A fresh repository whose config is then re-sealed with {@code polynomial}. */
    LocalBackend repoWithPolynomial(String polynomial) throws IOException {
        LocalBackend backend = new LocalBackend(dir.resolve("repo"));
        Repository repo = RepositoryInitTest.init().init(backend, RepositoryInitTest.PASSWORD, 2, KeyRingTest.CHEAP);
        Key master = repo.key();
        RepoConfig bad = new RepoConfig(2, repo.config().id(), polynomial);
        backend.save(FileType.CONFIG, "config", Crypto.seal(master, ResticJson.write(bad)));
        return backend;
    }

    @Test
    void open_reducibleChunkerPolynomial_reportsCorruptConfig() throws IOException {
        // x^53 + 1 has the root 1, so x + 1 divides it.
        LocalBackend backend = repoWithPolynomial("20000000000001");
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Repository.open(backend, RepositoryInitTest.PASSWORD.clone()));
        assertTrue(e.getMessage().contains("config"), e.getMessage());
        assertTrue(e.getMessage().contains("20000000000001"), e.getMessage());
        assertTrue(e.getMessage().contains("not irreducible"), e.getMessage());
    }

    @Test
    void open_unparsableChunkerPolynomial_reportsCorruptConfig() throws IOException {
        LocalBackend backend = repoWithPolynomial("+3da3358b4dc173");
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> Repository.open(backend, RepositoryInitTest.PASSWORD.clone()));
        assertTrue(e.getMessage().contains("config"), e.getMessage());
    }

    @Test
    void open_irreducibleChunkerPolynomialFromSpec_opens() throws IOException {
        LocalBackend backend = repoWithPolynomial("3da3358b4dc173");
        try (Repository repo = Repository.open(backend, RepositoryInitTest.PASSWORD.clone())) {
            assertEquals("3da3358b4dc173", repo.config().chunkerPolynomial());
        }
    }

    @Test
    void of_withBareMasterKey_hasNoKeyId() throws IOException {
        LocalBackend backend = repoWithPolynomial("3da3358b4dc173");
        Key master = Repository.open(backend, RepositoryInitTest.PASSWORD.clone()).key();
        assertTrue(Repository.of(backend, master).keyId().isEmpty());
    }

    @Test
    void loadIndex_isTheUnionOfAllIndexFiles_supersedesIgnoredAsByRestic014() throws IOException {
        LocalBackend backend = new LocalBackend(dir.resolve("repo"));
        try (Repository repo = RepositoryInitTest.init().init(backend, RepositoryInitTest.PASSWORD, 2,
                KeyRingTest.CHEAP)) {
            String b1 = "11".repeat(32);
            String b2 = "22".repeat(32);
            Id first = repo.saveUnpacked(FileType.INDEX, indexJson("", "aa".repeat(32), b1));
            repo.saveUnpacked(FileType.INDEX, indexJson("\"supersedes\":[\"" + first.hex() + "\"],",
                    "bb".repeat(32), b2));
            var idx = repo.loadIndex();
            assertTrue(idx.lookup(Id.parse(b1), io.chronosguard.engine.pack.BlobType.DATA).isPresent(),
                    "a superseded index file's blobs are still in the index");
            assertTrue(idx.lookup(Id.parse(b2), io.chronosguard.engine.pack.BlobType.DATA).isPresent());
        }
    }

    private static byte[] indexJson(String supersedes, String pack, String blob) {
        return ("{" + supersedes + "\"packs\":[{\"id\":\"" + pack + "\",\"blobs\":[{\"id\":\"" + blob
                + "\",\"type\":\"data\",\"offset\":0,\"length\":43}]}]}\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
