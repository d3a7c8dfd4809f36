package io.chronosguard.engine.alert;

import io.chronosguard.engine.catalog.RunRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The daily summary: when it is due, and what it says about the runs of the last 24 hours. */
public final class DailySummary {
    private DailySummary() {
    }

    /** The first {@code at} (local time in {@code zone}) strictly after {@code now}. */
    public static Instant nextAfter(Instant now, LocalTime at, ZoneId zone) {
        ZonedDateTime today = now.atZone(zone).toLocalDate().atTime(at).atZone(zone);
        return today.toInstant().isAfter(now) ? today.toInstant() : today.plusDays(1).toInstant();
    }

    /**
     * A {@code DAILY_SUMMARY} alert over {@code runs} (those started in the 24 hours before
     * {@code now}, newest first): counts by outcome in the subject, one line per run below.
     */
    public static Alert of(List<RunRecord> runs, Instant now, ZoneId zone, String node) {
        Map<String, Integer> byOutcome = new TreeMap<>();
        runs.forEach(r -> byOutcome.merge(r.outcome(), 1, Integer::sum));
        String counts = byOutcome.isEmpty() ? "no backups" : String.join(", ", byOutcome.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey()).toList());
        StringBuilder b = new StringBuilder("Backups started in the 24 hours before " + now.atZone(zone)
                .toLocalDateTime().withNano(0) + " (" + zone + "): " + runs.size() + "\n");
        for (RunRecord r : runs) {
            b.append("\n").append(r.startedAt().atZone(zone).toLocalDateTime().withNano(0)).append("  ")
                    .append(r.outcome()).append("  ").append(String.join(" ", r.paths()));
            if (r.durationSeconds() != null) {
                b.append("  ").append(Duration.ofMillis((long) (r.durationSeconds() * 1000)).withNanos(0)
                        .toString().substring(2).toLowerCase(java.util.Locale.ROOT));
            }
            if (r.files() != null) {
                b.append("  ").append(r.files()).append(" files");
            }
            if (r.snapshotId() != null) {
                b.append("  snapshot ").append(r.snapshotId(), 0, Math.min(8, r.snapshotId().length()));
            }
            if (!r.errors().isEmpty()) {
                b.append("  ").append(r.errors().size()).append(" errors, first: ").append(r.errors().get(0).path() != null ? r.errors().get(0).path() + ": " : "").append(r.errors().get(0).reason());
            }
        }
        String day = now.atZone(zone).toLocalDate().toString();
        return new Alert(Alert.Kind.DAILY_SUMMARY, "backups on " + node + " up to " + day + ": " + counts,
                b.toString(), now, node, null);
    }
}
