package io.chronosguard.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.chronosguard.engine.backend.local.LocalBackend;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendStackTest {
    @TempDir
    Path dir;

    /** The decorators from the outside in, ending with the store. */
    private static List<Class<?>> layers(Backend b) {
        List<Class<?>> out = new ArrayList<>();
        Backend cur = b;
        while (cur instanceof ForwardingBackend f) {
            out.add(f.getClass());
            cur = f.inner();
        }
        out.add(cur.getClass());
        return out;
    }

    @Test
    void wrap_localWithDefaults_retriesOnly() {
        Backend b = BackendStack.wrap(new LocalBackend(dir), "local", BackendOptions.defaults(w -> { }));
        assertEquals(List.of(RetryBackend.class, LocalBackend.class), layers(b));
    }

    @Test
    void wrap_networkScheme_limitsConnectionsToFiveByDefault() {
        Backend b = BackendStack.wrap(new LocalBackend(dir), "s3", BackendOptions.defaults(w -> { }));
        assertEquals(List.of(RetryBackend.class, ConnectionLimitBackend.class, LocalBackend.class), layers(b));
        ConnectionLimitBackend c = (ConnectionLimitBackend) ((RetryBackend) b).inner();
        assertEquals(5, c.limit());
    }

    @Test
    void wrap_allOptionsSet_stacksRetryThenRateThenConnections() {
        BackendOptions o = new BackendOptions(100, 200, 2, RetryPolicy.defaults(), w -> { });
        Backend b = BackendStack.wrap(new LocalBackend(dir), "local", o);
        assertEquals(List.of(RetryBackend.class, RateLimitedBackend.class, ConnectionLimitBackend.class,
                LocalBackend.class), layers(b));
    }

    @Test
    void wrap_noRetries_leavesTheStoreBare() {
        LocalBackend local = new LocalBackend(dir);
        BackendOptions o = new BackendOptions(0, 0, 0, RetryPolicy.none(), w -> { });
        assertSame(local, BackendStack.wrap(local, "local", o));
        assertInstanceOf(LocalBackend.class, Backends.open(dir.toString(), java.util.Map.of(), o));
    }
}
