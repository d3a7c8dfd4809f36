package io.chronosguard.engine.prune;

/** The counters restic's prune keeps while planning; {@link #stats} freezes them. */
final class PruneTally {
    long usedBlobs;
    long usedSize;
    long duplicateBlobs;
    long duplicateSize;
    long unusedBlobs;
    long unusedSize;
    long removeBlobs;
    long removeSize;
    long repackBlobs;
    long repackSize;
    long repackRemoveBlobs;
    long repackRemoveSize;
    long unreferencedSize;
    long packsUsed;
    long packsPartlyUsed;
    long packsUnused;
    long packsUnreferenced;
    long packsKeep;
    long packsRepack;
    long packsRemove;

    PruneStats stats() {
        return new PruneStats(usedBlobs, usedSize, duplicateBlobs, duplicateSize, unusedBlobs, unusedSize,
                removeBlobs, removeSize, repackBlobs, repackSize, repackRemoveBlobs, repackRemoveSize,
                unreferencedSize, packsUsed, packsPartlyUsed, packsUnused, packsUnreferenced, packsKeep,
                packsRepack, packsRemove);
    }
}
