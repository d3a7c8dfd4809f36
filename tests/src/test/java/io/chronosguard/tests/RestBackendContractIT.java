package io.chronosguard.tests;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.Backends;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real REST server ({@code rclone serve restic}), opened the way the
 * CLI opens it (protocol v2, credentials in the URL), and against a server that speaks only v1.
 */
class RestBackendContractIT extends BackendContract {
    private static final AtomicInteger REPOS = new AtomicInteger();

    @TempDir
    static Path dir;
    static RestV1Server v1;

    @BeforeAll
    static void startServer() throws Exception {
        v1 = RestV1Server.start(dir.resolve("served-v1"));
    }

    @AfterAll
    static void stopServer() {
        v1.close();
    }

    /** Each test its own repository path on the one server. */
    @Override
    protected Backend newBackend() {
        return Backends.open(RcloneRestServer.shared().withCredentials("contract-" + REPOS.incrementAndGet()), Map.of());
    }

    /** The same guarantees against a server that answers listings in protocol v1 (names only). */
    @Nested
    class ProtocolV1 extends BackendContract {
        @Override
        protected Backend newBackend() {
            return Backends.open("rest:" + v1.url() + "repo-" + REPOS.incrementAndGet() + "/", Map.of());
        }
    }
}
