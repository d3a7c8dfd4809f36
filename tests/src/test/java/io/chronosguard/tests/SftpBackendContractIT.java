package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.Backends;
import io.chronosguard.engine.backend.FileType;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract on a real OpenSSH server, opened the way the CLI opens it: the key and
 * known_hosts found in HOME's {@code .ssh} (beside a stale ssh-agent socket), the location in
 * restic's {@code sftp://} form.
 */
class SftpBackendContractIT extends BackendContract {
    private static final AtomicInteger REPOS = new AtomicInteger();

    @TempDir
    static Path dir;
    private final SshServer server = SshServer.shared();

    @Override
    protected Backend newBackend() {
        Path repo = dir.resolve("repos/repo-" + REPOS.incrementAndGet());
        // a stale SSH_AUTH_SOCK (the agent of a closed login) must not get in the way of the key files
        return Backends.open(server.url(repo), Map.of("HOME", server.home().toString(),
                "SSH_AUTH_SOCK", dir.resolve("no-agent.sock").toString()));
    }

    /** A long-running node outlives its SSH session (server restarted, network dropped): it connects again. */
    @Test
    void sessionDropped_nextOperationConnectsAgain() throws Exception {
        try (Backend b = newBackend()) {
            String name = "ab".repeat(32);
            b.save(FileType.LOCK, name, new byte[] {1, 2, 3});
            server.restart();
            assertArrayEquals(new byte[] {1, 2, 3}, awaitLoad(b, name));
        }
    }

    /**
     * The first operation after the drop may still meet the dying session (its close reaches
     * the client asynchronously); the next one must connect again and work.
     */
    private static byte[] awaitLoad(Backend b, String name) throws java.io.IOException {
        try {
            return b.load(FileType.LOCK, name);
        } catch (java.io.IOException first) {
            return b.load(FileType.LOCK, name);
        }
    }
}
