package io.chronosguard.coordinator.singleton;

import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.protocol.CborSerializable;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.protocol.JobView;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.coordinator.worker.DirectoryWorker;
import io.chronosguard.engine.RepositoryLockedException;
import io.chronosguard.engine.archiver.Excluder;
import io.chronosguard.engine.repo.Id;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.pattern.StatusReply;

/**
 * The cluster singleton that runs backups: it queues directory tasks, hands each to an idle
 * worker whose node can read its path (work pulling), leases it, and queues it again when
 * the lease expires or the holder's node becomes unreachable or leaves. It assembles trees
 * bottom-up as results arrive and writes the snapshot last ({@link JobFinisher}). Every
 * accepted result also goes to the job's checkpoint in the catalog ({@link JobHistory}); if
 * the singleton's node dies, the next coordinator finds the run still {@code running},
 * applies the checkpoint's results again ({@link Job#replay}) and queues only the rest, so
 * the job goes on under the same id and ends in one snapshot. The job holds its node's
 * repository lock ({@link io.chronosguard.coordinator.cluster.NodeLock}) while it runs.
 */
public final class BackupCoordinator extends AbstractBehavior<BackupCoordinator.Command> {
    public interface Command {
    }

    /**
     * Cross-node: start a backup of {@code paths}, leaving out what matches {@code excludes}
     * (restic's {@code --exclude} patterns); replies with the job id.
     */
    public record StartBackup(List<String> paths, String hostname, List<String> tags, List<String> excludes,
            ActorRef<StatusReply<String>> replyTo) implements Command, CborSerializable {
        public StartBackup {
            excludes = excludes == null ? List.of() : List.copyOf(excludes); // a sender that predates excludes
        }

        public StartBackup(List<String> paths, String hostname, List<String> tags,
                ActorRef<StatusReply<String>> replyTo) {
            this(paths, hostname, tags, List.of(), replyTo);
        }
    }

    /** Cross-node: a job's state. */
    public record GetJob(String jobId, ActorRef<JobView> replyTo) implements Command, CborSerializable {
    }

    /** Cross-node, from an idle worker: give me a task my node can run. */
    public record RequestWork(ActorRef<DirectoryWorker.Command> worker, Capabilities capabilities)
            implements Command, CborSerializable {
    }

    /** Cross-node: the worker still works on the task. */
    public record RenewLease(String jobId, long taskId, int attempt) implements Command, CborSerializable {
    }

    /** Cross-node: a task attempt finished; its blobs are stored and indexed. */
    public record TaskDone(String jobId, long taskId, int attempt, String node, TaskOutcome outcome)
            implements Command, CborSerializable {
    }

    /** Cross-node: a task attempt failed; {@code fatal} failures (a missing target) fail the job. */
    public record TaskFailed(String jobId, long taskId, int attempt, String node, boolean fatal, String reason)
            implements Command, CborSerializable {
    }

    /** Cross-node: the worker was busy after all; queue the task again. */
    public record TaskRejected(String jobId, long taskId, int attempt) implements Command, CborSerializable {
    }

    /**
     * Cross-node, from the API: {@code pause}, {@code resume} or {@code stop} the running job.
     * Replies with the job id, or an error starting with {@link #CONFLICT} when no job runs (or
     * it is already writing its snapshot).
     */
    public record Control(String action, ActorRef<StatusReply<String>> replyTo) implements Command, CborSerializable {
    }

    /** Cross-node, from a progress hub: the current (or last) job, recent events and log lines. */
    public record GetProgress(ActorRef<JobProgressView> replyTo) implements Command, CborSerializable {
    }

    public static final String CONFLICT = "conflict: ";
    static final int EVENTS_KEPT = 100;
    static final int LOG_KEPT = 200;
    static final int QUEUE_SHOWN = 10;

    /** A node left ({@code permanent}) or became unreachable (it may come back; its old attempts stay superseded). */
    private record NodeGone(String node, String why, boolean permanent) implements Command {
    }

    private enum Tick implements Command { INSTANCE }

    private record Prepared(StartBackup request, JobFinisher.Parent parent, Throwable failure) implements Command {
    }

    private record Finished(String jobId, JobFinisher.Result result, Throwable failure) implements Command {
    }

    /** The interrupted runs found in the catalog at start, to resume. */
    private record Recovered(List<JobHistory.Resumable> runs) implements Command {
    }

    /** Those runs as jobs again, their finished tasks applied (on the blocking executor). */
    private record Resumed(List<Job> jobs) implements Command {
    }

    /** An interrupted run older than this is not resumed (its checkpoint is dropped, the run ends unknown). */
    static final Duration RESUME_WITHIN = Duration.ofHours(24);
    /** How long start-up waits for the catalog before giving up on resuming. */
    static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(20);

    /** Directory results buffered per job before they go to the catalog. */
    private static final int DIRECTORY_BATCH = 500;

    private final NodeServices node;
    private final JobFinisher finisher;
    private final JobHistory history;
    private final JobResumer resumer;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<ActorRef<DirectoryWorker.Command>, Capabilities> idle = new LinkedHashMap<>();
    private final Map<String, Capabilities> nodes = new HashMap<>();
    /** Nodes that left: their workers may still ask for work while their system shuts down. */
    private final java.util.Set<String> gone = new java.util.HashSet<>();
    private final java.util.ArrayDeque<JobProgressView.Event> events = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<String> log = new java.util.ArrayDeque<>();
    private Job latest;
    /** Until interrupted runs are resumed, requests about jobs wait here (a resumed job keeps its id). */
    private boolean recovering = true;
    private final List<Command> stash = new ArrayList<>();

    /** @param history records the jobs in this node's history catalog */
    public static Behavior<Command> create(NodeServices node, JobHistory history) {
        return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new BackupCoordinator(ctx, timers, node,
                history)));
    }

    private BackupCoordinator(ActorContext<Command> ctx, TimerScheduler<Command> timers, NodeServices node,
            JobHistory history) {
        super(ctx);
        this.node = node;
        this.finisher = new JobFinisher(node);
        this.history = history;
        this.resumer = new JobResumer(node, finisher, history);
        timers.startTimerWithFixedDelay(Tick.INSTANCE, Duration.ofMillis(500));
        ActorRef<ClusterEvent.MemberEvent> members = ctx.messageAdapter(ClusterEvent.MemberEvent.class,
                e -> new NodeGone(e instanceof ClusterEvent.MemberRemoved || e instanceof ClusterEvent.MemberExited
                        || e instanceof ClusterEvent.MemberDowned ? e.member().address().toString() : null, "left",
                        true));
        ActorRef<ClusterEvent.ReachabilityEvent> reach = ctx.messageAdapter(ClusterEvent.ReachabilityEvent.class,
                e -> new NodeGone(e instanceof ClusterEvent.UnreachableMember ? e.member().address().toString() : null,
                        "became unreachable", false));
        Cluster cluster = Cluster.get(ctx.getSystem());
        cluster.subscriptions().tell(Subscribe.create(members, ClusterEvent.MemberEvent.class));
        cluster.subscriptions().tell(Subscribe.create(reach, ClusterEvent.ReachabilityEvent.class));
        ctx.pipeToSelf(history.recover(node.capabilities().node(), liveMembers(cluster), now(),
                node.repository().config().id(), RESUME_WITHIN)
                .orTimeout(RECOVERY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                (runs, ex) -> new Recovered(ex == null ? runs : List.of()));
        ctx.getLog().info("backup coordinator started on {}", node.capabilities().node());
    }

    /** Requests about jobs wait while interrupted runs are being resumed. */
    private <T extends Command> Behavior<Command> unlessRecovering(T m, Function<T, Behavior<Command>> handler) {
        if (recovering) {
            stash.add(m);
            return this;
        }
        return handler.apply(m);
    }

    private Behavior<Command> onRecovered(Recovered r) {
        if (r.runs().isEmpty()) {
            return resumed(List.of());
        }
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
            List<Job> out = new ArrayList<>();
            for (JobHistory.Resumable run : r.runs()) {
                resumer.resume(run).ifPresent(out::add);
            }
            return out;
        }, node.blocking()), (jobs, ex) -> new Resumed(ex == null ? jobs : List.of()));
        return this;
    }

    private Behavior<Command> resumed(List<Job> resumedJobs) {
        for (Job j : resumedJobs) {
            jobs.put(j.id, j);
            latest = j;
            getContext().getLog().info("job {}: {}", j.id, j.resumed);
            event("job-resumed", "job " + j.id + " " + j.resumed);
        }
        recovering = false;
        stash.forEach(getContext().getSelf()::tell);
        stash.clear();
        resumedJobs.forEach(this::maybeFinish); // every task may have been done already
        dispatch();
        return this;
    }

    /** Members not downed or removed: a coordinator on any other node is gone for good. */
    private static java.util.Set<String> liveMembers(Cluster cluster) {
        java.util.Set<String> live = new java.util.HashSet<>();
        cluster.state().getMembers().forEach(mb -> {
            if (mb.status() != MemberStatus.down() && mb.status() != MemberStatus.removed()) {
                live.add(mb.address().toString());
            }
        });
        return live;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(StartBackup.class, m -> unlessRecovering(m, this::onStart))
                .onMessage(Prepared.class, this::onPrepared)
                .onMessage(GetJob.class, m -> unlessRecovering(m, this::onGetJob))
                .onMessage(Recovered.class, this::onRecovered)
                .onMessage(Resumed.class, m -> resumed(m.jobs()))
                .onMessage(RequestWork.class, this::onRequestWork)
                .onMessage(RenewLease.class, this::onRenew)
                .onMessage(TaskDone.class, this::onDone)
                .onMessage(TaskFailed.class, this::onFailed)
                .onMessage(TaskRejected.class, this::onRejected)
                .onMessage(NodeGone.class, this::onNodeGone)
                .onMessageEquals(Tick.INSTANCE, this::onTick)
                .onMessage(Finished.class, this::onFinished)
                .onSignal(PostStop.class, s -> onStop())
                .onMessage(Control.class, m -> unlessRecovering(m, this::onControl))
                .onMessage(GetProgress.class, m -> {
                    m.replyTo().tell(new JobProgressView(latest == null ? null : latest.progress(QUEUE_SHOWN),
                            List.copyOf(events), List.copyOf(log)));
                    return this;
                })
                .build();
    }

    private Instant now() {
        return node.clock().instant();
    }

    /** Records a discrete event for the dashboard, and its line in the log tail. */
    private void event(String kind, String message) {
        Instant t = now();
        events.addLast(new JobProgressView.Event(t.toEpochMilli(), kind, message));
        while (events.size() > EVENTS_KEPT) {
            events.removeFirst();
        }
        logLine(t, kind.equals("error") || kind.equals("job-failed") ? "ERROR" : "INFO", message);
    }

    private void logLine(Instant t, String level, String message) {
        log.addLast(t + " " + level + " " + message);
        while (log.size() > LOG_KEPT) {
            log.removeFirst();
        }
    }

    private Behavior<Command> onControl(Control m) {
        Job j = latest;
        if (j == null || !j.active()) {
            m.replyTo().tell(StatusReply.error(CONFLICT + "no backup job is running"));
            return this;
        }
        switch (m.action()) {
            case DirectoryWorker.Control.PAUSE -> {
                if (!j.paused) {
                    j.paused = true;
                    j.holders().forEach(w -> w.tell(new DirectoryWorker.Control(j.id, DirectoryWorker.Control.PAUSE)));
                    event("job-paused", "job " + j.id + " paused: no new tasks; running ones wait at their next chunk");
                }
            }
            case DirectoryWorker.Control.RESUME -> {
                if (j.paused) {
                    j.paused = false;
                    j.holders().forEach(w -> w.tell(new DirectoryWorker.Control(j.id, DirectoryWorker.Control.RESUME)));
                    event("job-resumed", "job " + j.id + " resumed");
                    dispatch();
                }
            }
            case DirectoryWorker.Control.STOP -> {
                if (j.finishing) {
                    m.replyTo().tell(StatusReply.error(CONFLICT + "job " + j.id
                            + " is already writing its snapshot; it cannot be stopped now"));
                    return this;
                }
                j.stop(now()).forEach(w -> w.tell(new DirectoryWorker.Control(j.id, DirectoryWorker.Control.STOP)));
                getContext().getLog().info("job {} stopped through the API", j.id);
                event("job-finished", "job " + j.id + " stopped: no snapshot written; uploaded data is kept for"
                        + " the next run");
            }
            default -> {
                m.replyTo().tell(StatusReply.error("unknown action " + m.action()));
                return this;
            }
        }
        m.replyTo().tell(StatusReply.success(j.id));
        return this;
    }

    private Behavior<Command> onStart(StartBackup m) {
        if (m.paths().isEmpty()) {
            m.replyTo().tell(StatusReply.error("nothing to back up: give at least one path"));
            return this;
        }
        try {
            new Excluder(m.excludes(), false, false); // the same check the workers' listing makes
        } catch (IllegalArgumentException e) {
            m.replyTo().tell(StatusReply.error("excludes: " + e.getMessage()));
            return this;
        }
        List<String> paths = JobFinisher.normalize(m.paths());
        for (String p : paths) {
            if (nodes.values().stream().noneMatch(c -> c.canRun(p))) {
                m.replyTo().tell(StatusReply.error("no node of the cluster can read " + p
                        + " (check each node's --source-root)"));
                return this;
            }
        }
        for (Job j : jobs.values()) {
            if (j.resumed != null && j.active() && j.paths.equals(paths) && j.hostname.equals(m.hostname())) {
                // the same job, interrupted and resumed here: the rerun follows it instead of starting over
                getContext().getLog().info("job {} ({}) is asked for again: it is the resumed one", j.id, paths);
                m.replyTo().tell(StatusReply.success(j.id));
                return this;
            }
        }
        StartBackup normalized = new StartBackup(paths, m.hostname(), m.tags(), m.excludes(), m.replyTo());
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
            node.lock().enter(); // the job's lock on this node: the trees and the snapshot are written here
            try {
                return finisher.findParent(paths, m.hostname());
            } catch (RuntimeException e) {
                node.lock().exit();
                throw e;
            }
        }, node.blocking()), (parent, ex) -> new Prepared(normalized, parent, ex));
        return this;
    }

    /** Releases the job's hold on this node's lock, once. */
    private void releaseLock(Job j) {
        if (j.lockHeld) {
            j.lockHeld = false;
            node.lock().exit();
        }
    }

    private Behavior<Command> onPrepared(Prepared p) {
        StartBackup m = p.request();
        if (p.failure() != null) {
            Throwable c = p.failure().getCause() != null ? p.failure().getCause() : p.failure();
            // a repository locked exclusively (restic check or prune): refused now, to be run again later
            m.replyTo().tell(StatusReply.error((c instanceof RepositoryLockedException
                    ? CONFLICT : "") + "cannot start the backup: " + c.getMessage()));
            return this;
        }
        String id = UUID.randomUUID().toString();
        JobFinisher.TreeSink sink = finisher.treeSink();
        Job job = new Job(id, m.paths(), m.hostname(), m.tags(), now(), p.parent().snapshot(), p.parent().trees(),
                sink::save);
        job.treeSink = sink;
        job.lockHeld = true;
        job.excludes = m.excludes();
        job.run = history.started(job.started, m.hostname(), m.paths(), m.tags(), node.capabilities().node(),
                List.copyOf(nodes.values()));
        history.checkpointStarted(job.run, id, node.repository().config().id(),
                p.parent().snapshot().map(Id::hex).orElse(null));
        jobs.put(id, job);
        latest = job;
        getContext().getLog().info("job {} started: {}", id, m.paths());
        event("job-started", "job " + id + " started: " + String.join(", ", m.paths()));
        m.replyTo().tell(StatusReply.success(id));
        dispatch();
        return this;
    }

    private Behavior<Command> onGetJob(GetJob m) {
        Job j = jobs.get(m.jobId());
        m.replyTo().tell(j == null ? JobView.unknown(m.jobId()) : j.view());
        return this;
    }

    private Behavior<Command> onRequestWork(RequestWork m) {
        if (gone.contains(m.capabilities().node())) {
            return this;
        }
        if (!m.capabilities().equals(nodes.put(m.capabilities().node(), m.capabilities()))) {
            history.nodeSeen(m.capabilities(), now()); // joined, came back, or changed
        }
        idle.put(m.worker(), m.capabilities());
        dispatch();
        return this;
    }

    /** Gives queued tasks to idle workers that can run them. */
    private void dispatch() {
        List<ActorRef<DirectoryWorker.Command>> served = new ArrayList<>();
        for (Map.Entry<ActorRef<DirectoryWorker.Command>, Capabilities> w : idle.entrySet()) {
            for (Job j : jobs.values()) {
                Optional<Job.Task> t = j.take(w.getValue(), now(), node.tuning().leaseDuration());
                if (t.isPresent()) {
                    Job.Task task = t.get();
                    task.worker = w.getKey();
                    w.getKey().tell(new DirectoryWorker.AssignTask(j.id, task.id, task.attempt, task.spec,
                            j.excludes));
                    served.add(w.getKey());
                    break;
                }
            }
        }
        served.forEach(idle::remove);
    }

    private Behavior<Command> onRenew(RenewLease m) {
        Job j = jobs.get(m.jobId());
        if (j != null) {
            j.renew(m.taskId(), m.attempt(), now(), node.tuning().leaseDuration());
        }
        return this;
    }

    /**
     * Applies a result. Trees that become complete are sealed here, on the actor: that is a
     * few kilobytes of JSON, zstd and AES per directory; the only I/O, a pack upload once
     * 16 MiB of trees have accumulated, is rare enough not to warrant a round trip through
     * the blocking dispatcher (and ordering stays trivially bottom-up).
     */
    private Behavior<Command> onDone(TaskDone m) {
        Job j = jobs.get(m.jobId());
        if (j == null) {
            return this;
        }
        try {
            if (j.complete(m.taskId(), m.attempt(), m.node(), m.outcome()) == Job.Accepted.STALE) {
                getContext().getLog().info("ignored a late result of task {} attempt {} from {}", m.taskId(),
                        m.attempt(), m.node());
                return this;
            }
        } catch (RuntimeException e) {
            j.fail("cannot assemble the snapshot's trees: " + e.getMessage());
            j.ended(now());
            getContext().getLog().error("job {} failed: {}", j.id, j.error);
            event("job-failed", "job " + j.id + " failed: " + j.error);
            return this;
        }
        event("directory-completed", j.progress(0).lastCompletedDirectory() + ": " + m.outcome().files()
                + " files, " + m.outcome().bytes() + " bytes, on " + m.node());
        m.outcome().errors().stream().limit(20).forEach(e -> event("error", e));
        maybeFinish(j);
        dispatch();
        return this;
    }

    private Behavior<Command> onFailed(TaskFailed m) {
        Job j = jobs.get(m.jobId());
        if (j == null || !j.active()) {
            return this;
        }
        j.current(m.taskId(), m.attempt()).ifPresent(t -> {
            t.failures++;
            j.attemptFailed(t);
            event("error", "task " + t.spec.path() + " failed on " + m.node() + ": " + m.reason());
            if (m.fatal() || t.failures >= Job.MAX_FAILURES) {
                j.fail(m.reason());
                j.ended(now());
                getContext().getLog().error("job {} failed: {}", j.id, m.reason());
                event("job-failed", "job " + j.id + " failed: " + m.reason());
            } else {
                j.requeue(t, false);
                dispatch();
            }
        });
        return this;
    }

    private Behavior<Command> onRejected(TaskRejected m) {
        Job j = jobs.get(m.jobId());
        if (j != null) {
            j.current(m.taskId(), m.attempt()).ifPresent(t -> j.requeue(t, false));
            dispatch();
        }
        return this;
    }

    private Behavior<Command> onNodeGone(NodeGone m) {
        if (m.node() == null || node.capabilities().node().equals(m.node())) {
            return this;
        }
        nodes.remove(m.node());
        if (m.permanent()) {
            gone.add(m.node());
        }
        idle.values().removeIf(c -> c.node().equals(m.node()));
        for (Job j : jobs.values()) {
            for (Job.Task t : j.leased(m.node(), now())) {
                getContext().getLog().warn("node {} {}: task {} ({}) goes to another worker", m.node(), m.why(), t.id,
                        t.spec.path());
                event("task-reassigned", "node " + m.node() + " " + m.why() + ": " + t.spec.path()
                        + " goes to another worker");
                j.requeue(t, true);
            }
        }
        dispatch();
        return this;
    }

    private Behavior<Command> onTick() {
        for (Job j : jobs.values()) {
            Optional<String> lost = j.lockHeld && j.active() && !j.finishing ? node.lock().lost()
                    : Optional.empty();
            if (lost.isPresent()) {
                j.fail(lost.get());
                j.ended(now());
                getContext().getLog().error("job {} failed: {}", j.id, lost.get());
                event("job-failed", "job " + j.id + " failed: " + lost.get());
                continue;
            }
            for (Job.Task t : j.leased(null, now())) {
                getContext().getLog().warn("lease of task {} ({}) on {} expired: it goes to another worker", t.id,
                        t.spec.path(), t.holder);
                event("task-reassigned", "lease of " + t.spec.path() + " on " + t.holder
                        + " expired: it goes to another worker");
                j.requeue(t, true);
            }
        }
        dispatch();
        record();
        return this;
    }

    /**
     * Hands the catalog what changed: buffered directory results, and the end of every job
     * that ended by any path (here, at the latest on the next tick).
     */
    private void record() {
        for (Job j : jobs.values()) {
            if (j.endUnrecorded()) {
                j.recorded = true;
                history.finished(j.run, j.finishRecord(now()), j.reusedTasks(), j.tasksRun());
                releaseLock(j);
                if (!j.finishing) {
                    j.treeSink = null; // its pack buffers (a pack and an eighth): a daemon runs thousands of jobs
                }
            } else {
                history.checkpoint(j.run, j.drainCheckpoint());
                if (j.pendingDirectories() >= DIRECTORY_BATCH) {
                    history.directories(j.run, j.drainDirectories());
                }
            }
        }
    }

    /** The coordinator stops (its node leaves or shuts down): jobs still running end here. */
    private Behavior<Command> onStop() {
        record();
        for (Job j : jobs.values()) {
            if (JobView.RUNNING.equals(j.state) && !j.recorded) {
                j.recorded = true;
                history.finished(j.run, j.abandonRecord(now(), "the job was lost: the coordinator on "
                        + node.capabilities().node() + " stopped before it ended"), j.reusedTasks(), j.tasksRun());
                releaseLock(j);
            }
        }
        // blocking, but the actor is gone: the next coordinator must read the run as ended, not resume it
        history.flush(Duration.ofSeconds(5));
        return this;
    }

    private void maybeFinish(Job j) {
        if (j.finishing || !j.treesComplete() || !JobView.RUNNING.equals(j.state)) {
            return;
        }
        j.finishing = true;
        getContext().pipeToSelf(CompletableFuture.supplyAsync(() -> {
            node.lock().lost().ifPresent(why -> {
                throw new RepositoryLockedException(why);
            });
            return finisher.finish(j);
        }, node.blocking()), (r, ex) -> new Finished(j.id, r, ex));
    }

    private Behavior<Command> onFinished(Finished f) {
        Job j = jobs.get(f.jobId());
        if (f.failure() != null) {
            Throwable c = f.failure().getCause() != null ? f.failure().getCause() : f.failure();
            j.fail("cannot write the snapshot: " + c.getMessage());
            j.ended(now());
            getContext().getLog().error("job {} failed: {}", j.id, j.error);
            event("job-failed", "job " + j.id + " failed: " + j.error);
        } else {
            j.succeed(f.result().snapshotId().hex(), f.result().treeBytesAdded(), now());
            getContext().getLog().info("job {} done: snapshot {}, {} nodes, {} reassigned tasks", j.id,
                    f.result().snapshotId().hex(), j.summary.nodes(), j.reassigned());
            event("job-finished", "job " + j.id + " done: snapshot " + f.result().snapshotId().hex().substring(0, 8)
                    + ", " + j.summary.files() + " files, " + j.summary.nodes() + " nodes, " + j.reassigned()
                    + " reassigned tasks");
        }
        record();
        j.treeSink = null;
        forgetOldJobs();
        return this;
    }

    /** Ended jobs kept for {@code GetJob} (clients following them); older ones are dropped. */
    static final int ENDED_KEPT = 100;

    private void forgetOldJobs() {
        long ended = jobs.values().stream().filter(j -> j.recorded && !j.active()).count();
        for (Iterator<Job> it = jobs.values().iterator(); it.hasNext() && ended > ENDED_KEPT; ) {
            Job j = it.next();
            if (j.recorded && !j.active() && j != latest) {
                it.remove();
                ended--;
            }
        }
    }
}
