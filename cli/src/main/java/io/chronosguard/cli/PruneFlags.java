package io.chronosguard.cli;

import io.chronosguard.config.Settings;
import io.chronosguard.engine.prune.ByteSize;
import io.chronosguard.engine.prune.MaxUnused;
import io.chronosguard.engine.prune.PruneOptions;
import io.chronosguard.engine.repo.BlobSaver;
import picocli.CommandLine.Option;

/** The flags {@code prune} and {@code forget --prune} share, with restic 0.14's names and defaults. */
final class PruneFlags {
    @Option(names = "--max-unused", paramLabel = "LIMIT", defaultValue = "5%",
            description = "Tolerate this much unused space: a percentage (of the repository after pruning),"
                    + " a size (k/m/g/t suffixes) or 'unlimited' (default: ${DEFAULT-VALUE}).")
    String maxUnused;

    @Option(names = "--max-repack-size", paramLabel = "SIZE",
            description = "Repack at most this much (k/m/g/t suffixes; default: no limit).")
    String maxRepackSize;

    @Option(names = "--repack-uncompressed", description = "Also repack packs holding uncompressed data (format v2).")
    boolean repackUncompressed;

    @Option(names = "--repack-cacheable-only", description = "Only repack packs of trees (the ones a cache holds).")
    boolean repackCacheableOnly;

    @Option(names = "--repack-small", description = "Repack fully used packs below 80%% of the pack size (10 or more).")
    boolean repackSmall;

    /** The engine's options, or a usage error (exit 2) naming the bad flag and value. */
    PruneOptions toOptions(Settings settings) {
        MaxUnused unused = parse("--max-unused", () -> MaxUnused.parse(maxUnused));
        long repack = maxRepackSize == null ? Long.MAX_VALUE
                : parse("--max-repack-size", () -> ByteSize.parse(maxRepackSize));
        BlobSaver.Compression compression = BlobSaver.Compression.valueOf(settings.compression().name());
        return parse("--repack-uncompressed", () -> new PruneOptions(unused, repack, repackUncompressed,
                (int) settings.packSizeBytes(), compression, repackCacheableOnly, repackSmall));
    }

    private static <T> T parse(String flag, java.util.function.Supplier<T> f) {
        try {
            return f.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, flag + ": " + e.getMessage());
        }
    }
}
