package io.chronosguard.engine.catalog;

import java.time.Instant;
import java.util.List;

/**
 * One run as the catalog holds it. Boxed and String fields are null when unknown (legacy
 * runs know less; a run still going has no end). {@code files} is the total of files
 * processed; for ChronosGuard runs it is {@code filesNew + filesChanged + filesUnmodified}.
 *
 * @param source       {@code chronosguard} or {@code legacy}
 * @param outcome      {@code running}, {@code success}, {@code partial}, {@code failed}, {@code cancelled}, {@code unknown}
 * @param bytes        bytes of file content processed
 * @param dataAdded    bytes added to the repository
 * @param errors       each error recorded for the run (legacy runs carry only {@code errorCount})
 * @param legacyRawJson the legacy entry as imported, for audit
 */
public record RunRecord(long id, String source, Instant startedAt, Instant finishedAt, String outcome, boolean dryRun,
        Long filesNew, Long filesChanged, Long filesUnmodified, Long files, Long bytes, Long dataAdded,
        Double durationSeconds, String snapshotId, String host, List<String> paths, List<String> tags,
        List<String> nodes, Long reassignedTasks, Long errorCount, String profile, String legacyFingerprint,
        String legacyRawJson, String originFile, List<RunError> errors) {
    public RunRecord {
        paths = List.copyOf(paths);
        tags = List.copyOf(tags);
        nodes = List.copyOf(nodes);
        errors = List.copyOf(errors);
    }
}
