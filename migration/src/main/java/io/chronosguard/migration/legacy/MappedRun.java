package io.chronosguard.migration.legacy;

import java.time.Instant;
import java.util.Objects;

/**
 * One legacy history entry mapped onto a run, plus the entry itself for audit. Unknown values
 * are null; nothing is "fixed" (§9.10): {@code errorCount} is the old tool's cumulative
 * counter, {@code files} its always-0 fileCount, {@code bytes} its size estimate.
 *
 * @param fingerprint          hex SHA-256 of the entry's canonical JSON: the run's identity (§9.6)
 * @param startedAt            {@code date} read in the legacy zone
 * @param localDate            {@code date} as written (naive local time)
 * @param finishedAt           startedAt + duration (when the old tool wrote the entry), or null
 * @param outcome              derived from status and directory counts
 * @param legacyStatus         {@code status} as written ("Completed", "Interrupted"), or null
 * @param dryRun               {@code dryRun}; false when missing
 * @param files                {@code fileCount}
 * @param bytes                {@code size}
 * @param durationSeconds      {@code duration}
 * @param errorCount           {@code errors}
 * @param directoriesCompleted {@code directoriesCompleted}
 * @param totalDirectories     {@code totalDirectories}
 * @param profile              {@code profile}; null for none (and for "Custom")
 * @param rawJson              the entry as written (keys in file order), pure ASCII
 * @param originFile           the file it was first read from
 * @param index                its index in that file's history array
 */
public record MappedRun(
        String fingerprint,
        Instant startedAt,
        String localDate,
        Instant finishedAt,
        Outcome outcome,
        String legacyStatus,
        boolean dryRun,
        Long files,
        Long bytes,
        Double durationSeconds,
        Long errorCount,
        Long directoriesCompleted,
        Long totalDirectories,
        String profile,
        String rawJson,
        String originFile,
        int index) {

    public MappedRun {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(localDate, "localDate");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(rawJson, "rawJson");
        Objects.requireNonNull(originFile, "originFile");
    }
}
