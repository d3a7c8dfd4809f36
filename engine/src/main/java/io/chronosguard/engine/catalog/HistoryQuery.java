package io.chronosguard.engine.catalog;

import java.time.Instant;

/**
 * Which runs {@link Catalog#history} returns: those started at or after {@code since}, with
 * this {@code outcome} and {@code source} ({@code chronosguard} or {@code legacy}); a null
 * filter matches everything. Newest first, skipping the first {@code offset} (for paging),
 * at most {@code limit} runs; a limit of 0 or less means all.
 */
public record HistoryQuery(Instant since, String outcome, String source, int limit, int offset) {
    public HistoryQuery {
        if (outcome != null) {
            Outcome.parse(outcome);
        }
        if (source != null) {
            RunSource.parse(source);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
    }

    /** From the newest matching run on. */
    public HistoryQuery(Instant since, String outcome, String source, int limit) {
        this(since, outcome, source, limit, 0);
    }

    /** Every run, newest first. */
    public static HistoryQuery all() {
        return new HistoryQuery(null, null, null, 0);
    }
}
