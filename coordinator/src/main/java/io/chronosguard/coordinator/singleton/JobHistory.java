package io.chronosguard.coordinator.singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.Checkpoint;
import io.chronosguard.engine.catalog.CheckpointTask;
import io.chronosguard.engine.catalog.ClusterRunFinish;
import io.chronosguard.engine.catalog.DirectoryResult;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.engine.catalog.RunSource;
import io.chronosguard.engine.catalog.RunStart;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the coordinator's jobs in the node's history catalog: a run when a job starts,
 * per-directory results as they pile up, the end with outcome and counts, and the nodes seen
 * with their capabilities. Catalog calls are blocking JDBC, so every one runs in order on this
 * recorder's own thread and the actor never waits for them. The catalog is a by-product: when
 * it cannot be opened or written, this logs one warning and the jobs carry on.
 *
 * <p>A job whose coordinator died leaves its run {@code running}; when a coordinator starts it
 * resumes such runs from their checkpoint ({@link #recover}), or ends them as {@code unknown}
 * when there is none ({@link #sweep}).
 */
public final class JobHistory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobHistory.class);
    private static final long RETRY_OPEN_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    /** One job's run: its catalog id once the start is recorded (touched on the writer thread only). */
    static final class Run {
        private long id = -1;

        /** The run of a resumed job, already in the catalog. */
        static Run of(long id) {
            Run r = new Run();
            r.id = id;
            return r;
        }
    }

    /** A running job's checkpoint found by {@link #recover}: its run and its finished tasks, in order. */
    record Resumable(Checkpoint checkpoint, List<CheckpointTask> tasks) {
    }

    private final Supplier<Catalog> opener;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "chronosguard-catalog");
        t.setDaemon(true);
        return t;
    });
    private Catalog catalog;
    /** When opening last failed (nanoTime), so a catalog that is down is not retried for every record. */
    private long openFailedAt;
    private boolean openFailed;
    private boolean warned;

    /** @param opener opens the catalog; called on first use, on the recorder's thread */
    public JobHistory(Supplier<Catalog> opener) {
        this.opener = opener;
    }

    /**
     * Records that a job started, and that the nodes in {@code seen} were there (their last
     * sighting); the returned handle names the job's run in the other calls.
     */
    Run started(Instant at, String host, List<String> paths, List<String> tags, String coordinator,
            List<Capabilities> seen) {
        Run run = new Run();
        submit(c -> run.id = c.startRun(new RunStart(at, false, host, paths, tags, List.of(coordinator))));
        seen.forEach(caps -> nodeSeen(caps, at));
        return run;
    }

    void directories(Run run, List<DirectoryResult> results) {
        if (!results.isEmpty()) {
            submit(c -> {
                if (run.id >= 0) {
                    c.addDirectoryResults(run.id, results);
                }
            });
        }
    }

    void finished(Run run, ClusterRunFinish finish) {
        submit(c -> {
            if (run.id >= 0) {
                c.finishClusterRun(run.id, finish);
            }
        });
    }

    /** The job ended: its run is completed with the task counts, and its checkpoint deleted. */
    void finished(Run run, ClusterRunFinish finish, long reusedTasks, long tasksRun) {
        finished(run, finish);
        submit(c -> {
            if (run.id >= 0) {
                c.recordTaskCounts(run.id, reusedTasks, tasksRun);
                c.deleteCheckpoint(run.id);
            }
        });
    }

    /** Starts the checkpoint of {@code run} (after its start is recorded). */
    void checkpointStarted(Run run, String jobId, String repositoryId, String parentSnapshot) {
        submit(c -> {
            if (run.id >= 0) {
                c.startCheckpoint(run.id, jobId, repositoryId, parentSnapshot);
            }
        });
    }

    /** Adds finished tasks to {@code run}'s checkpoint, in one transaction. */
    void checkpoint(Run run, List<Job.Finished> finished) {
        if (finished.isEmpty()) {
            return;
        }
        submit(c -> {
            if (run.id >= 0) {
                c.addCheckpointTasks(run.id, finished.stream().map(Checkpoints::encode).toList());
            }
        });
    }

    /**
     * Like {@link #sweep}, but a stale run with a checkpoint for {@code repositoryId} that started
     * within {@code maxAge} stays {@code running} and is returned, to be resumed; other
     * checkpoints of that repository whose run is not resumable are deleted. The future completes
     * on the recorder's thread (with nothing when the catalog cannot be read).
     */
    CompletableFuture<List<Resumable>> recover(String self, Set<String> members, Instant at, String repositoryId,
            Duration maxAge) {
        CompletableFuture<List<Resumable>> out = new CompletableFuture<>();
        boolean queued = submit(c -> {
            Map<Long, Checkpoint> kept = new HashMap<>();
            for (Checkpoint k : c.checkpoints(repositoryId)) {
                kept.put(k.run().id(), k);
            }
            List<Resumable> resumable = new ArrayList<>();
            for (RunRecord r : c.history(new HistoryQuery(null, Outcome.RUNNING.wire(), RunSource.CHRONOSGUARD.wire(),
                    0))) {
                if (r.nodes().isEmpty() || !stale(r.nodes().get(0), self, members)) {
                    kept.remove(r.id());
                    continue;
                }
                Checkpoint k = kept.remove(r.id());
                if (k != null && r.startedAt().isAfter(at.minus(maxAge))) {
                    resumable.add(new Resumable(k, c.checkpointTasks(r.id())));
                    LOG.info("run {} of coordinator {} was left running: resuming it ({} tasks already stored)",
                            r.id(), r.nodes().get(0), k.tasks());
                } else if (c.abandonRun(r.id(), Outcome.UNKNOWN, at, "the coordinator on " + r.nodes().get(0)
                        + " stopped before the job ended; whether it wrote a snapshot is unknown")) {
                    LOG.warn("run {} of coordinator {} was left running: recorded as unknown", r.id(),
                            r.nodes().get(0));
                }
            }
            for (Checkpoint k : c.checkpoints(repositoryId)) {
                if (resumable.stream().noneMatch(x -> x.checkpoint().run().id() == k.run().id())
                        && !"running".equals(k.run().outcome())) {
                    c.deleteCheckpoint(k.run().id());
                }
            }
            out.complete(resumable);
        }, () -> out.complete(List.of()));
        if (!queued) {
            out.complete(List.of());
        }
        return out;
    }

    /** Records that {@code caps.node()} was seen with these capabilities. */
    void nodeSeen(Capabilities caps, Instant at) {
        String json;
        try {
            json = JSON.writeValueAsString(caps);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("capabilities always serialise", e);
        }
        String address = caps.node().contains("@") ? caps.node().substring(caps.node().indexOf('@') + 1) : caps.node();
        submit(c -> c.upsertNode(caps.node(), address, json, at));
    }

    /**
     * Ends, as {@code unknown}, every cluster run still {@code running} whose coordinator is
     * gone: a coordinator that is no longer a member of the cluster, or this very node (a new
     * coordinator here has no job yet, so a running run of this address is from before).
     */
    void sweep(String self, Set<String> members, Instant at) {
        submit(c -> {
            for (RunRecord r : c.history(new HistoryQuery(null, Outcome.RUNNING.wire(), RunSource.CHRONOSGUARD.wire(),
                    0))) {
                if (!r.nodes().isEmpty() && stale(r.nodes().get(0), self, members)
                        && c.abandonRun(r.id(), Outcome.UNKNOWN, at, "the coordinator on " + r.nodes().get(0)
                                + " stopped before the job ended; whether it wrote a snapshot is unknown")) {
                    LOG.warn("run {} of coordinator {} was left running: recorded as unknown", r.id(),
                            r.nodes().get(0));
                }
            }
        });
    }

    static boolean stale(String coordinator, String self, Set<String> members) {
        return coordinator.equals(self) || !members.contains(coordinator);
    }

    /**
     * Waits up to {@code max} until every record queued so far is written. Only for a stopping
     * coordinator: its successor reads the catalog at start and must not find the run still
     * {@code running} with a checkpoint, or it would resume a job this one has just ended.
     */
    void flush(Duration max) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!submit(c -> done.complete(null), () -> done.complete(null))) {
            return;
        }
        try {
            done.get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("the history catalog did not take the stopping coordinator's records within {}", max);
        }
    }

    /** Catalog work that may throw. */
    @FunctionalInterface
    private interface Work {
        void run(Catalog c);
    }

    private void submit(Work w) {
        submit(w, () -> { });
    }

    /** Queues {@code w}; {@code failed} runs (on the writer) when it could not run. False when closed. */
    private boolean submit(Work w, Runnable failed) {
        try {
            writer.execute(() -> {
                try {
                    if (catalog == null) {
                        if (openFailed && System.nanoTime() - openFailedAt < RETRY_OPEN_NANOS) {
                            failed.run();
                            return;
                        }
                        openFailed = true;
                        openFailedAt = System.nanoTime();
                        catalog = opener.get();
                        openFailed = false;
                    }
                    w.run(catalog);
                } catch (RuntimeException e) {
                    warn(e);
                    failed.run();
                }
            });
            return true;
        } catch (RejectedExecutionException closed) {
            LOG.debug("catalog recorder closed: dropped a record");
            return false;
        }
    }

    private void warn(RuntimeException e) {
        if (!warned) {
            warned = true;
            LOG.warn("cluster jobs are not fully recorded in the history catalog: {}", e.getMessage());
        }
    }

    /** Writes what is queued (waiting up to 15 s), then closes the catalog. Idempotent. */
    @Override
    public void close() {
        if (writer.isShutdown()) {
            return;
        }
        try {
            writer.execute(() -> {
                if (catalog != null) {
                    catalog.close();
                    catalog = null;
                }
            });
        } catch (RejectedExecutionException raced) {
            return;
        }
        writer.shutdown();
        try {
            if (!writer.awaitTermination(15, TimeUnit.SECONDS)) {
                LOG.warn("the history catalog did not take the last job records within 15 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
