package io.chronosguard.engine.backend;

import java.time.Duration;

/**
 * Time as the decorators see it: a monotonic reading and a way to wait. Injected so unit
 * tests of retry and rate limits run instantly, with a clock whose {@code sleep} only moves
 * the reading on.
 */
public interface BackendClock {
    /** The real clock: {@link System#nanoTime()} and {@link Thread#sleep}. */
    BackendClock SYSTEM = new BackendClock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public void sleep(Duration d) throws InterruptedException {
            if (!d.isNegative() && !d.isZero()) {
                Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
            }
        }
    };

    long nanoTime();

    void sleep(Duration d) throws InterruptedException;
}
