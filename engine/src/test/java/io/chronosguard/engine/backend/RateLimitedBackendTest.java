package io.chronosguard.engine.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.local.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RateLimitedBackendTest {
    static final String NAME = "cd".repeat(32);

    @TempDir
    Path dir;
    LocalBackend local;
    final FakeClock clock = new FakeClock();

    @BeforeEach
    void setUp() throws IOException {
        local = new LocalBackend(dir.resolve("repo"));
    }

    @Test
    void save_overTheBurst_waitsForTheRate() throws IOException {
        RateLimitedBackend b = new RateLimitedBackend(local, 100, 0, clock);
        // 1 s of burst (100 KiB) is free; 400 KiB more take 4 s at 100 KiB/s
        b.save(FileType.DATA, NAME, new byte[500 * 1024]);
        assertEquals(Duration.ofSeconds(4), clock.slept());
        assertEquals(500 * 1024, local.size(FileType.DATA, NAME));
    }

    @Test
    void save_manyFiles_totalTimeMatchesRate() throws IOException {
        RateLimitedBackend b = new RateLimitedBackend(local, 64, 0, clock);
        for (int i = 0; i < 10; i++) {
            b.save(FileType.DATA, String.format("%064x", i), new byte[32 * 1024]);
        }
        // 320 KiB at 64 KiB/s, the first 64 KiB free: 4 s of waiting
        assertEquals(4000, clock.slept().toMillis(), 1);
    }

    @Test
    void save_afterIdleTime_burstRefillsButNotBeyondOneSecond() throws IOException {
        RateLimitedBackend b = new RateLimitedBackend(local, 10, 0, clock);
        b.save(FileType.DATA, NAME, new byte[10 * 1024]);
        clock.advance(Duration.ofMinutes(10));
        b.save(FileType.DATA, "ef".repeat(32), new byte[30 * 1024]);
        assertEquals(Duration.ofSeconds(2), clock.slept());
    }

    @Test
    void load_limitsDownloadOnlyAndReturnsBytes() throws IOException {
        byte[] data = new byte[300 * 1024];
        data[12345] = 7;
        local.save(FileType.DATA, NAME, data);
        RateLimitedBackend b = new RateLimitedBackend(local, 0, 100, clock);
        assertArrayEquals(data, b.load(FileType.DATA, NAME));
        assertEquals(Duration.ofSeconds(2), clock.slept());
        b.load(FileType.DATA, NAME, 0, 100 * 1024);
        assertEquals(Duration.ofSeconds(3), clock.slept());
        b.save(FileType.DATA, "ef".repeat(32), new byte[1 << 20]);
        assertEquals(Duration.ofSeconds(3), clock.slept(), "uploads are not limited");
    }

    @Test
    void save_fromManyThreads_sharesOneBucket() throws Exception {
        // time stands still while the threads book their bytes, so each wait shows its place
        // in the queue: the n-th 100 KiB at 100 KiB/s may start n - 1 s after the free burst
        List<Duration> waits = java.util.Collections.synchronizedList(new ArrayList<>());
        BackendClock frozen = new BackendClock() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public void sleep(Duration d) {
                waits.add(d);
            }
        };
        RateLimitedBackend b = new RateLimitedBackend(local, 100, 0, frozen);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(8);
        for (int i = 0; i < 8; i++) {
            String name = String.format("%064x", i);
            pool.submit(() -> {
                b.save(FileType.DATA, name, new byte[100 * 1024]);
                done.countDown();
                return null;
            });
        }
        assertTrue(done.await(30, TimeUnit.SECONDS));
        pool.shutdown();
        List<Duration> sorted = new ArrayList<>(waits);
        sorted.sort(null);
        List<Duration> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add(Duration.ofSeconds(i));
        }
        assertEquals(expected, sorted);
        assertEquals(8, local.list(FileType.DATA).size());
    }

    @Test
    void create_negativeLimit_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RateLimitedBackend(local, -1, 0, clock));
        assertTrue(e.getMessage().contains("at least 0 KiB/s"), e.getMessage());
    }
}
