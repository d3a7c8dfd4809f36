package io.chronosguard.coordinator.monitor;

import io.chronosguard.config.DiskThreshold;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.engine.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions of the {@link AlertWatcher}, as pure functions of what it saw and the time:
 * a job that failed, a job running longer than allowed, a disk below its threshold. Each job
 * raises each alert once; a job that had already ended before the watcher started raises
 * nothing (a new watcher after a failover must not repeat old news).
 */
final class AlertRules {
    private final Optional<Duration> maxDuration;
    private final Optional<DiskThreshold> lowDisk;
    private final String node;
    private final Instant watchingSince;
    private final Set<String> failedSent = new HashSet<>();
    private final Set<String> tooLongSent = new HashSet<>();

    AlertRules(Optional<Duration> maxDuration, Optional<DiskThreshold> lowDisk, String node, Instant watchingSince) {
        this.maxDuration = maxDuration;
        this.lowDisk = lowDisk;
        this.node = node;
        this.watchingSince = watchingSince;
    }

    /** The alerts {@code job} (the coordinator's current or last job, or null) calls for now. */
    List<Alert> onJob(JobProgressView.Job job, Instant now) {
        List<Alert> out = new ArrayList<>();
        if (job == null) {
            return out;
        }
        boolean ended = job.endedMillis() != 0;
        String paths = String.join(" ", job.paths());
        if (ended && "failed".equals(job.state()) && job.endedMillis() >= watchingSince.toEpochMilli()
                && failedSent.add(job.id())) {
            String error = job.error() != null ? job.error() : "no reason given";
            out.add(new Alert(Alert.Kind.JOB_FAILED, "backup of " + paths + " failed: " + firstLine(error),
                    "The cluster backup job " + job.id() + " of " + paths + " failed: " + error + "\n\nFiles done: "
                            + job.filesDone() + ", bytes done: " + job.bytesDone() + ", errors: " + job.errors()
                            + ". No snapshot was written; data already uploaded is reused by the next run.",
                    Instant.ofEpochMilli(job.endedMillis()), node, job.id()));
        }
        if (!ended && maxDuration.isPresent()) {
            Duration running = Duration.ofMillis(now.toEpochMilli() - job.startedMillis());
            if (running.compareTo(maxDuration.get()) > 0 && tooLongSent.add(job.id())) {
                out.add(new Alert(Alert.Kind.JOB_TOO_LONG, "backup of " + paths + " running for more than "
                        + human(maxDuration.get()),
                        "The cluster backup job " + job.id() + " of " + paths + " started at "
                                + Instant.ofEpochMilli(job.startedMillis()) + " and is still " + job.state() + " after "
                                + human(running) + " (alerts.job-max-duration = " + human(maxDuration.get())
                                + "). Done so far: " + job.filesDone() + " files, " + job.bytesDone()
                                + " bytes; queued tasks: " + job.queued() + ".", now, node, job.id()));
            }
        }
        return out;
    }

    /** LOW_DISK when {@code free} of {@code total} bytes at {@code disk} is below the threshold. */
    Optional<Alert> onDisk(String disk, long free, long total, Instant now) {
        if (lowDisk.isEmpty() || !lowDisk.get().isLow(free, total)) {
            return Optional.empty();
        }
        return Optional.of(new Alert(Alert.Kind.LOW_DISK, "low disk space on " + node + " at " + disk,
                "Free: " + free + " of " + total + " bytes (" + (total > 0 ? Math.round(free * 1000.0 / total) / 10.0
                        : 0) + "%), below alerts.low-disk = " + lowDisk.get() + ".", now, node, null));
    }

    Alert nodeLeft(String member, String how, Instant now) {
        return new Alert(Alert.Kind.NODE_LEFT, "node " + member + " " + how,
                "Cluster member " + member + " " + how + ", as seen by " + node + ". Its running tasks go to the"
                        + " other nodes; if it hosted the coordinator, a running job fails.", now, node, null);
    }

    static String human(Duration d) {
        return d.withNanos(0).toString().substring(2).toLowerCase(java.util.Locale.ROOT);
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
