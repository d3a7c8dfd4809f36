package io.chronosguard.engine.stats;

/**
 * The result of {@link StatsCollector}. The first four fields mean what restic 0.14's
 * {@code stats --json} fields of the same names mean in each mode (so {@code totalFileCount}
 * counts directories and symlinks too in restore-size mode, as restic's does). The rest are
 * filled in raw-data mode only, with the meanings later restic versions give them:
 *
 * @param totalUncompressedSize     what the blobs would take stored without compression
 *                                  (plaintext plus the 32-byte IV and MAC of each blob)
 * @param compressedSize            stored size of the compressed blobs alone
 * @param compressedUncompressedSize the same blobs' size without compression (with IV and MAC)
 * @param restoreSize               restore-size total of the same snapshots
 */
public record RepoStats(StatsMode mode, int snapshotsCount, long totalSize, long totalFileCount,
        long totalBlobCount, long totalUncompressedSize, long compressedSize, long compressedUncompressedSize,
        long restoreSize) {

    /** Uncompressed ÷ stored size of the compressed blobs; 0 when none are compressed. */
    public double compressionRatio() {
        return compressedSize == 0 ? 0 : (double) compressedUncompressedSize / compressedSize;
    }

    /** Percentage of the (uncompressed) data that is stored compressed. */
    public double compressionProgress() {
        return totalUncompressedSize == 0 ? 0 : 100.0 * compressedUncompressedSize / totalUncompressedSize;
    }

    /** Percentage of space compression saves: {@code 1 - stored / uncompressed}. */
    public double compressionSpaceSaving() {
        return totalUncompressedSize == 0 ? 0 : 100.0 * (1 - (double) totalSize / totalUncompressedSize);
    }

    /**
     * Restore size ÷ uncompressed raw data: what deduplication alone saves (compression is
     * {@link #compressionRatio()}); 0 when there is no data.
     */
    public double dedupRatio() {
        return totalUncompressedSize == 0 ? 0 : (double) restoreSize / totalUncompressedSize;
    }
}
