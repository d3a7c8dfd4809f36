package io.chronosguard.engine.catalog;

import java.time.Instant;

/**
 * Which runs {@link Catalog#history} returns: those started at or after {@code since}, with
 * this {@code outcome} and {@code source} ({@code chronosguard} or {@code legacy}); a null
 * filter matches everything. At most {@code limit} runs, newest first; 0 or less means all.
 */
public record HistoryQuery(Instant since, String outcome, String source, int limit) {
    public HistoryQuery {
        if (outcome != null) {
            Outcome.parse(outcome);
        }
        if (source != null) {
            RunSource.parse(source);
        }
    }

    /** Every run, newest first. */
    public static HistoryQuery all() {
        return new HistoryQuery(null, null, null, 0);
    }
}
