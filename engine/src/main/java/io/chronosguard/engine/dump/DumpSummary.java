package io.chronosguard.engine.dump;

import java.util.List;

/**
 * What went into an archive. {@code skipped} lists entries the format cannot hold or that
 * were unsafe to write, each as {@code "/path: reason"}; sockets are not listed (restic never
 * stores them).
 */
public record DumpSummary(long files, long dirs, long symlinks, long hardLinks, long specials, long bytes,
        List<String> skipped) {
    public DumpSummary {
        skipped = List.copyOf(skipped);
    }
}
