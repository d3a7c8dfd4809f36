package io.chronosguard.engine.diff;

/**
 * The totals of a diff, shaped like restic's: entries added and removed by kind, files whose
 * content changed, and the blobs only the new (added) or only the old (removed) snapshot
 * references, with their plaintext sizes.
 */
public record DiffStats(long changedFiles, Counts added, Counts removed) {

    /**
     * @param others symlinks, devices, FIFOs...
     * @param bytes  plaintext bytes of the blobs counted
     */
    public record Counts(long files, long dirs, long others, long dataBlobs, long treeBlobs, long bytes) {
    }
}
