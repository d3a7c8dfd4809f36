package io.chronosguard.engine.daemon;

import java.time.Instant;
import java.util.List;

/**
 * What the daemon (scheduler and watchers) reports, for alerts, metrics and logs. Every hook
 * defaults to doing nothing; implementations must be quick and must not throw (they run on
 * the scheduler's thread): hand slow work (an HTTP call) to an executor.
 */
public interface DaemonEvents {
    DaemonEvents NONE = new DaemonEvents() {
    };

    /** A cron schedule came due while no coordinator ran; the run happens now, once. */
    default void missedSchedule(String source, String schedule, Instant due) {
    }

    /** A scheduled or watched run of {@code source} failed (or could not start). */
    default void jobFailed(String source, String jobId, String reason) {
    }

    /** A scheduled or watched run wrote a snapshot. */
    default void snapshotMade(String source, String jobId, String snapshotId) {
    }

    /** Retention ran after a run of {@code source}, removing these snapshot ids. */
    default void retentionApplied(String source, List<String> removed) {
    }

    /** Retention or prune failed; the snapshots stay. */
    default void maintenanceFailed(String what, String reason) {
    }

    /** A watcher could not use the kernel's change notification and rescans periodically instead. */
    default void watchFellBack(String source, String reason) {
    }
}
