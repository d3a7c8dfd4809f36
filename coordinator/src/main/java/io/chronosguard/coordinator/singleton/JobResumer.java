package io.chronosguard.coordinator.singleton;

import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.engine.catalog.ClusterRunFinish;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns an interrupted run found in the catalog back into a running {@link Job} (blocking; the
 * coordinator calls it on the node's blocking executor): takes the node's lock, finds the
 * parent snapshot again, and replays the checkpoint's finished tasks, so only the rest is
 * queued. The job keeps its id (a client following it goes on), but its task ids start far
 * above the interrupted run's, whose late results are then ignored as stale.
 */
final class JobResumer {
    private static final Logger LOG = LoggerFactory.getLogger(JobResumer.class);

    private final NodeServices node;
    private final JobFinisher finisher;
    private final JobHistory history;

    JobResumer(NodeServices node, JobFinisher finisher, JobHistory history) {
        this.node = node;
        this.finisher = finisher;
        this.history = history;
    }

    /** The run as a job again; empty when it cannot resume (the run then ends failed, its checkpoint dropped). */
    Optional<Job> resume(JobHistory.Resumable r) {
        RunRecord run = r.checkpoint().run();
        JobHistory.Run handle = JobHistory.Run.of(run.id());
        try {
            node.lock().enter();
        } catch (RuntimeException e) {
            abandon(handle, run.startedAt(), "cannot resume the interrupted job: " + e.getMessage());
            return Optional.empty();
        }
        try {
            JobFinisher.Parent parent = finisher.findParent(run.paths(), run.host());
            JobFinisher.TreeSink sink = finisher.treeSink();
            Instant now = node.clock().instant();
            Job job = new Job(r.checkpoint().jobId(), run.paths(), run.host(), run.tags(), run.startedAt(),
                    parent.snapshot(), parent.trees(), sink::save, now.toEpochMilli() * 1_000_000L);
            job.treeSink = sink;
            job.run = handle;
            job.lockHeld = true;
            long reused = job.replay(r.tasks());
            job.resumed = "resuming run " + run.id() + ": " + reused + " of " + (reused + job.view().tasksQueued())
                    + " directories already stored";
            return Optional.of(job);
        } catch (RuntimeException e) {
            node.lock().exit();
            abandon(handle, run.startedAt(), "cannot resume the interrupted job: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void abandon(JobHistory.Run run, Instant started, String why) {
        LOG.error("run: {}", why);
        Instant t = node.clock().instant();
        history.finished(run, new ClusterRunFinish(t, Outcome.FAILED, 0, 0, 0,
                Duration.between(started, t).toMillis() / 1000.0, null, List.of(), 0, List.of(new RunError(null, why)),
                List.of()), 0, 0);
    }
}
