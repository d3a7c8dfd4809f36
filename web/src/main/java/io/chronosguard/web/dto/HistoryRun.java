package io.chronosguard.web.dto;

import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunRecord;
import java.time.Instant;
import java.util.List;

/**
 * A backup run from the history catalog ({@code GET /api/history}); counts are null when the
 * run does not know them (imported legacy runs), {@code finishedAt} while it runs.
 */
public record HistoryRun(long id, String source, String startedAt, String finishedAt, String outcome,
        boolean dryRun, Long files, Long filesNew, Long filesChanged, Long filesUnmodified, Long bytes,
        Long dataAdded, Double durationSeconds, String snapshotId, String host, List<String> paths,
        List<String> tags, List<String> nodes, Long reassignedTasks, Long errorCount, List<RunError> errors) {

    public static HistoryRun of(RunRecord r) {
        return new HistoryRun(r.id(), r.source(), text(r.startedAt()), text(r.finishedAt()), r.outcome(), r.dryRun(),
                r.files(), r.filesNew(), r.filesChanged(), r.filesUnmodified(), r.bytes(), r.dataAdded(),
                r.durationSeconds(), r.snapshotId(), r.host(), r.paths(), r.tags(), r.nodes(), r.reassignedTasks(),
                r.errorCount(), r.errors());
    }

    private static String text(Instant t) {
        return t == null ? null : t.toString();
    }
}
