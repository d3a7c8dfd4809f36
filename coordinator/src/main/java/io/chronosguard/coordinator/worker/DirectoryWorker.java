package io.chronosguard.coordinator.worker;

import io.chronosguard.coordinator.cluster.NodeLock;
import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.coordinator.monitor.NodeMonitor;
import io.chronosguard.coordinator.protocol.CborSerializable;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.coordinator.protocol.TaskSpec;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.archiver.BackupOptions;
import io.chronosguard.engine.archiver.DirectoryScanner;
import io.chronosguard.engine.archiver.Excluder;
import io.chronosguard.engine.archiver.DirectoryListing;
import io.chronosguard.engine.repo.Id;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Pulls directory tasks from the coordinator and runs them, one at a time, on the node's
 * blocking dispatcher, saving through the node's shared blob saver. Idle, it asks for work
 * every {@code idlePoll} (a coordinator that moved to another node learns about it that way);
 * busy, it renews its lease. A finished task's result goes to the node's
 * {@link ResultHolder}, which reports it once its data is indexed; the worker is free at once.
 */
public final class DirectoryWorker {
    public interface Command {
    }

    /**
     * Cross-node, from the coordinator: run this task (attempt {@code attempt} of it), leaving
     * out the entries its job's {@code excludes} (restic patterns) match.
     */
    public record AssignTask(String jobId, long taskId, int attempt, TaskSpec spec, List<String> excludes)
            implements Command, CborSerializable {
        public AssignTask {
            excludes = excludes == null ? List.of() : List.copyOf(excludes);
        }

        public AssignTask(String jobId, long taskId, int attempt, TaskSpec spec) {
            this(jobId, taskId, attempt, spec, List.of());
        }
    }

    /**
     * Cross-node, from the coordinator: {@code pause}, {@code resume} or {@code stop} the running
     * task of {@code jobId} (ignored when this worker runs none of that job).
     */
    public record Control(String jobId, String action) implements Command, CborSerializable {
        public static final String PAUSE = "pause";
        public static final String RESUME = "resume";
        public static final String STOP = "stop";
    }

    /** How often a busy worker tells its monitor what it does (the dashboard's conflation). */
    static final Duration REPORT_EVERY = Duration.ofMillis(250);

    private enum Poll implements Command { INSTANCE }

    private enum Report implements Command { INSTANCE }

    private enum Renew implements Command { INSTANCE }

    private record Finished(AssignTask task, Result result, Throwable failure) implements Command {
    }

    /** A task's outcome and the data blobs it references. */
    private record Result(TaskOutcome outcome, Set<Id> blobs) {
    }

    private final ActorContext<Command> ctx;
    private final ActorRef<BackupCoordinator.Command> coordinator;
    private final ActorRef<NodeMonitor.Command> monitor;
    private final ActorRef<ResultHolder.Command> results;
    private final NodeServices node;
    private final TimerScheduler<Command> timers;

    private DirectoryWorker(ActorContext<Command> ctx, TimerScheduler<Command> timers,
            ActorRef<BackupCoordinator.Command> coordinator, ActorRef<NodeMonitor.Command> monitor,
            ActorRef<ResultHolder.Command> results, NodeServices node) {
        this.ctx = ctx;
        this.timers = timers;
        this.coordinator = coordinator;
        this.monitor = monitor;
        this.results = results;
        this.node = node;
    }

    public static Behavior<Command> create(ActorRef<BackupCoordinator.Command> coordinator,
            ActorRef<NodeMonitor.Command> monitor, ActorRef<ResultHolder.Command> results, NodeServices node) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
                new DirectoryWorker(ctx, timers, coordinator, monitor, results, node).idle()));
    }

    private Behavior<Command> idle() {
        askForWork();
        timers.startTimerWithFixedDelay(Poll.INSTANCE, node.tuning().idlePoll());
        timers.cancel(Renew.INSTANCE);
        timers.cancel(Report.INSTANCE);
        return Behaviors.receive(Command.class)
                .onMessage(AssignTask.class, this::start)
                .onMessage(Control.class, m -> Behaviors.same())
                .onMessageEquals(Report.INSTANCE, Behaviors::same)
                .onMessageEquals(Poll.INSTANCE, () -> {
                    askForWork();
                    return Behaviors.same();
                })
                .onMessageEquals(Renew.INSTANCE, Behaviors::same)
                .onMessage(Finished.class, m -> Behaviors.same())
                .build();
    }

    private void askForWork() {
        coordinator.tell(new BackupCoordinator.RequestWork(ctx.getSelf(), node.capabilities()));
    }

    private Behavior<Command> start(AssignTask t) {
        timers.cancel(Poll.INSTANCE);
        Duration renew = node.tuning().leaseDuration().dividedBy(3);
        timers.startTimerWithFixedDelay(Renew.INSTANCE, renew);
        timers.startTimerWithFixedDelay(Report.INSTANCE, REPORT_EVERY);
        monitor.tell(new NodeMonitor.WorkerBusy(ctx.getSelf().path().name(), t.spec().path()));
        results.tell(new ResultHolder.WorkerBusy(ctx.getSelf().path().name(), true));
        TaskProgress progress = new TaskProgress(t.jobId(), t.spec().path());
        ctx.pipeToSelf(CompletableFuture.supplyAsync(() -> run(t, progress), node.blocking()),
                (outcome, ex) -> new Finished(t, outcome, ex));
        return busy(t, progress);
    }

    private Behavior<Command> busy(AssignTask current, TaskProgress progress) {
        return Behaviors.receive(Command.class)
                .onMessageEquals(Report.INSTANCE, () -> {
                    monitor.tell(new NodeMonitor.WorkerProgress(progress.report(ctx.getSelf().path().name())));
                    return Behaviors.same();
                })
                .onMessage(Control.class, c -> {
                    if (c.jobId().equals(current.jobId())) {
                        switch (c.action()) {
                            case Control.PAUSE -> progress.pause(true);
                            case Control.RESUME -> progress.pause(false);
                            case Control.STOP -> progress.cancel();
                            default -> ctx.getLog().warn("unknown control action {}", c.action());
                        }
                        monitor.tell(new NodeMonitor.WorkerProgress(progress.report(ctx.getSelf().path().name())));
                    }
                    return Behaviors.same();
                })
                .onMessage(AssignTask.class, other -> {
                    // the coordinator thought we were idle (a poll crossed its assignment): give it back
                    coordinator.tell(new BackupCoordinator.TaskRejected(other.jobId(), other.taskId(), other.attempt()));
                    return Behaviors.same();
                })
                .onMessageEquals(Renew.INSTANCE, () -> {
                    coordinator.tell(new BackupCoordinator.RenewLease(current.jobId(), current.taskId(),
                            current.attempt()));
                    return Behaviors.same();
                })
                .onMessageEquals(Poll.INSTANCE, Behaviors::same)
                .onMessage(Finished.class, this::finished)
                .build();
    }

    private Behavior<Command> finished(Finished f) {
        AssignTask t = f.task();
        String nodeAddress = node.capabilities().node();
        java.util.Optional<String> lost = f.failure() == null ? node.lock().lost() : java.util.Optional.empty();
        if (lost.isPresent()) {
            // the lock went while the task ran: its data may be pruned away, so the job must not use it
            node.lock().exit();
            ctx.getLog().error("task {} on {}: {}", t.taskId(), t.spec().path(), lost.get());
            coordinator.tell(new BackupCoordinator.TaskFailed(t.jobId(), t.taskId(), t.attempt(), nodeAddress, true,
                    lost.get()));
        } else if (f.failure() == null) {
            results.tell(new ResultHolder.Hold(t.jobId(), t.taskId(), t.attempt(), f.result().outcome(),
                    f.result().blobs()));
        } else {
            Throwable c = f.failure() instanceof CompletionException && f.failure().getCause() != null
                    ? f.failure().getCause() : f.failure();
            // a missing target, or an entry too large to send: retrying cannot help
            boolean fatal = c instanceof NotFoundException || c instanceof IllegalStateException
                    || NodeLock.isLost(c);
            if (c instanceof CancellationException) {
                ctx.getLog().info("task {} on {} stopped: {}", t.taskId(), t.spec().path(), c.getMessage());
            } else {
                ctx.getLog().warn("task {} on {} failed: {}", t.taskId(), t.spec().path(), c.toString());
            }
            coordinator.tell(new BackupCoordinator.TaskFailed(t.jobId(), t.taskId(), t.attempt(), nodeAddress, fatal,
                    c.getMessage() == null ? c.toString() : c.getMessage()));
        }
        monitor.tell(new NodeMonitor.WorkerIdle(ctx.getSelf().path().name(), f.failure() == null));
        results.tell(new ResultHolder.WorkerBusy(ctx.getSelf().path().name(), false));
        return idle();
    }

    /** The blocking part, under the node's lock, through its blob saver (not flushed: the result holder waits). */
    private Result run(AssignTask t, TaskProgress progress) {
        node.lock().enter(); // released by the result holder once the result is delivered, or below on failure
        try {
            return scan(t.spec(), t.excludes(), progress);
        } catch (RuntimeException | Error e) {
            node.lock().exit();
            throw e;
        }
    }

    private Result scan(TaskSpec spec, List<String> excludes, TaskProgress progress) {
        DirectoryScanner scanner = new DirectoryScanner(node.repository(), node.blobSaver(),
                new BackupOptions(new Excluder(excludes, false, false), Optional.empty(), true), node.tuning().splitThreshold(), progress,
                node.blobWorkers(), node.capabilities().cores());
        try {
            DirectoryListing l = scanner.run(spec.toTask());
            TaskOutcome o = OutcomeSize.splitIfTooLarge(TaskOutcome.of(l, progress.bytesNew(),
                    progress.bytesDeduplicated()), OutcomeSize.LIMIT);
            // a split request references no data: the halves report their own
            return new Result(o, o.splitPoints().isEmpty() ? l.dataBlobs() : Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
