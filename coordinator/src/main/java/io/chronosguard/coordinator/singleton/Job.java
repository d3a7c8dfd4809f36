package io.chronosguard.coordinator.singleton;

import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.protocol.JobView;
import io.chronosguard.coordinator.worker.DirectoryWorker;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.coordinator.protocol.TaskSpec;
import io.chronosguard.engine.catalog.ClusterRunFinish;
import io.chronosguard.engine.catalog.DirectoryResult;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Tree;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * One distributed backup's bookkeeping: its queue, the lease of every running task, the
 * attempt numbers that make a superseded attempt's late result harmless, and counters.
 * Plain Java taking the time as an argument, so tests drive it without actors.
 */
final class Job {
    /** A task and its current attempt; {@code holder} is the node whose worker holds the lease. */
    static final class Task {
        final long id;
        final TreeAssembly.Dir dir;
        final TaskSpec spec;
        int attempt;
        int failures;
        String holder;
        /** The worker holding the lease (to pause or stop it), or null. */
        ActorRef<DirectoryWorker.Command> worker;
        Instant leaseUntil;
        boolean done;

        Task(long id, TreeAssembly.Dir dir, TaskSpec spec) {
            this.id = id;
            this.dir = dir;
            this.spec = spec;
        }
    }

    /** A finished task for the checkpoint: {@code seq} orders it among the job's finished tasks. */
    record Finished(long seq, TaskSpec spec, String node, TaskOutcome outcome) {
    }

    /** What a result did: accepted, or ignored because it came from a superseded attempt. */
    enum Accepted { YES, STALE }

    static final int MAX_FAILURES = 3;

    final String id;
    final List<String> paths;
    final String hostname;
    final List<String> tags;
    final Instant started;
    final Optional<Id> parentSnapshot;
    private final TreeAssembly assembly;
    private final Map<Long, Task> tasks = new HashMap<>();
    private final Deque<Task> queue = new ArrayDeque<>();
    private final Set<String> nodesUsed = new TreeSet<>();
    private final List<String> errors = new ArrayList<>();
    private long nextTask;
    private long tasksDone;
    private long files;
    private long bytes;
    private long dataAdded;
    private int reassigned;
    private long bytesNew;
    private long bytesDeduplicated;
    private String lastCompleted;
    private Instant ended;
    /** Paused: no task is handed out; running ones wait at their next chunk. The state stays running. */
    boolean paused;
    String state = JobView.RUNNING;
    String error;
    JobView.Summary summary;
    boolean finishing;
    JobFinisher.TreeSink treeSink;
    /** Its run in the history catalog, and whether its end is recorded. */
    JobHistory.Run run;
    boolean recorded;
    /** Per-directory results not yet handed to the catalog. */
    private List<DirectoryResult> directories = new ArrayList<>();
    /** Finished tasks not yet in the checkpoint, and the next one's sequence number. */
    private List<Finished> checkpoint = new ArrayList<>();
    private long nextSeq;
    /** Tasks taken from a checkpoint instead of being run (a resumed job). */
    private long reused;
    /** Set when the job resumes an interrupted run: what the operator is told. */
    String resumed;
    /** restic exclude patterns every worker applies to its listings (not kept by a resumed job's checkpoint). */
    List<String> excludes = List.of();
    /** Whether the job holds the coordinator node's lock (released once when it ends). */
    boolean lockHeld;

    Job(String id, List<String> paths, String hostname, List<String> tags, Instant started,
            Optional<Id> parentSnapshot, Map<String, Id> parentTrees, Function<Tree, Id> saveTree) {
        this(id, paths, hostname, tags, started, parentSnapshot, parentTrees, saveTree, 0);
    }

    /**
     * @param firstTaskId where task ids start: a resumed job keeps its job id, so its task ids must
     *                    differ from the interrupted run's, whose late results may still arrive
     */
    Job(String id, List<String> paths, String hostname, List<String> tags, Instant started,
            Optional<Id> parentSnapshot, Map<String, Id> parentTrees, Function<Tree, Id> saveTree,
            long firstTaskId) {
        this.nextTask = firstTaskId;
        this.id = id;
        this.paths = List.copyOf(paths);
        this.hostname = hostname;
        this.tags = List.copyOf(tags);
        this.started = started;
        this.parentSnapshot = parentSnapshot;
        this.assembly = new TreeAssembly(paths, saveTree);
        enqueue(assembly.start(parentTrees));
    }

    private List<Task> enqueue(List<TreeAssembly.NewTask> news) {
        List<Task> out = new ArrayList<>();
        for (TreeAssembly.NewTask n : news) {
            Task t = new Task(nextTask++, n.dir(), n.spec());
            tasks.put(t.id, t);
            queue.addLast(t);
            out.add(t);
        }
        return out;
    }

    /**
     * Applies an interrupted run's finished tasks, in the order they were accepted, as if their
     * results had just arrived, so only the rest is queued. A task the queue does not hold (the
     * directory changed into a file since, say) is skipped, and with it whatever it found: those
     * directories are simply run again. Returns how many were reused.
     */
    long replay(List<io.chronosguard.engine.catalog.CheckpointTask> done) {
        Map<String, Task> queued = new HashMap<>();
        queue.forEach(t -> queued.put(Checkpoints.key(t.spec.path(), t.spec.from(), t.spec.to()), t));
        for (io.chronosguard.engine.catalog.CheckpointTask c : done) {
            nextSeq = Math.max(nextSeq, c.seq() + 1);
            Task t = queued.remove(Checkpoints.key(c.path(), c.from(), c.to()));
            if (t == null) {
                continue;
            }
            TaskOutcome o = Checkpoints.outcome(c);
            queue.remove(t);
            tasks.remove(t.id);
            t.done = true;
            reused++;
            if (c.node() != null) {
                nodesUsed.add(c.node());
            }
            // the dead coordinator may not have recorded it yet (directory rows go out in batches)
            directories.add(new DirectoryResult(c.path(), c.node(), o.files(), o.bytes(), "reused"));
            count(o);
            for (Task n : enqueue(assembly.apply(t.dir, t.spec, o))) {
                queued.put(Checkpoints.key(n.spec.path(), n.spec.from(), n.spec.to()), n);
            }
        }
        return reused;
    }

    private void count(TaskOutcome o) {
        files += o.files();
        bytes += o.bytes();
        dataAdded += o.dataAdded();
        errors.addAll(o.errors());
    }

    long reusedTasks() {
        return reused;
    }

    long tasksRun() {
        return tasksDone;
    }

    /** The finished tasks since the last call, for the checkpoint. */
    List<Finished> drainCheckpoint() {
        List<Finished> out = checkpoint;
        checkpoint = new ArrayList<>();
        return out;
    }

    /** Takes the first queued task {@code caps} can run and leases it to {@code node} until {@code now + lease}. */
    Optional<Task> take(Capabilities caps, Instant now, Duration lease) {
        if (!JobView.RUNNING.equals(state) || paused) {
            return Optional.empty();
        }
        for (Iterator<Task> it = queue.iterator(); it.hasNext(); ) {
            Task t = it.next();
            if (caps.canRun(t.spec.path())) {
                it.remove();
                t.attempt++;
                t.holder = caps.node();
                t.leaseUntil = now.plus(lease);
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** Puts a leased task back at the head of the queue; its current attempt becomes superseded. */
    void requeue(Task t, boolean countAsReassigned) {
        if (countAsReassigned) {
            directories.add(new DirectoryResult(t.spec.path(), t.holder, 0, 0, "reassigned"));
        }
        t.holder = null;
        t.worker = null;
        t.leaseUntil = null;
        t.attempt++;
        queue.addFirst(t);
        if (countAsReassigned) {
            reassigned++;
        }
    }

    /** The running task for {@code (taskId, attempt)}, or empty when that attempt is superseded or done. */
    Optional<Task> current(long taskId, int attempt) {
        Task t = tasks.get(taskId);
        return t != null && !t.done && t.attempt == attempt && t.holder != null ? Optional.of(t) : Optional.empty();
    }

    Accepted complete(long taskId, int attempt, String node, TaskOutcome o) {
        Optional<Task> cur = current(taskId, attempt);
        if (cur.isEmpty() || !JobView.RUNNING.equals(state)) {
            return Accepted.STALE;
        }
        Task t = cur.get();
        t.done = true;
        t.holder = null;
        t.worker = null;
        tasks.remove(t.id);
        lastCompleted = t.spec.path();
        bytesNew += o.bytesNew();
        bytesDeduplicated += o.bytesDeduplicated();
        tasksDone++;
        nodesUsed.add(node);
        directories.add(new DirectoryResult(t.spec.path(), node, o.files(), o.bytes(), "done"));
        count(o);
        checkpoint.add(new Finished(nextSeq++, t.spec, node, o));
        enqueue(assembly.apply(t.dir, t.spec, o));
        return Accepted.YES;
    }

    /** Every task whose lease {@code node} holds, or that expired by {@code now} when {@code node} is null. */
    List<Task> leased(String node, Instant now) {
        List<Task> out = new ArrayList<>();
        for (Task t : tasks.values()) {
            if (t.holder != null && (node != null ? node.equals(t.holder) : t.leaseUntil.isBefore(now))) {
                out.add(t);
            }
        }
        return out;
    }

    void renew(long taskId, int attempt, Instant now, Duration lease) {
        current(taskId, attempt).ifPresent(t -> t.leaseUntil = now.plus(lease));
    }

    /** A worker on {@code t}'s holder failed the task; it is retried or fails the job. */
    void attemptFailed(Task t) {
        directories.add(new DirectoryResult(t.spec.path(), t.holder, 0, 0, "failed"));
    }

    /** The per-directory results since the last call. */
    List<DirectoryResult> drainDirectories() {
        List<DirectoryResult> out = directories;
        directories = new ArrayList<>();
        return out;
    }

    int pendingDirectories() {
        return directories.size();
    }

    /** Whether the job has ended (by any path) and its end is not recorded yet. */
    boolean endUnrecorded() {
        return !recorded && !JobView.RUNNING.equals(state);
    }

    /** The catalog record of the job's end: success, partial when some paths failed, failed, cancelled. */
    ClusterRunFinish finishRecord(Instant now) {
        Outcome outcome = switch (state) {
            case JobView.SUCCEEDED -> errors.isEmpty() ? Outcome.SUCCESS : Outcome.PARTIAL;
            case JobView.FAILED -> Outcome.FAILED;
            case "cancelled", "stopped" -> Outcome.CANCELLED; // stopped by the operator: no snapshot
            default -> Outcome.UNKNOWN;
        };
        return record(now, outcome, error);
    }

    /**
     * The record of a job whose coordinator stops before it ends: failed, or unknown when the
     * snapshot was being written (it may have been).
     */
    ClusterRunFinish abandonRecord(Instant now, String why) {
        return record(now, finishing ? Outcome.UNKNOWN : Outcome.FAILED, why);
    }

    private ClusterRunFinish record(Instant now, Outcome outcome, String jobError) {
        List<RunError> errs = new ArrayList<>();
        for (String e : errors) {
            int sep = e.indexOf(": ");
            errs.add(sep > 0 ? new RunError(e.substring(0, sep), e.substring(sep + 2)) : new RunError(null, e));
        }
        if (jobError != null) {
            errs.add(new RunError(null, jobError));
        }
        boolean ok = summary != null;
        return new ClusterRunFinish(now, outcome, files, bytes, ok ? summary.dataAdded() : dataAdded,
                ok ? summary.durationS() : Duration.between(started, now).toMillis() / 1000.0,
                ok ? summary.snapshotId() : null,
                List.copyOf(nodesUsed), reassigned, errs, drainDirectories());
    }

    boolean treesComplete() {
        return assembly.complete();
    }

    Id buildRoot() {
        return assembly.buildRoot();
    }

    void fail(String why) {
        state = JobView.FAILED;
        error = why;
        queue.clear();
    }

    /** Stopped by the operator: no snapshot; returns the workers still holding tasks, to cancel them. */
    List<ActorRef<DirectoryWorker.Command>> stop(Instant now) {
        List<ActorRef<DirectoryWorker.Command>> running = holders();
        state = JobView.STOPPED;
        error = "the backup was stopped through the API; no snapshot was written (data already uploaded is"
                + " reused by the next run)";
        paused = false;
        queue.clear();
        ended = now;
        return running;
    }

    /** The workers holding a task of this job. */
    List<ActorRef<DirectoryWorker.Command>> holders() {
        List<ActorRef<DirectoryWorker.Command>> out = new ArrayList<>();
        for (Task t : tasks.values()) {
            if (t.holder != null && t.worker != null) {
                out.add(t.worker);
            }
        }
        return out;
    }

    boolean active() {
        return JobView.RUNNING.equals(state);
    }

    void ended(Instant now) {
        ended = now;
    }

    /** The live view: {@code queueShown} next directories, and the counts of the completed tasks. */
    JobProgressView.Job progress(int queueShown) {
        List<String> next = new ArrayList<>();
        for (Task t : queue) {
            if (next.size() >= queueShown) {
                break;
            }
            next.add(t.spec.from() == null && t.spec.to() == null ? t.spec.path()
                    : t.spec.path() + " [" + (t.spec.from() == null ? "" : t.spec.from()) + ".."
                            + (t.spec.to() == null ? "" : t.spec.to()) + ")");
        }
        long running = tasks.values().stream().filter(t -> t.holder != null).count();
        String shown = active() && paused ? "paused" : active() && finishing ? "finishing" : state;
        return new JobProgressView.Job(id, shown, paths, started.toEpochMilli(),
                ended == null ? 0 : ended.toEpochMilli(), lastCompleted, next, queue.size(), running, tasksDone, files,
                bytes, bytesNew, bytesDeduplicated, errors.size(), reassigned,
                summary == null ? null : summary.snapshotId(), error);
    }

    void succeed(String snapshotId, long treeBytesAdded, Instant now) {
        ended = now;
        state = JobView.SUCCEEDED;
        summary = new JobView.Summary(snapshotId, files, bytes, dataAdded + treeBytesAdded, nodesUsed.size(),
                reassigned, Duration.between(started, now).toMillis() / 1000.0, errors);
    }

    int reassigned() {
        return reassigned;
    }

    JobView view() {
        long running = tasks.values().stream().filter(t -> t.holder != null).count();
        return new JobView(id, state, error, tasksDone, queue.size(), running, files, bytes, summary, reused,
                resumed);
    }
}
