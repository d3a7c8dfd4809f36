package io.chronosguard.engine.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a ChronosGuard run did, recorded when it ends; see {@link Catalog#finishRun}.
 *
 * @param bytes      bytes of file content processed
 * @param dataAdded  bytes added to the repository (after dedup and compression)
 * @param snapshotId the snapshot written, null for a dry run or a failed run
 * @param errors     errors not yet recorded with {@link Catalog#addErrors}
 */
public record RunFinish(Instant finishedAt, Outcome outcome, long filesNew, long filesChanged, long filesUnmodified,
        long bytes, long dataAdded, double durationSeconds, String snapshotId, long reassignedTasks,
        List<RunError> errors) {
    public RunFinish {
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(outcome, "outcome");
        if (outcome == Outcome.RUNNING) {
            throw new IllegalArgumentException("a finished run cannot have outcome running");
        }
        errors = List.copyOf(errors);
    }
}
