package io.chronosguard.coordinator.daemon;

import io.chronosguard.config.daemon.DaemonConfig;
import io.chronosguard.config.daemon.Source;
import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.coordinator.protocol.CborSerializable;
import io.chronosguard.coordinator.protocol.JobView;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.engine.daemon.DaemonEvents;
import io.chronosguard.engine.daemon.RunLedger;
import io.chronosguard.engine.daemon.ScheduleBook;
import io.chronosguard.engine.watch.Debouncer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

/**
 * The cluster singleton that decides when to back up: a watched source {@code delay} after
 * the last change any node reported ({@link Debouncer}), a scheduled one at its cron times,
 * a schedule missed while no coordinator ran once at start ({@link ScheduleBook}, reported
 * through {@link DaemonEvents#missedSchedule}). Jobs start through the backup coordinator's
 * {@code StartBackup} (the parent snapshot makes them incremental); one job per source at a
 * time, a change during a run runs it again afterwards. After each successful run the
 * source's retention is applied ({@link Maintenance}); prune runs on its own schedule. Both
 * take the exclusive lock, so while either runs the scheduler starts no job: what fires
 * meanwhile runs once it is done.
 */
public final class Scheduler {
    public interface Command {
    }

    /**
     * Cross-node, from a node's {@link WatchManager}: something under the source changed.
     * {@code version} is the configuration the watcher runs; a message from a newer one than
     * the scheduler's waits until that configuration has reached the scheduler too.
     */
    public record SourceChanged(String source, String node, long version) implements Command, CborSerializable {
    }

    /** Cross-node: {@code node} watches {@code source} ({@code mode} {@code inotify} or {@code rescan}). */
    public record Watching(String source, String node, String mode, long version) implements Command,
            CborSerializable {
    }

    /** Cross-node, from the API. */
    public record GetStatus(ActorRef<ScheduleStatus> replyTo) implements Command, CborSerializable {
    }

    private record Configured(Versioned value) implements Command {
    }

    private enum Tick implements Command { INSTANCE }

    private record Started(String source, String trigger, String jobId, String error) implements Command {
    }

    private record Polled(String source, JobView view) implements Command {
    }

    private record MaintenanceDone(String what, String outcome, List<String> removed, String error) implements Command {
    }

    static final Duration TICK = Duration.ofMillis(250);
    private static final int EVENTS_KEPT = 50;

    /** Per source: what the status shows. */
    private static final class State {
        final Map<String, String> watchers = new HashMap<>();
        String job;
        boolean starting;
        String lastSnapshot;
        String lastError;
        String lastChangeNode;
        int runs;
    }

    private final ActorContext<Command> ctx;
    private final NodeServices node;
    private final ActorRef<BackupCoordinator.Command> coordinator;
    private final Maintenance maintenance;
    private final DaemonEvents events;
    private final String hostname;
    private final ScheduleBook book;
    private final Debouncer<String> changes = new Debouncer<>();
    private final Map<String, State> states = new HashMap<>();
    /** Sources to run again when their job ends, with the trigger that asked. */
    private final Map<String, String> again = new HashMap<>();
    private final ArrayDeque<String> log = new ArrayDeque<>();
    private final List<Command> early = new java.util.ArrayList<>();
    private Versioned config = Versioned.NONE;
    private boolean pruning;
    /** Retention or prune runs under way (exclusive lock); sources fired meanwhile wait in {@code deferred}. */
    private int maintaining;
    private final Map<String, String> deferred = new java.util.LinkedHashMap<>();
    private long ticks;

    public static Behavior<Command> create(NodeServices node, ActorRef<BackupCoordinator.Command> coordinator,
            ActorRef<ConfigReplica.Command> config, Path stateDir, String hostname, DaemonEvents events) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
            Scheduler s = new Scheduler(ctx, node, coordinator, RunLedger.load(stateDir.resolve("daemon-schedule"
                    + ".properties")), hostname, events);
            config.tell(new ConfigReplica.Subscribe(ctx.messageAdapter(Versioned.class, Configured::new)));
            ctx.getLog().info("scheduler started on {}", node.capabilities().node());
            return s.behavior();
        }));
    }

    private Scheduler(ActorContext<Command> ctx, NodeServices node, ActorRef<BackupCoordinator.Command> coordinator,
            RunLedger ledger, String hostname, DaemonEvents events) {
        this.ctx = ctx;
        this.node = node;
        this.coordinator = coordinator;
        this.events = events;
        this.hostname = hostname;
        this.book = new ScheduleBook(ledger, node.clock().getZone());
        this.maintenance = new Maintenance(node.repository(), node.clock());
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Configured.class, m -> onConfigured(m.value()))
                .onMessage(SourceChanged.class, m -> early(m, m.version()) ? Behaviors.same() : onChanged(m))
                .onMessage(Watching.class, m -> early(m, m.version()) ? Behaviors.same() : onWatching(m))
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(Started.class, this::onStarted)
                .onMessage(Polled.class, this::onPolled)
                .onMessage(MaintenanceDone.class, this::onMaintenanceDone)
                .onMessage(GetStatus.class, m -> {
                    m.replyTo().tell(status());
                    return Behaviors.same();
                })
                .build();
    }

    private Instant now() {
        return node.clock().instant();
    }

    private State state(String source) {
        return states.computeIfAbsent(source, k -> new State());
    }

    private void event(String line) {
        log.addLast(now() + " " + line);
        while (log.size() > EVENTS_KEPT) {
            log.removeFirst();
        }
    }

    private Behavior<Command> onConfigured(Versioned v) {
        config = v;
        DaemonConfig c = v.config();
        states.keySet().retainAll(c.sources().stream().map(Source::name).toList());
        deferred.keySet().removeIf(name -> c.source(name).isEmpty());
        for (String name : List.copyOf(again.keySet())) {
            if (c.source(name).isEmpty()) {
                again.remove(name);
                changes.forget(name);
            }
        }
        // version 0 is "nothing known yet" (a fresh node before gossip): missed schedules are
        // judged against the first real configuration
        for (ScheduleBook.Missed m : v.version() == 0 ? List.<ScheduleBook.Missed>of() : book.apply(c, now())) {
            String what = ScheduleBook.PRUNE.equals(m.key()) ? "prune" : "source " + m.key();
            ctx.getLog().warn("missed schedule: {} ({}) was due at {} while no coordinator ran; running it now",
                    what, m.schedule(), m.due());
            event("missed schedule: " + what + " was due at " + m.due() + "; running it now");
            events.missedSchedule(m.key(), m.schedule(), m.due());
            book.fired(m.key(), now());
            fire(m.key(), "missed-schedule");
        }
        event("configuration version " + v.version() + ": " + c.sources().size() + " source(s)");
        List<Command> replay = List.copyOf(early);
        early.clear();
        replay.forEach(m -> ctx.getSelf().tell(m));
        return Behaviors.same();
    }

    /** Keeps {@code m} for later when it comes from a newer configuration than this scheduler's. */
    private boolean early(Command m, long version) {
        if (version <= config.version()) {
            return false;
        }
        if (early.size() < 1000) {
            early.add(m);
        }
        return true;
    }

    private Behavior<Command> onWatching(Watching m) {
        config.config().source(m.source()).ifPresent(s -> state(s.name()).watchers.put(m.node(), m.mode()));
        return Behaviors.same();
    }

    private Behavior<Command> onChanged(SourceChanged m) {
        config.config().source(m.source()).filter(s -> s.watch() != null).ifPresent(s -> {
            changes.changed(s.name(), now(), s.watch().delay());
            state(s.name()).lastChangeNode = m.node();
        });
        return Behaviors.same();
    }

    private Behavior<Command> onTick() {
        Instant now = now();
        changes.takeDue(now).forEach(name -> fire(name, "watch"));
        book.takeDue(now).forEach(key -> fire(key, "schedule"));
        if (++ticks % 2 == 0) {
            states.forEach((name, st) -> {
                if (st.job != null) {
                    ctx.ask(JobView.class, coordinator, Duration.ofSeconds(5),
                            r -> new BackupCoordinator.GetJob(st.job, r),
                            (view, ex) -> new Polled(name, view));
                }
            });
        }
        return Behaviors.same();
    }

    /** Runs {@code key} (a source, or prune) now, or after the source's running job. */
    private void fire(String key, String trigger) {
        if (ScheduleBook.PRUNE.equals(key)) {
            prune();
            return;
        }
        Source s = config.config().source(key).orElse(null);
        if (s == null) {
            return;
        }
        State st = state(key);
        if (st.job != null || st.starting) {
            again.putIfAbsent(key, trigger);
            return;
        }
        if (maintaining > 0) { // it would only find the repository locked exclusively
            deferred.putIfAbsent(key, trigger);
            return;
        }
        st.starting = true;
        ctx.ask(StatusReply.class, coordinator, Duration.ofSeconds(10),
                (ActorRef<StatusReply> r) -> new BackupCoordinator.StartBackup(s.paths(), hostname, List.of(trigger),
                        s.excludes(), r.unsafeUpcast()),
                (reply, ex) -> ex != null ? new Started(key, trigger, null, "no answer from the backup coordinator: "
                        + ex.getMessage())
                        : reply.isError() ? new Started(key, trigger, null, reply.getError().getMessage())
                        : new Started(key, trigger, String.valueOf(reply.getValue()), null));
    }

    private Behavior<Command> onStarted(Started m) {
        State st = state(m.source());
        st.starting = false;
        if (m.error() != null) {
            st.lastError = m.error();
            ctx.getLog().warn("source {}: {} backup not started: {}", m.source(), m.trigger(), m.error());
            event("source " + m.source() + ": " + m.trigger() + " backup not started: " + m.error());
            events.jobFailed(m.source(), null, m.error());
            return Behaviors.same();
        }
        st.job = m.jobId();
        ctx.getLog().info("source {}: {} backup started as job {}", m.source(), m.trigger(), m.jobId());
        event("source " + m.source() + ": " + m.trigger() + " backup started (job " + m.jobId() + ")");
        return Behaviors.same();
    }

    private Behavior<Command> onPolled(Polled m) {
        State st = states.get(m.source());
        JobView v = m.view();
        if (st == null || v == null || !v.jobId().equals(st.job) || JobView.RUNNING.equals(v.state())) {
            return Behaviors.same();
        }
        st.job = null;
        st.runs++;
        if (JobView.SUCCEEDED.equals(v.state())) {
            st.lastSnapshot = v.summary().snapshotId();
            st.lastError = null;
            ctx.getLog().info("source {}: snapshot {} ({} files)", m.source(), st.lastSnapshot, v.summary().files());
            event("source " + m.source() + ": snapshot " + st.lastSnapshot + " (" + v.summary().files() + " files)");
            events.snapshotMade(m.source(), v.jobId(), st.lastSnapshot);
            config.config().source(m.source()).filter(s -> s.retention() != null).ifPresent(this::retain);
        } else {
            st.lastError = v.state() + ": " + v.error();
            ctx.getLog().warn("source {}: job {} {}", m.source(), v.jobId(), st.lastError);
            event("source " + m.source() + ": job " + v.jobId() + " " + st.lastError);
            events.jobFailed(m.source(), v.jobId(), st.lastError);
        }
        String next = again.remove(m.source());
        if (next != null) {
            fire(m.source(), next);
        }
        return Behaviors.same();
    }

    private void retain(Source s) {
        maintaining++;
        ctx.pipeToSelf(java.util.concurrent.CompletableFuture.supplyAsync(() -> maintenance.retain(s, hostname),
                node.blocking()), (removed, ex) -> ex != null
                ? new MaintenanceDone("retention of " + s.name(), null, List.of(), rootMessage(ex))
                : new MaintenanceDone("retention of " + s.name(), removed.isEmpty() ? "nothing to remove"
                        : "removed " + removed.size() + " snapshot(s): " + String.join(" ", removed), removed, null));
    }

    private void prune() {
        if (pruning || states.values().stream().anyMatch(st -> st.job != null || st.starting)) {
            event("prune: skipped, a backup or prune is running; it runs at the next scheduled time");
            return;
        }
        pruning = true;
        maintaining++;
        ctx.pipeToSelf(java.util.concurrent.CompletableFuture.supplyAsync(maintenance::prune, node.blocking()),
                (summary, ex) -> new MaintenanceDone("prune", summary, List.of(), ex == null ? null : rootMessage(ex)));
    }

    private Behavior<Command> onMaintenanceDone(MaintenanceDone m) {
        if (m.what().equals("prune")) {
            pruning = false;
        }
        maintaining--;
        if (m.error() != null) {
            ctx.getLog().warn("{} failed: {}", m.what(), m.error());
            event(m.what() + " failed: " + m.error());
            events.maintenanceFailed(m.what(), m.error());
        } else {
            ctx.getLog().info("{}: {}", m.what(), m.outcome());
            event(m.what() + ": " + m.outcome());
            if (m.what().startsWith("retention of ")) {
                events.retentionApplied(m.what().substring("retention of ".length()), m.removed());
            }
        }
        if (maintaining == 0 && !deferred.isEmpty()) {
            Map<String, String> due = new java.util.LinkedHashMap<>(deferred);
            deferred.clear();
            due.forEach(this::fire);
        }
        return Behaviors.same();
    }

    private ScheduleStatus status() {
        List<ScheduleStatus.SourceStatus> out = config.config().sources().stream().map(s -> {
            State st = state(s.name());
            return new ScheduleStatus.SourceStatus(s.name(), s.paths(), Map.copyOf(st.watchers), s.schedule(),
                    book.next(s.name()).map(Instant::toEpochMilli).orElse(null),
                    s.schedule() == null ? null : book.last(s.name()).map(Instant::toEpochMilli).orElse(null),
                    changes.isPending(s.name()), st.job, st.lastSnapshot, st.lastError, st.lastChangeNode, st.runs);
        }).toList();
        return new ScheduleStatus(config.version(), out, config.config().pruneSchedule(),
                book.next(ScheduleBook.PRUNE).map(Instant::toEpochMilli).orElse(null), List.copyOf(log));
    }

    static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
