package io.chronosguard.engine.backend;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A clock whose sleep only moves its reading on, recording each wait: decorator tests run instantly. */
final class FakeClock implements BackendClock {
    private long now = 1_000_000_000L;
    private final List<Duration> sleeps = new ArrayList<>();

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized void sleep(Duration d) {
        sleeps.add(d);
        now += d.toNanos();
    }

    synchronized void advance(Duration d) {
        now += d.toNanos();
    }

    synchronized List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    synchronized Duration slept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }
}
