package io.chronosguard.web.node;

import io.chronosguard.coordinator.progress.ClusterProgress;
import io.chronosguard.coordinator.progress.ProgressHub;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.protocol.WorkerReport;
import io.chronosguard.web.metrics.Metrics;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * Feeds a node's {@link Metrics} from its {@link ProgressHub}: {@link #poll} (a few times a
 * second) counts each job the hub shows ended, once, and the gauges read the hub's latest state. The
 * hub already polls the coordinator and every monitor, so metrics add no cluster messages.
 * A job that ended before this node started is not counted: its node counted it. The hub
 * shows the latest job only, so a job followed by the next within one poll is not counted.
 */
public final class ClusterMetricsFeed {
    private final ProgressHub hub;
    private final long since;
    private final Set<String> counted = new HashSet<>();
    private Metrics metrics;

    public ClusterMetricsFeed(ProgressHub hub, Clock clock) {
        this.hub = hub;
        this.since = clock.millis();
    }

    /** Where finished jobs go; set once the metrics exist (they take this feed's gauges). */
    public synchronized void into(Metrics m) {
        this.metrics = m;
    }

    /** Workers running a task now, on every node. */
    public int busyWorkers() {
        return (int) hub.current().workers().stream()
                .filter(w -> !WorkerReport.IDLE.equals(w.report().state())).count();
    }

    /** Directory tasks of the running job waiting for a worker. */
    public long queueLength() {
        ClusterProgress.Job job = hub.current().job();
        return job == null || job.view().endedMillis() != 0 ? 0 : job.view().queued();
    }

    public synchronized void poll() {
        ClusterProgress.Job job = hub.current().job();
        if (metrics == null || job == null) {
            return;
        }
        JobProgressView.Job v = job.view();
        if (v.endedMillis() != 0 && v.endedMillis() >= since && counted.add(v.id())) {
            metrics.jobEnded(new Metrics.JobResult(v.state(), job.filesDone(), job.bytesDone(), job.bytesNew(),
                    Duration.ofMillis(Math.max(0, v.endedMillis() - v.startedMillis())), job.errors()));
        }
    }
}
