package io.chronosguard.engine.prune;

import io.chronosguard.engine.repo.Id;

/**
 * What a prune reports while it runs; every method defaults to doing nothing, so the engine
 * knows nothing of terminals. An exception thrown from {@link #finished} stops the prune
 * right there, as a crash would (tests use that to prove every stopping point is safe).
 */
public interface PruneListener {
    PruneListener NONE = new PruneListener() {
    };

    default void starting(PrunePhase phase) {
    }

    default void finished(PrunePhase phase) {
    }

    /** How many snapshots are walked to find the blobs still in use. */
    default void snapshotsToScan(int count) {
    }

    /** A pack the index names is missing from the backend, but none of its blobs is needed. */
    default void missingPackDropped(Id pack) {
    }

    /** One pack's used blobs were copied into new packs. */
    default void packRepacked(Id pack, int blobs) {
    }
}
