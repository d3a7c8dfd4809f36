package io.chronosguard.config;

/**
 * When a disk counts as low: below a number of free bytes, or below a share of its size.
 *
 * @param bytes   free bytes below which the disk is low, or -1 when given as a percentage
 * @param percent free share (0..100) below which the disk is low, or -1 when given in bytes
 */
public record DiskThreshold(long bytes, double percent) {

    public static DiskThreshold ofBytes(long bytes) {
        return new DiskThreshold(bytes, -1);
    }

    public static DiskThreshold ofPercent(double percent) {
        return new DiskThreshold(-1, percent);
    }

    /** True when {@code free} of {@code total} bytes is below the threshold; unknown sizes (negative) never are. */
    public boolean isLow(long free, long total) {
        if (free < 0) {
            return false;
        }
        if (bytes >= 0) {
            return free < bytes;
        }
        return total > 0 && free * 100.0 / total < percent;
    }

    @Override
    public String toString() {
        return bytes >= 0 ? bytes + " bytes" : percent + "%";
    }
}
