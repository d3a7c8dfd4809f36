package io.chronosguard.coordinator.monitor;

import io.chronosguard.config.AlertSettings;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.engine.alert.Alert;
import io.chronosguard.engine.alert.Alerter;
import io.chronosguard.engine.alert.DailySummary;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.HistoryQuery;
import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.Member;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;

/**
 * One per node with alerts configured. Every node reports its own disk ({@code LOW_DISK});
 * cluster-wide alerts come from the oldest member only — the one hosting the coordinator — so a
 * cluster of five sends one mail, not five: a member removed or unreachable ({@code NODE_LEFT}),
 * the coordinator's job failed or running too long (polled like the progress hub does, every
 * {@code poll}), and the daily summary from this node's catalog. Hands every alert to the
 * {@link Alerter}, which never blocks; disk and catalog reads run on {@code blocking}.
 */
public final class AlertWatcher {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(AlertWatcher.class);

    public interface Command {
    }

    private enum PollJob implements Command { INSTANCE }

    private enum CheckDisk implements Command { INSTANCE }

    private enum Summary implements Command { INSTANCE }

    private record JobSeen(JobProgressView view) implements Command {
    }

    private record Membership(Object event) implements Command {
    }

    private record Raise(Alert alert) implements Command {
    }

    /** How often the watcher polls: the job every {@code job}, the disk every {@code disk}. */
    public record Intervals(Duration job, Duration disk) {
        public static final Intervals DEFAULT = new Intervals(Duration.ofSeconds(2), Duration.ofSeconds(30));
    }

    private final ActorContext<Command> ctx;
    private final TimerScheduler<Command> timers;
    private final ActorRef<BackupCoordinator.Command> coordinator;
    private final Alerter alerter;
    private final AlertSettings settings;
    private final Path disk;
    private final Supplier<Catalog> catalog;
    private final Clock clock;
    private final Executor blocking;
    private final AlertRules rules;
    private final String self;

    private AlertWatcher(ActorContext<Command> ctx, TimerScheduler<Command> timers,
            ActorRef<BackupCoordinator.Command> coordinator, Alerter alerter, AlertSettings settings, Path disk,
            Supplier<Catalog> catalog, Executor blocking) {
        this.ctx = ctx;
        this.timers = timers;
        this.coordinator = coordinator;
        this.alerter = alerter;
        this.settings = settings;
        this.disk = disk;
        this.catalog = catalog;
        this.clock = alerter.clock();
        this.blocking = blocking;
        this.self = Cluster.get(ctx.getSystem()).selfMember().address().toString();
        this.rules = new AlertRules(settings.jobMaxDuration(), settings.lowDisk(), self, clock.instant());
    }

    /**
     * @param disk    where this node's free space is measured (the repository's folder, else the state folder)
     * @param catalog opens this node's history catalog, for the daily summary
     */
    public static Behavior<Command> create(ActorRef<BackupCoordinator.Command> coordinator, Alerter alerter,
            AlertSettings settings, Path disk, Supplier<Catalog> catalog, Executor blocking, Intervals every) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            AlertWatcher w = new AlertWatcher(ctx, timers, coordinator, alerter, settings, disk, catalog, blocking);
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.MemberEvent.class, Membership::new), ClusterEvent.MemberEvent.class));
            Cluster.get(ctx.getSystem()).subscriptions().tell(Subscribe.create(
                    ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class, Membership::new),
                    ClusterEvent.ReachabilityEvent.class));
            timers.startTimerWithFixedDelay(PollJob.INSTANCE, every.job());
            if (settings.lowDisk().isPresent() && disk != null) {
                timers.startTimerWithFixedDelay(CheckDisk.INSTANCE, Duration.ZERO, every.disk());
            }
            w.scheduleSummary();
            return w.behavior();
        }));
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessageEquals(PollJob.INSTANCE, this::pollJob)
                .onMessage(JobSeen.class, m -> {
                    rules.onJob(m.view().job(), clock.instant()).forEach(alerter::raise);
                    return Behaviors.same();
                })
                .onMessageEquals(CheckDisk.INSTANCE, this::checkDisk)
                .onMessageEquals(Summary.INSTANCE, this::summary)
                .onMessage(Membership.class, this::onMembership)
                .onMessage(Raise.class, m -> {
                    alerter.raise(m.alert());
                    return Behaviors.same();
                })
                .build();
    }

    /** True when this node is the oldest Up member: the one that hosts the singletons. */
    private boolean oldest() {
        Member oldest = null;
        for (Member m : Cluster.get(ctx.getSystem()).state().getMembers()) {
            if (m.status() == MemberStatus.up() && (oldest == null || m.isOlderThan(oldest))) {
                oldest = m;
            }
        }
        return oldest != null && oldest.address().toString().equals(self);
    }

    private Behavior<Command> pollJob() {
        if (oldest()) {
            ctx.ask(JobProgressView.class, coordinator, Duration.ofSeconds(5), BackupCoordinator.GetProgress::new,
                    (v, ex) -> v != null ? new JobSeen(v) : new JobSeen(new JobProgressView(null, java.util.List.of(),
                            java.util.List.of())));
        }
        return Behaviors.same();
    }

    private Behavior<Command> checkDisk() {
        CompletableFuture.runAsync(() -> {
            try {
                FileStore store = Files.getFileStore(disk);
                rules.onDisk(disk.toString(), store.getUsableSpace(), store.getTotalSpace(), clock.instant())
                        .ifPresent(a -> ctx.getSelf().tell(new Raise(a)));
            } catch (IOException | SecurityException e) {
                LOG.debug("cannot measure free space at {}: {}", disk, e.getMessage());
            }
        }, blocking);
        return Behaviors.same();
    }

    private Behavior<Command> onMembership(Membership m) {
        Member member = null;
        String how = null;
        if (m.event() instanceof ClusterEvent.MemberRemoved e) {
            member = e.member();
            how = e.previousStatus() == MemberStatus.down() ? "was downed and removed from the cluster"
                    : "left the cluster";
        } else if (m.event() instanceof ClusterEvent.UnreachableMember e) {
            member = e.member();
            how = "is unreachable";
        }
        if (member != null && !member.address().toString().equals(self) && oldest()) {
            alerter.raise(rules.nodeLeft(member.address().toString(), how, clock.instant()));
        }
        return Behaviors.same();
    }

    private void scheduleSummary() {
        settings.dailySummary().ifPresent(at -> {
            Instant now = clock.instant();
            Instant next = DailySummary.nextAfter(now, at, clock.getZone());
            timers.startSingleTimer(Summary.INSTANCE, Duration.between(now, next));
        });
    }

    private Behavior<Command> summary() {
        if (oldest()) {
            Instant now = clock.instant();
            CompletableFuture.runAsync(() -> {
                try (Catalog c = catalog.get()) {
                    ctx.getSelf().tell(new Raise(DailySummary.of(c.history(new HistoryQuery(
                            now.minus(Duration.ofDays(1)), null, null, 0)), now, clock.getZone(), self)));
                } catch (RuntimeException e) {
                    ctx.getSelf().tell(new Raise(new Alert(Alert.Kind.DAILY_SUMMARY, "daily summary of " + self
                            + " unavailable", "The history catalog cannot be read: " + e.getMessage(), now, self,
                            null)));
                }
            }, blocking);
        }
        scheduleSummary();
        return Behaviors.same();
    }
}
