package io.chronosguard.engine.alert;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends alerts to every sink on a background thread: {@link #raise} returns at once, so a
 * backup, an actor or a schedule never waits for a mail server. The same alert (kind and
 * subject) raised again within the repeat window is dropped, so a node that stays unreachable
 * or a disk that stays full is reported once, not every poll. A sink that fails is logged once
 * (a warning), then quietly until it delivers again.
 */
public final class Alerter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Alerter.class);
    /** Alerts waiting for delivery; beyond this, new ones are dropped (and that is logged once). */
    static final int QUEUE = 200;

    private final List<AlertSink> sinks;
    private final ExecutorService executor;
    private final Clock clock;
    private final Duration repeatAfter;
    private final Map<String, Instant> lastSent = new HashMap<>();
    private final Map<String, Boolean> failing = new HashMap<>();
    private boolean warnedFull;

    /**
     * @param executor    runs deliveries; {@link #close} shuts it down
     * @param repeatAfter an alert with the kind and subject of one raised less than this ago is dropped
     */
    public Alerter(List<AlertSink> sinks, ExecutorService executor, Clock clock, Duration repeatAfter) {
        this.sinks = List.copyOf(sinks);
        this.executor = executor;
        this.clock = clock;
        this.repeatAfter = repeatAfter;
    }

    /** On one daemon thread of its own, with a bounded queue. */
    public static Alerter create(List<AlertSink> sinks, Clock clock, Duration repeatAfter) {
        ThreadPoolExecutor ex = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                r -> {
                    Thread t = new Thread(r, "chronosguard-alerts");
                    t.setDaemon(true);
                    return t;
                });
        return new Alerter(sinks, ex, clock, repeatAfter);
    }

    /** An alerter with no sinks: every {@link #raise} is a no-op. */
    public static Alerter none() {
        return create(List.of(), Clock.systemUTC(), Duration.ZERO);
    }

    public boolean enabled() {
        return !sinks.isEmpty();
    }

    public Clock clock() {
        return clock;
    }

    /**
     * Queues {@code alert} for every sink, unless the same kind and subject was raised within the
     * repeat window. Never blocks and never throws for a delivery problem.
     *
     * @return true when it was queued, false when dropped (a repeat, no sinks, queue full, closed)
     */
    public boolean raise(Alert alert) {
        if (sinks.isEmpty() || !firstWithinWindow(alert)) {
            return false;
        }
        try {
            executor.execute(() -> sinks.forEach(s -> deliver(s, alert)));
            return true;
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                if (!warnedFull && !executor.isShutdown()) {
                    warnedFull = true;
                    LOG.warn("alerts are being dropped: {} are already waiting for delivery", QUEUE);
                }
            }
            return false;
        }
    }

    private synchronized boolean firstWithinWindow(Alert alert) {
        String key = alert.kind() + "\u0000" + alert.subject();
        Instant now = clock.instant();
        Instant last = lastSent.get(key);
        if (last != null && now.isBefore(last.plus(repeatAfter))) {
            return false;
        }
        if (lastSent.size() > 1000) {
            lastSent.values().removeIf(t -> !now.isBefore(t.plus(repeatAfter)));
        }
        lastSent.put(key, now);
        return true;
    }

    private void deliver(AlertSink sink, Alert alert) {
        try {
            sink.deliver(alert);
            if (Boolean.TRUE.equals(setFailing(sink, false))) {
                LOG.info("alerts reach {} again", sink.name());
            }
        } catch (IOException | RuntimeException e) {
            if (!Boolean.TRUE.equals(setFailing(sink, true))) {
                LOG.warn("could not send the {} alert \"{}\" by {}: {} (further failures of this sink are logged"
                        + " at debug level until it works again)", alert.kind(), alert.subject(), sink.name(),
                        e.getMessage());
            } else {
                LOG.debug("could not send the {} alert by {}: {}", alert.kind(), sink.name(), e.getMessage());
            }
        }
    }

    private synchronized Boolean setFailing(AlertSink sink, boolean now) {
        return failing.put(sink.name(), now);
    }

    /**
     * Waits up to {@code max} for every alert raised so far to be delivered (or to fail), then
     * stops; for a process about to exit.
     *
     * @return true when all were handled in time
     */
    public boolean drain(Duration max) {
        executor.shutdown();
        try {
            return executor.awaitTermination(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops at once: alerts still queued are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
