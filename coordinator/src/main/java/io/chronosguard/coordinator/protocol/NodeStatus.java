package io.chronosguard.coordinator.protocol;

import java.util.List;

/** One node's monitor report: its capabilities, uptime, load and what its workers do. */
public record NodeStatus(Capabilities capabilities, long uptimeSeconds, int busyWorkers, long tasksDone,
        List<String> currentPaths, double loadAverage) implements CborSerializable {
}
