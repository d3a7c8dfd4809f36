package io.chronosguard.engine.watch;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns bursts of changes into one action per key: a key is due {@code delay} after its last
 * change, but never later than {@code MAX_DELAYS} delays after the first unserved change, so a
 * tree that never stops changing is still backed up. Not thread-safe (one actor owns it); the
 * time is an argument, so tests drive it.
 */
public final class Debouncer<K> {
    /** A tree that keeps changing is still backed up after this many delays. */
    public static final int MAX_DELAYS = 10;

    private record Pending(Instant first, Instant due) {
    }

    private final Map<K, Pending> pending = new LinkedHashMap<>();

    /** Records a change of {@code key} at {@code now}. */
    public void changed(K key, Instant now, Duration delay) {
        Pending p = pending.get(key);
        Instant first = p == null ? now : p.first();
        Instant due = now.plus(delay);
        Instant cap = first.plus(delay.multipliedBy(MAX_DELAYS));
        pending.put(key, new Pending(first, due.isAfter(cap) ? cap : due));
    }

    /** The keys due at {@code now}, in the order they first changed; they are no longer pending. */
    public List<K> takeDue(Instant now) {
        List<K> due = new ArrayList<>();
        pending.forEach((k, p) -> {
            if (!p.due().isAfter(now)) {
                due.add(k);
            }
        });
        due.forEach(pending::remove);
        return due;
    }

    /** When the next key comes due, if any is pending. */
    public Optional<Instant> nextDue() {
        return pending.values().stream().map(Pending::due).min(Instant::compareTo);
    }

    public boolean isPending(K key) {
        return pending.containsKey(key);
    }

    public void forget(K key) {
        pending.remove(key);
    }
}
