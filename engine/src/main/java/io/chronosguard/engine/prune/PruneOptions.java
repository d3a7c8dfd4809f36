package io.chronosguard.engine.prune;

import io.chronosguard.engine.repo.BlobSaver;
import java.util.Objects;

/**
 * What prune may do: leave at most {@code maxUnused} unused space, repack at most
 * {@code maxRepackBytes} (Long.MAX_VALUE: no limit), and with {@code repackUncompressed}
 * also repack packs holding uncompressed data blobs (format v2 only). With
 * {@code repackCacheableOnly} only tree packs are repacked; with {@code repackSmall} fully
 * used packs below 80% of {@code packSize} count as small (else below 4%), and ten or more
 * small packs are repacked together. Repacked blobs go into packs of about {@code packSize}
 * bytes, compressed as {@code compression} says.
 */
public record PruneOptions(MaxUnused maxUnused, long maxRepackBytes, boolean repackUncompressed, int packSize,
        BlobSaver.Compression compression, boolean repackCacheableOnly, boolean repackSmall) {

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

    /** Without --repack-cacheable-only and --repack-small. */
    public PruneOptions(MaxUnused maxUnused, long maxRepackBytes, boolean repackUncompressed, int packSize,
            BlobSaver.Compression compression) {
        this(maxUnused, maxRepackBytes, repackUncompressed, packSize, compression, false, false);
    }

    /** Below this size a fully used pack counts as small: restic's pack size / 25, or 80% with repackSmall. */
    public long smallPackSize() {
        return repackSmall ? packSize / 5 * 4 : packSize / 25;
    }

    public static PruneOptions defaults() {
        return new PruneOptions(MaxUnused.defaultLimit(), Long.MAX_VALUE, false, DEFAULT_PACK_SIZE,
                BlobSaver.Compression.AUTO);
    }
}
