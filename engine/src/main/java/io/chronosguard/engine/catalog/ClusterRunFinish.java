package io.chronosguard.engine.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a cluster run did, recorded when it ends; see {@link Catalog#finishClusterRun}. A
 * cluster job counts files as a whole (not new/changed/unmodified), so only the total is set.
 *
 * @param bytes       bytes of file content processed
 * @param dataAdded   bytes added to the repository (after dedup and compression)
 * @param snapshotId  the snapshot written, null when none was
 * @param nodes       the nodes whose workers completed tasks of the run
 * @param errors      errors not yet recorded with {@link Catalog#addErrors}
 * @param directories per-directory results not yet recorded with {@link Catalog#addDirectoryResults}
 */
public record ClusterRunFinish(Instant finishedAt, Outcome outcome, long files, long bytes, long dataAdded,
        double durationSeconds, String snapshotId, List<String> nodes, long reassignedTasks, List<RunError> errors,
        List<DirectoryResult> directories) {
    public ClusterRunFinish {
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.RUNNING) {
            throw new IllegalArgumentException("a finished run cannot have outcome running");
        }
        nodes = List.copyOf(nodes);
        errors = List.copyOf(errors);
        directories = List.copyOf(directories);
    }
}
