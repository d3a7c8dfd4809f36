package io.chronosguard.cli;

import io.chronosguard.config.AlertSettings;
import io.chronosguard.coordinator.cluster.ClusterNode;
import io.chronosguard.coordinator.monitor.AlertWatcher;
import io.chronosguard.coordinator.progress.ProgressHub;
import io.chronosguard.engine.alert.Alert;
import io.chronosguard.engine.alert.Alerter;
import io.chronosguard.engine.alert.Alerts;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.web.metrics.Metrics;
import io.chronosguard.web.node.ClusterMetricsFeed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.Props;

/** Alerts and metrics of the {@code node}, {@code serve} and {@code backup} commands. */
final class Observability {
    /** How long a failing {@code backup} waits for its alert to go out (webhook retries included). */
    static final Duration DRAIN = Duration.ofSeconds(60);

    private Observability() {
    }

    /** The alerter the settings describe (one with no sinks when alerts are off); bad settings are a usage error. */
    static Alerter alerter(CliContext ctx) {
        try {
            return Alerts.fromSettings(ctx.settings().alerts(), Clock.systemDefaultZone());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    /**
     * Starts the node's alert watcher when alerts are configured; the alerter is given up to
     * 10 s to send what is queued when the node stops.
     *
     * @return the node's alerter, for anything else on the node that raises alerts (schedules:
     *         {@code MISSED_SCHEDULE}); one without sinks when alerts are off
     */
    static Alerter watch(CliContext ctx, ClusterNode node) {
        AlertSettings s = ctx.settings().alerts();
        if (!s.enabled()) {
            return Alerter.none();
        }
        Alerter alerter = alerter(ctx);
        Executor blocking = node.system().dispatchers().lookup(DispatcherSelector.blocking());
        node.system().systemActorOf(AlertWatcher.create(node.coordinator(), alerter, s, ctx.diskOfRepository(),
                ctx::openCatalog, blocking, AlertWatcher.Intervals.DEFAULT), "alert-watcher", Props.empty());
        node.terminated().thenRun(() -> alerter.drain(Duration.ofSeconds(10)));
        return alerter;
    }

    /**
     * A node's metrics: job figures and gauges from its progress hub, read four times a second
     * (the hub itself refreshes about three times a second).
     */
    static Metrics nodeMetrics(CliContext ctx, ClusterNode node, ProgressHub hub, Repository repo) {
        ClusterMetricsFeed feed = new ClusterMetricsFeed(hub, Clock.systemUTC());
        Metrics m = new Metrics(repo, ctx::openCatalog, feed::busyWorkers, feed::queueLength, Clock.systemUTC());
        feed.into(m);
        node.system().scheduler().scheduleWithFixedDelay(Duration.ofMillis(250), Duration.ofMillis(250), feed::poll,
                node.system().executionContext());
        node.terminated().thenRun(m::close);
        return m;
    }

    /**
     * A failed single-process backup raises {@code JOB_FAILED} (when alerts are configured) and
     * waits for it to be delivered, since the process exits next.
     */
    static void backupFailed(CliContext ctx, String host, List<String> paths, RuntimeException e) {
        if (!ctx.settings().alerts().enabled()) {
            return;
        }
        Alerter alerter;
        try {
            alerter = alerter(ctx);
        } catch (CliException bad) {
            ctx.err().println("chronosguard: no failure alert sent: " + bad.getMessage());
            return;
        }
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        String where = String.join(" ", paths);
        alerter.raise(Alert.of(Alert.Kind.JOB_FAILED, "backup of " + where + " on " + host + " failed: " + why,
                "The backup of " + where + " into " + ctx.settings().repository().orElse("(no repository)")
                        + " failed: " + why + "\nNo snapshot was written.", alerter.clock(), host, null));
        if (!alerter.drain(DRAIN)) {
            ctx.err().println("chronosguard: the failure alert was not delivered within " + DRAIN.toSeconds() + " s");
        }
    }
}
