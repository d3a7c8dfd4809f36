package io.chronosguard.tests;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.Backends;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real OpenSSH server, opened the way the CLI opens it: the key and
 * known_hosts found in HOME's {@code .ssh}, the location in restic's {@code sftp://} form.
 */
class SftpBackendContractIT extends BackendContract {
    private static final AtomicInteger REPOS = new AtomicInteger();

    @TempDir
    static Path dir;
    static SshServer server;

    @BeforeAll
    static void startServer() throws Exception {
        server = SshServer.start(dir.resolve("ssh"));
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected Backend newBackend() {
        Path repo = dir.resolve("repos/repo-" + REPOS.incrementAndGet());
        return Backends.open(server.url(repo), Map.of("HOME", server.home().toString()));
    }
}
