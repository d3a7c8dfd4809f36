package io.chronosguard.coordinator.protocol;

import java.util.List;

/** A node monitor's answer to a progress poll: its status, free disk, and every worker's report. */
public record NodeProgress(NodeStatus status, long freeDiskBytes, List<WorkerReport> workers)
        implements CborSerializable {
}
