package io.chronosguard.engine.backend;

import java.time.Duration;

/**
 * How {@link RetryBackend} spaces its attempts: exponential backoff with jitter, as restic
 * 0.14 does it (cenkalti/backoff: ×1.5 per retry, ±50% randomisation), bounded by a number of
 * retries and a total time. The default starts at 1 s and allows 10 retries, so a store that
 * is gone for about two minutes is waited out (restic: 0.5 s start, about a minute); no single
 * wait exceeds a minute and the whole call gives up after five.
 *
 * @param maxRetries   retries after the first attempt; 0 disables retrying
 * @param initialDelay wait before the first retry (before jitter)
 * @param multiplier   growth of the wait per retry, at least 1
 * @param maxDelay     cap of one wait (before jitter)
 * @param maxElapsed   no retry starts once this much time has passed since the first attempt
 * @param jitter       randomisation factor in [0, 1): a wait is drawn from delay × [1 − j, 1 + j]
 */
public record RetryPolicy(int maxRetries, Duration initialDelay, double multiplier, Duration maxDelay,
        Duration maxElapsed, double jitter) {

    public static final int DEFAULT_RETRIES = 10;

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("retries must be at least 0, got " + maxRetries);
        }
        if (multiplier < 1) {
            throw new IllegalArgumentException("retry multiplier must be at least 1, got " + multiplier);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be in [0, 1), got " + jitter);
        }
    }

    /** 10 retries from 1 s, ×1.5, at most 60 s apart and 5 minutes in all. */
    public static RetryPolicy defaults() {
        return withRetries(DEFAULT_RETRIES);
    }

    /** The default spacing with {@code maxRetries} retries. */
    public static RetryPolicy withRetries(int maxRetries) {
        return new RetryPolicy(maxRetries, Duration.ofSeconds(1), 1.5, Duration.ofSeconds(60),
                Duration.ofMinutes(5), 0.5);
    }

    /** Never retries. */
    public static RetryPolicy none() {
        return withRetries(0);
    }

    /**
     * The wait before retry number {@code retry} (1-based); {@code random} is a uniform draw in
     * [0, 1) that picks the point inside the jitter band. A pure function, so tests pin it down.
     */
    public Duration delay(int retry, double random) {
        double base = initialDelay.toNanos() * Math.pow(multiplier, retry - 1);
        base = Math.min(base, maxDelay.toNanos());
        double factor = 1 - jitter + 2 * jitter * random;
        return Duration.ofNanos((long) (base * factor));
    }
}
