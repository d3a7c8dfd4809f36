package io.chronosguard.engine.prune;

import io.chronosguard.engine.repo.BlobSaver;
import java.util.Objects;

/**
 * What prune may do: leave at most {@code maxUnused} unused space, repack at most
 * {@code maxRepackBytes} (Long.MAX_VALUE: no limit), and with {@code repackUncompressed}
 * also repack packs holding uncompressed data blobs (format v2 only). Repacked blobs go into
 * packs of about {@code packSize} bytes, compressed as {@code compression} says.
 */
public record PruneOptions(MaxUnused maxUnused, long maxRepackBytes, boolean repackUncompressed, int packSize,
        BlobSaver.Compression compression) {

    /** restic's defaults: 5% unused, no repack limit, 16 MiB packs, automatic compression. */
    public static final int DEFAULT_PACK_SIZE = 16 << 20;

    public PruneOptions {
        Objects.requireNonNull(maxUnused, "maxUnused");
        Objects.requireNonNull(compression, "compression");
        if (maxRepackBytes < 0) {
            throw new IllegalArgumentException("max repack size must not be negative, got " + maxRepackBytes);
        }
        if (packSize <= 0) {
            throw new IllegalArgumentException("pack size must be positive, got " + packSize);
        }
        if (repackUncompressed && compression == BlobSaver.Compression.OFF) {
            throw new IllegalArgumentException("disabled compression and --repack-uncompressed are mutually exclusive");
        }
    }

    public static PruneOptions defaults() {
        return new PruneOptions(MaxUnused.defaultLimit(), Long.MAX_VALUE, false, DEFAULT_PACK_SIZE,
                BlobSaver.Compression.AUTO);
    }
}
