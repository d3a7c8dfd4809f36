package io.chronosguard.engine.alert;

import io.chronosguard.engine.daemon.DaemonEvents;
import java.time.Instant;

/**
 * The daemon's events that call for an operator, as alerts: a missed schedule, a run that
 * could not even start, and a retention or prune that failed. A job that started and failed
 * is not raised here: the node's alert watcher sees every job's outcome, scheduled or not,
 * and raising it twice would send two mails.
 */
public final class DaemonAlerts implements DaemonEvents {
    private final Alerter alerter;
    private final String node;

    public DaemonAlerts(Alerter alerter, String node) {
        this.alerter = alerter;
        this.node = node;
    }

    @Override
    public void missedSchedule(String source, String schedule, Instant due) {
        String what = source.equals("@prune") ? "prune" : "source " + source;
        alerter.raise(Alert.of(Alert.Kind.MISSED_SCHEDULE, "missed schedule of " + what,
                "the run due at " + due + " (schedule \"" + schedule + "\") did not happen because no coordinator"
                        + " was running; it runs now, once", alerter.clock(), node, null));
    }

    @Override
    public void jobFailed(String source, String jobId, String reason) {
        if (jobId == null) {
            alerter.raise(Alert.of(Alert.Kind.JOB_FAILED, "run of source " + source + " could not start", reason,
                    alerter.clock(), node, null));
        }
    }

    @Override
    public void maintenanceFailed(String what, String reason) {
        alerter.raise(Alert.of(Alert.Kind.JOB_FAILED, what + " failed", reason + "; the snapshots stay",
                alerter.clock(), node, null));
    }
}
