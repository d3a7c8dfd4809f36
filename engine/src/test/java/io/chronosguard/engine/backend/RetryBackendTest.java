package io.chronosguard.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.local.LocalBackend;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetryBackendTest {
    static final String NAME = "ab12cd34" + "0".repeat(56);

    @TempDir
    Path dir;
    LocalBackend local;
    final FakeClock clock = new FakeClock();
    final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        local = new LocalBackend(dir.resolve("repo"));
    }

    /** Fails the first {@code failures} calls of every kind with {@code error}, then passes through. */
    static final class Flaky extends ForwardingBackend {
        final AtomicInteger calls = new AtomicInteger();
        final int failures;
        final IOException error;

        Flaky(Backend inner, int failures, IOException error) {
            super(inner);
            this.failures = failures;
            this.error = error;
        }

        private void maybeFail() throws IOException {
            if (calls.incrementAndGet() <= failures) {
                throw error;
            }
        }

        @Override
        public byte[] load(FileType type, String name) throws IOException {
            maybeFail();
            return super.load(type, name);
        }

        @Override
        public void save(FileType type, String name, byte[] data) throws IOException {
            maybeFail();
            super.save(type, name, data);
        }

        @Override
        public void remove(FileType type, String name) throws IOException {
            super.remove(type, name); // removed, then the answer is lost
            maybeFail();
        }
    }

    private RetryBackend retry(Backend inner, RetryPolicy policy) {
        return new RetryBackend(inner, policy, clock, () -> 0.5, warnings::add);
    }

    @Test
    void save_transientFailuresThenSuccess_savesOnceAndWarnsPerRetry() throws IOException {
        Flaky flaky = new Flaky(local, 2, new ConnectException("Connection refused"));
        Backend b = retry(flaky, RetryPolicy.defaults());
        b.exists(); // a store that was working: the drop is waited out, one warning per retry
        b.save(FileType.DATA, NAME, "pack".getBytes(StandardCharsets.UTF_8));

        assertArrayEquals("pack".getBytes(StandardCharsets.UTF_8), local.load(FileType.DATA, NAME));
        assertEquals(3, flaky.calls.get());
        assertEquals(List.of("retrying save data/ab12cd34 in 1.0s after error: Connection refused, attempt 2",
                "retrying save data/ab12cd34 in 1.5s after error: Connection refused, attempt 3"), warnings);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofMillis(1500)), clock.sleeps());
    }

    @Test
    void load_transientFailureThenSuccess_returnsAllBytes() throws IOException {
        byte[] data = new byte[100_000];
        new java.util.Random(1).nextBytes(data);
        local.save(FileType.INDEX, NAME, data);
        Flaky flaky = new Flaky(local, 1, new IOException("Connection reset"));

        Backend b = retry(flaky, RetryPolicy.defaults());
        b.exists();
        assertArrayEquals(data, b.load(FileType.INDEX, NAME));
        assertEquals(1, warnings.size());
    }

    @Test
    void load_missingFile_failsAtOnceWithoutRetry() {
        Flaky flaky = new Flaky(local, 0, null);
        assertThrows(NoSuchFileException.class, () -> retry(flaky, RetryPolicy.defaults()).load(FileType.INDEX, NAME));
        assertEquals(1, flaky.calls.get());
        assertTrue(warnings.isEmpty());
        assertTrue(clock.sleeps().isEmpty());
    }

    @Test
    void save_permanentError_isNotRetried() {
        PermanentBackendException denied = new PermanentBackendException("403 Forbidden: bad credentials");
        Flaky flaky = new Flaky(local, 5, denied);
        IOException e = assertThrows(IOException.class,
                () -> retry(flaky, RetryPolicy.defaults()).save(FileType.DATA, NAME, new byte[1]));
        assertSame(denied, e);
        assertEquals(1, flaky.calls.get());
        assertTrue(warnings.isEmpty());
    }

    @Test
    void save_permanentCauseOrAccessDenied_isNotRetried() {
        assertFalse(RetryBackend.isTransient(new IOException("wrapped", new PermanentBackendException("401"))));
        assertFalse(RetryBackend.isTransient(new AccessDeniedException("/repo/data")));
        assertTrue(RetryBackend.isTransient(new java.net.SocketTimeoutException("Read timed out")));
        assertTrue(RetryBackend.isTransient(new IOException("HTTP 503 Service Unavailable")));
        // regression: a full disk was retried for two minutes before the one line the user needs
        assertFalse(RetryBackend.isTransient(new IOException("No space left on device")));
        assertFalse(RetryBackend.isTransient(new IOException("cannot store pack", new IOException("Disk quota exceeded"))));
    }

    @Test
    void save_failsLongerThanRetries_givesUpWithClearError() throws IOException {
        Flaky flaky = new Flaky(local, Integer.MAX_VALUE, new ConnectException("Connection refused"));
        Backend b = retry(flaky, RetryPolicy.withRetries(3));
        b.exists(); // the store has answered once: from now on drops are waited out
        IOException e = assertThrows(IOException.class, () -> b.save(FileType.DATA, NAME, new byte[1]));

        assertEquals("save data/ab12cd34 failed after 4 attempts in 4.8s, giving up: Connection refused",
                e.getMessage());
        assertEquals(4, flaky.calls.get());
        assertEquals(3, warnings.size());
    }

    @Test
    void save_windowExhaustedBeforeRetries_givesUp() throws IOException {
        // each call hangs for 2 minutes before failing: the 5-minute window ends the retrying
        Backend slow = new ForwardingBackend(local) {
            @Override
            public void save(FileType type, String name, byte[] data) throws IOException {
                clock.advance(Duration.ofMinutes(2));
                throw new java.net.SocketTimeoutException("timed out");
            }
        };
        Backend b = retry(slow, RetryPolicy.defaults());
        b.exists();
        IOException e = assertThrows(IOException.class, () -> b.save(FileType.DATA, NAME, new byte[1]));
        assertTrue(e.getMessage().startsWith("save data/ab12cd34 failed after 3 attempts in 6m02s"), e.getMessage());
    }

    @Test
    void save_storeNeverReached_givesUpAfterAFewQuickAttempts() {
        // a wrong host or a server not started: the user hears of it in about a second,
        // not after the whole window meant for drops of a store that was working
        Flaky flaky = new Flaky(local, Integer.MAX_VALUE, new ConnectException("Connection refused"));
        IOException e = assertThrows(IOException.class,
                () -> retry(flaky, RetryPolicy.defaults()).save(FileType.DATA, NAME, new byte[1]));

        assertEquals(RetryBackend.FIRST_CONTACT_ATTEMPTS, flaky.calls.get());
        assertTrue(e.getMessage().startsWith("save data/ab12cd34 failed after 3 attempts"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Connection refused"), e.getMessage());
    }

    @Test
    void remove_answerLostAfterRemoval_succeedsOnRetry() throws IOException {
        local.save(FileType.LOCK, NAME, new byte[3]);
        Flaky flaky = new Flaky(local, 1, new IOException("Connection reset"));
        retry(flaky, RetryPolicy.defaults()).remove(FileType.LOCK, NAME);
        assertTrue(local.list(FileType.LOCK).isEmpty());
    }

    @Test
    void delay_growsByMultiplierWithinJitterBandAndCap() {
        RetryPolicy p = RetryPolicy.defaults();
        assertEquals(Duration.ofMillis(500), p.delay(1, 0.0));
        assertEquals(Duration.ofMillis(1500), p.delay(1, 1.0));
        assertEquals(Duration.ofMillis(2250), p.delay(3, 0.5));
        assertEquals(Duration.ofSeconds(60), p.delay(30, 0.5));
    }

    @Test
    void save_interruptedWhileWaiting_stopsRetrying() {
        BackendClock interrupting = new BackendClock() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public void sleep(Duration d) throws InterruptedException {
                throw new InterruptedException();
            }
        };
        Flaky flaky = new Flaky(local, 5, new ConnectException("Connection refused"));
        RetryBackend b = new RetryBackend(flaky, RetryPolicy.defaults(), interrupting, () -> 0.5, warnings::add);
        assertThrows(java.io.InterruptedIOException.class, () -> b.save(FileType.DATA, NAME, new byte[1]));
        assertTrue(Thread.interrupted());
        assertEquals(1, flaky.calls.get());
    }
}
