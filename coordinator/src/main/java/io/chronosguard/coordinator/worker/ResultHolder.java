package io.chronosguard.coordinator.worker;

import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.engine.archiver.HeldResults;
import io.chronosguard.engine.repo.Id;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * One per node: holds the results of the node's finished tasks until the data they reference
 * is stored and indexed ({@link HeldResults} over the node's shared blob saver), then sends
 * them to the coordinator. Meanwhile the workers take other tasks and keep filling the same
 * packs. Packs are flushed once a result has waited {@link #FLUSH_DELAY}, or as soon as every
 * worker of the node is idle (the coordinator may be waiting for exactly these results to
 * hand out more work, or the job is ending). While held, a task's lease is renewed; a result
 * whose data is lost (a pack upload failed) or stuck longer than a lease goes back to the
 * coordinator as a failed attempt, to be run again.
 */
public final class ResultHolder extends AbstractBehavior<ResultHolder.Command> {
    static final Duration FLUSH_DELAY = Duration.ofSeconds(1);
    /** Workers idle this long mean the node has no more work for now. */
    static final Duration IDLE_GRACE = Duration.ofMillis(100);
    static final Duration TICK = Duration.ofMillis(100);

    public interface Command {
    }

    /** Local, from a worker: a finished task whose outcome references the data blobs {@code blobs}. */
    public record Hold(String jobId, long taskId, int attempt, TaskOutcome outcome, Set<Id> blobs)
            implements Command {
    }

    /** Local, from a worker: it started ({@code busy}) or ended a task. */
    public record WorkerBusy(String worker, boolean busy) implements Command {
    }

    private enum Tick implements Command { INSTANCE }

    private record Flushed(Throwable failure) implements Command {
    }

    private final ActorRef<BackupCoordinator.Command> coordinator;
    private final NodeServices node;
    private final HeldResults<Hold> held;
    private final Set<String> busy = new HashSet<>();
    private Instant idleSince;
    private Instant renewed;
    private boolean flushing;

    public static Behavior<Command> create(ActorRef<BackupCoordinator.Command> coordinator, NodeServices node) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
            return new ResultHolder(ctx, coordinator, node);
        }));
    }

    private ResultHolder(ActorContext<Command> ctx, ActorRef<BackupCoordinator.Command> coordinator,
            NodeServices node) {
        super(ctx);
        this.coordinator = coordinator;
        this.node = node;
        this.held = new HeldResults<>(node.blobSaver(), FLUSH_DELAY);
        this.idleSince = node.clock().instant();
        this.renewed = idleSince;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Hold.class, this::onHold)
                .onMessage(WorkerBusy.class, this::onWorkerBusy)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(Flushed.class, this::onFlushed)
                .build();
    }

    private Behavior<Command> onHold(Hold h) {
        held.hold(h, h.blobs(), node.clock().instant());
        release();
        return this;
    }

    private Behavior<Command> onWorkerBusy(WorkerBusy m) {
        if (m.busy()) {
            busy.add(m.worker());
            idleSince = null;
        } else if (busy.remove(m.worker()) && busy.isEmpty()) {
            idleSince = node.clock().instant();
        }
        return this;
    }

    private Behavior<Command> onTick() {
        Instant now = node.clock().instant();
        release();
        Duration lease = node.tuning().leaseDuration();
        for (Hold h : held.expired(now, lease)) {
            fail(h, "its data was not stored and indexed within " + lease.toSeconds() + " s");
        }
        if (!now.isBefore(renewed.plus(lease.dividedBy(3)))) {
            renewed = now;
            held.held().forEach(h -> coordinator.tell(new BackupCoordinator.RenewLease(h.jobId(), h.taskId(),
                    h.attempt())));
        }
        boolean idle = idleSince != null && !now.isBefore(idleSince.plus(IDLE_GRACE));
        HeldResults.Flush due = flushing ? HeldResults.Flush.NONE : held.flushDue(now, idle);
        if (due != HeldResults.Flush.NONE) {
            flushing = true;
            getContext().pipeToSelf(CompletableFuture.runAsync(() -> {
                if (due == HeldResults.Flush.PACKS) {
                    node.blobSaver().flush();
                } else {
                    node.blobSaver().flushIndex();
                }
            }, node.blocking()), (ok, ex) -> new Flushed(ex));
        }
        return this;
    }

    private Behavior<Command> onFlushed(Flushed f) {
        flushing = false;
        if (f.failure() != null) {
            Throwable c = f.failure().getCause() != null ? f.failure().getCause() : f.failure();
            getContext().getLog().warn("flushing the node's packs failed: {}", c.toString());
        }
        release();
        return this;
    }

    private void release() {
        HeldResults.Released<Hold> r = held.release();
        String self = node.capabilities().node();
        for (Hold h : r.ready()) {
            java.util.Optional<String> lockLost = node.lock().lost();
            if (lockLost.isPresent()) {
                getContext().getLog().error("task {} is not delivered: {}", h.taskId(), lockLost.get());
                coordinator.tell(new BackupCoordinator.TaskFailed(h.jobId(), h.taskId(), h.attempt(), self, true,
                        lockLost.get()));
            } else {
                coordinator.tell(new BackupCoordinator.TaskDone(h.jobId(), h.taskId(), h.attempt(), self,
                        h.outcome()));
            }
            node.lock().exit();
        }
        for (Hold h : r.lost()) {
            fail(h, "a pack holding its data could not be stored");
        }
    }

    /** Gives {@code h} back as a failed attempt; its task no longer needs the node's lock. */
    private void fail(Hold h, String why) {
        getContext().getLog().warn("task {} goes back to the coordinator: {}", h.taskId(), why);
        coordinator.tell(new BackupCoordinator.TaskFailed(h.jobId(), h.taskId(), h.attempt(),
                node.capabilities().node(), false, why));
        node.lock().exit();
    }
}
