package io.chronosguard.engine.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** What is known when a ChronosGuard run starts; see {@link Catalog#startRun}. */
public record RunStart(Instant startedAt, boolean dryRun, String host, List<String> paths, List<String> tags,
        List<String> nodes) {
    public RunStart {
        Objects.requireNonNull(startedAt, "startedAt");
        paths = List.copyOf(paths);
        tags = List.copyOf(tags);
        nodes = List.copyOf(nodes);
    }
}
