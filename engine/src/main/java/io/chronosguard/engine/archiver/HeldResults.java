package io.chronosguard.engine.archiver;

import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Finished directory tasks of one node whose data may not be indexed yet. The node's tasks
 * share one {@link BlobSaver}, so a task's blobs may sit in an open pack that other tasks
 * are still filling; its result is held here until {@link BlobSaver#state} says every data
 * blob it references is indexed, and only then handed on. This keeps the rule that nothing
 * references data before its pack is stored and named by a stored index file, while packs
 * stay full-sized.
 *
 * <p>{@link #flushDue} says when waiting is no longer worth it: a result waited
 * {@code delay}, or the node has nothing else to do. Not thread-safe (one actor owns it);
 * the time is passed in.
 *
 * @param <T> what the caller hands on once released
 */
public final class HeldResults<T> {
    /** What to flush. */
    public enum Flush {
        NONE,
        /** only an index file for packs already stored */
        INDEX,
        /** the open packs, then the index */
        PACKS
    }

    /** Results whose data is indexed, and results some of whose data is gone (its pack failed to upload). */
    public record Released<T>(List<T> ready, List<T> lost) {
    }

    private static final class Held<T> {
        final T result;
        final Set<Id> waiting;
        final Instant since;

        Held(T result, Set<Id> waiting, Instant since) {
            this.result = result;
            this.waiting = waiting;
            this.since = since;
        }
    }

    private final BlobSaver saver;
    private final Duration delay;
    private final List<Held<T>> held = new ArrayList<>();

    /** {@code delay}: how long a result may wait for packs to fill before they are flushed. */
    public HeldResults(BlobSaver saver, Duration delay) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("flush delay must not be negative, got " + delay);
        }
        this.saver = saver;
        this.delay = delay;
    }

    /** Holds {@code result}, which references the data blobs {@code blobs}, from {@code now}. */
    public void hold(T result, Set<Id> blobs, Instant now) {
        held.add(new Held<>(result, new HashSet<>(blobs), now));
    }

    /** Removes and returns every result that can go now, and every result that never can. */
    public Released<T> release() {
        List<T> ready = new ArrayList<>();
        List<T> lost = new ArrayList<>();
        for (Iterator<Held<T>> it = held.iterator(); it.hasNext(); ) {
            Held<T> h = it.next();
            boolean missing = false;
            for (Iterator<Id> ids = h.waiting.iterator(); ids.hasNext() && !missing; ) {
                BlobSaver.State s = saver.state(BlobType.DATA, ids.next());
                if (s == BlobSaver.State.INDEXED) {
                    ids.remove();
                } else if (s == BlobSaver.State.MISSING) {
                    missing = true;
                }
            }
            if (missing) {
                lost.add(h.result);
                it.remove();
            } else if (h.waiting.isEmpty()) {
                ready.add(h.result);
                it.remove();
            }
        }
        return new Released<>(ready, lost);
    }

    /**
     * What to flush at {@code now}: nothing while results are young and the node is busy;
     * once a result waited {@link #delay} or the node is idle, the index alone when every
     * awaited blob is already in a stored pack, else the open packs too. An idle node with
     * nothing held still flushes what it has (e.g. blobs of a superseded attempt).
     */
    public Flush flushDue(Instant now, boolean nodeIdle) {
        if (held.isEmpty()) {
            return nodeIdle && saver.hasUnflushed() ? Flush.PACKS : Flush.NONE;
        }
        boolean due = nodeIdle;
        for (Held<T> h : held) {
            due |= !now.isBefore(h.since.plus(delay));
        }
        if (!due) {
            return Flush.NONE;
        }
        for (Held<T> h : held) {
            for (Id id : h.waiting) {
                if (saver.state(BlobType.DATA, id) == BlobSaver.State.UNSTORED) {
                    return Flush.PACKS;
                }
            }
        }
        return Flush.INDEX;
    }

    /** Removes and returns the results held longer than {@code max} (their data is stuck). */
    public List<T> expired(Instant now, Duration max) {
        List<T> out = new ArrayList<>();
        for (Iterator<Held<T>> it = held.iterator(); it.hasNext(); ) {
            Held<T> h = it.next();
            if (now.isAfter(h.since.plus(max))) {
                out.add(h.result);
                it.remove();
            }
        }
        return out;
    }

    /** The results still held, oldest first. */
    public List<T> held() {
        return held.stream().map(h -> h.result).toList();
    }
}
