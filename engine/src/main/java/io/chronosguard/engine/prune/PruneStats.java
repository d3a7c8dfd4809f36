package io.chronosguard.engine.prune;

/**
 * The numbers restic's prune prints: blobs and their stored sizes that are used, duplicate
 * and unused; what deleting and repacking remove; and how many packs are used, partly used,
 * unused, unreferenced (in the backend but in no index), kept, repacked and deleted. Sizes
 * are stored (sealed) bytes; a used pack's size also counts its header.
 */
public record PruneStats(
        long usedBlobs, long usedSize,
        long duplicateBlobs, long duplicateSize,
        long unusedBlobs, long unusedSize,
        long removeBlobs, long removeSize,
        long repackBlobs, long repackSize,
        long repackRemoveBlobs, long repackRemoveSize,
        long unreferencedSize,
        long packsUsed, long packsPartlyUsed, long packsUnused, long packsUnreferenced,
        long packsKeep, long packsRepack, long packsRemove) {

    public long totalBlobs() {
        return usedBlobs + unusedBlobs + duplicateBlobs;
    }

    public long totalSize() {
        return usedSize + duplicateSize + unusedSize + unreferencedSize;
    }

    /** Unused (and duplicate) bytes now. */
    public long unusedSizeBefore() {
        return duplicateSize + unusedSize;
    }

    /** Bytes the prune frees: deleted packs, what repacking drops, unreferenced packs. */
    public long pruneSize() {
        return removeSize + repackRemoveSize + unreferencedSize;
    }

    public long pruneBlobs() {
        return removeBlobs + repackRemoveBlobs;
    }

    public long remainingBlobs() {
        return totalBlobs() - pruneBlobs();
    }

    public long remainingSize() {
        return totalSize() - pruneSize();
    }

    /** Unused bytes left after the prune. */
    public long unusedSizeAfter() {
        return unusedSizeBefore() - removeSize - repackRemoveSize;
    }
}
