package io.chronosguard.tests;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.Backends;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The store contract on a real S3 server (s3proxy on 127.0.0.1), opened the way the CLI
 * opens it: every test gets a prefix nobody used. The bucket is made by the store's own
 * {@code createLayout} (a bucket, unlike a local folder, is not created by a save), which
 * leaves the prefix unused, as the contract's first test checks.
 */
class S3BackendContractIT extends BackendContract {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static S3Server server;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start();
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Override
    protected Backend newBackend() throws Exception {
        Backend b = Backends.open(server.url("contract", "repo-" + NEXT.incrementAndGet()), server.credentials());
        b.createLayout();
        return b;
    }
}
