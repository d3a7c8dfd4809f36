package io.chronosguard.engine.prune;

import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;

/**
 * What prune learns about one pack from the index: how many of its blobs (and bytes) are
 * used and unused, which blob types it holds, and whether any blob is stored uncompressed.
 * The used size starts with the pack header, so used + unused is the pack's file size.
 */
final class PackUsage {
    final Id id;
    long usedBlobs;
    long unusedBlobs;
    long usedSize;
    long unusedSize;
    private BlobType type;
    private boolean mixed;
    boolean uncompressed;
    /** Repack it even when fully used: restic compresses uncompressed trees (and, if asked, data) in v2. */
    boolean mustCompress;

    PackUsage(Id id, long headerSize) {
        this.id = id;
        this.usedSize = headerSize;
    }

    void sawType(BlobType t) {
        if (type == null) {
            type = t;
        } else if (type != t) {
            mixed = true;
        }
    }

    boolean isData() {
        return !mixed && type == BlobType.DATA;
    }

    boolean isTree() {
        return !mixed && type == BlobType.TREE;
    }

    boolean isMixed() {
        return mixed;
    }

    long total() {
        return usedSize + unusedSize;
    }
}
