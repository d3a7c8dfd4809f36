package io.chronosguard.config.daemon;

import java.util.List;
import java.util.Optional;

/**
 * The whole daemon configuration, as one value that the cluster replicates.
 *
 * @param sources       what to back up, by name (names are unique)
 * @param pruneSchedule a cron expression for prune, or null for none
 * @param alerts        the {@code alerts} block as written, or null; owned by the alerts code
 */
public record DaemonConfig(List<Source> sources, String pruneSchedule, Alerts alerts) {
    public DaemonConfig {
        sources = List.copyOf(sources);
    }

    public static DaemonConfig empty() {
        return new DaemonConfig(List.of(), null, null);
    }

    public Optional<Source> source(String name) {
        return sources.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The alert targets: kept as the JSON text the user wrote, so this module need not know
     * what an alert target is; the alerts code parses {@link #json()}.
     */
    public record Alerts(String json) {
    }
}
