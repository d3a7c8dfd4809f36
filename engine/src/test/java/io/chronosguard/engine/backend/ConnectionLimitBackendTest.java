package io.chronosguard.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.local.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionLimitBackendTest {
    @TempDir
    Path dir;

    /** Counts calls in flight; each save holds until {@code gate} opens, so calls pile up. */
    static final class Counting extends ForwardingBackend {
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger max = new AtomicInteger();
        final CountDownLatch gate;

        Counting(Backend inner, CountDownLatch gate) {
            super(inner);
            this.gate = gate;
        }

        @Override
        public void save(FileType type, String name, byte[] data) throws IOException {
            int now = inFlight.incrementAndGet();
            max.accumulateAndGet(now, Math::max);
            try {
                gate.await(10, TimeUnit.SECONDS);
                super.save(type, name, data);
            } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
            } finally {
                inFlight.decrementAndGet();
            }
        }
    }

    @Test
    void save_fromSixteenThreads_neverMoreThanLimitInFlight() throws Exception {
        LocalBackend local = new LocalBackend(dir.resolve("repo"));
        CountDownLatch gate = new CountDownLatch(1);
        Counting counting = new Counting(local, gate);
        ConnectionLimitBackend limited = new ConnectionLimitBackend(counting, 3);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String name = String.format("%064x", i);
            work.add(pool.submit(() -> {
                limited.save(FileType.DATA, name, new byte[16]);
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (counting.inFlight.get() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(3, counting.inFlight.get(), "three calls reach the store while the rest wait");
        gate.countDown();
        for (Future<?> f : work) {
            f.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(3, counting.max.get());
        assertEquals(40, local.list(FileType.DATA).size());
    }

    @Test
    void create_zeroConnections_isRefused() {
        LocalBackend local = new LocalBackend(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ConnectionLimitBackend(local, 0));
        assertTrue(e.getMessage().contains("at least 1"), e.getMessage());
    }
}
