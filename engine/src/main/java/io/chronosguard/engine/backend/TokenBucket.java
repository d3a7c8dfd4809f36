package io.chronosguard.engine.backend;

import java.io.InterruptedIOException;
import java.time.Duration;

/**
 * A token bucket of bytes shared by every thread: it refills at {@code rate} bytes per
 * second up to one second's worth (restic's limiter uses the same capacity). A taker that
 * overdraws it reserves the bytes at once and waits until the refill has covered its debt,
 * outside the lock, so concurrent takers queue up in order and the total stays at the rate.
 */
final class TokenBucket {
    private final long rate;
    private final BackendClock clock;
    /** Bytes available; negative while takers wait for debt to be paid off. */
    private double tokens;
    private long last;

    TokenBucket(long bytesPerSecond, BackendClock clock) {
        if (bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive, got " + bytesPerSecond);
        }
        this.rate = bytesPerSecond;
        this.clock = clock;
        this.tokens = bytesPerSecond;
        this.last = clock.nanoTime();
    }

    long rate() {
        return rate;
    }

    /** Takes {@code bytes}, waiting as long as the rate requires. */
    void take(long bytes) throws InterruptedIOException {
        Duration wait = reserve(bytes);
        try {
            clock.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the bandwidth limit");
        }
    }

    /** Books {@code bytes} and returns how long the caller must wait before using them. */
    synchronized Duration reserve(long bytes) {
        long now = clock.nanoTime();
        tokens = Math.min(rate, tokens + (now - last) * (double) rate / 1e9);
        last = now;
        tokens -= bytes;
        if (tokens >= 0) {
            return Duration.ZERO;
        }
        return Duration.ofNanos((long) Math.ceil(-tokens * 1e9 / rate));
    }
}
