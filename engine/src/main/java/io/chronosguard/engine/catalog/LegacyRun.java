package io.chronosguard.engine.catalog;

import java.time.Instant;
import java.util.Objects;

/**
 * One run read from the legacy tool's JSON files, ready to store. Boxed and String fields
 * are null when the legacy entry did not say. {@code outcome} is one of {@code success},
 * {@code partial}, {@code failed}, {@code cancelled}, {@code unknown}; the database refuses
 * any other value (and the whole import with it).
 *
 * @param fingerprint identifies the entry across imports: a run whose fingerprint is stored is a duplicate
 * @param rawJson     the entry exactly as read, kept for audit
 * @param originFile  the file the entry came from
 */
public record LegacyRun(String fingerprint, Instant startedAt, Instant finishedAt, String outcome, boolean dryRun,
        Long files, Long bytes, Double durationSeconds, Long errorCount, String profile, String rawJson,
        String originFile) {

    public LegacyRun {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(outcome, "outcome");
    }
}
