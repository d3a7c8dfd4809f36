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
}
