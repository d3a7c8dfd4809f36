package io.chronosguard.coordinator.progress;

import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.protocol.NodeProgress;
import io.chronosguard.coordinator.protocol.WorkerReport;
import java.util.List;

/**
 * The whole cluster's live progress as one immutable value, replaced by the {@link ProgressHub}
 * whenever a poll brings something new.
 *
 * @param version  grows with every change
 * @param job      the current (or last) job with the running tasks' counts added, or null
 * @param nodes    every member, reachable or not, by address
 * @param events   the coordinator's and the hub's events merged, oldest first
 */
public record ClusterProgress(long version, long timeMillis, Job job, List<Worker> workers, List<Node> nodes,
        List<JobProgressView.Event> events, List<String> errors, List<String> log) {

    public static final ClusterProgress EMPTY = new ClusterProgress(0, 0, null, List.of(), List.of(), List.of(),
            List.of(), List.of());

    /** A job with totals over completed and running tasks; {@code etaSeconds} is null when unknown. */
    public record Job(JobProgressView.Job view, long filesDone, long filesTotal, long bytesDone, long bytesTotal,
            long bytesNew, long bytesDeduplicated, long errors, double bytesPerSecond, Long etaSeconds) {
    }

    public record Worker(String node, WorkerReport report) {
    }

    /** @param status {@code up}, {@code unreachable}, {@code joining} or {@code leaving}; progress null until it answered */
    public record Node(String address, String status, NodeProgress progress) {
    }
}
