package io.chronosguard.engine.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunRecord;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailySummaryTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void nextAfter_beforeTheTimeToday_isToday() {
        assertEquals(Instant.parse("2026-03-10T07:00:00Z"),
                DailySummary.nextAfter(Instant.parse("2026-03-10T06:59:00Z"), LocalTime.of(8, 0), BERLIN));
    }

    @Test
    void nextAfter_exactlyAtTheTime_isTomorrow() {
        assertEquals(Instant.parse("2026-03-11T07:00:00Z"),
                DailySummary.nextAfter(Instant.parse("2026-03-10T07:00:00Z"), LocalTime.of(8, 0), BERLIN));
    }

    @Test
    void nextAfter_acrossDaylightSavingChange_keepsLocalTime() {
        // Berlin moves to summer time on 2026-03-29: 08:00 local is then 06:00 UTC
        assertEquals(Instant.parse("2026-03-29T06:00:00Z"),
                DailySummary.nextAfter(Instant.parse("2026-03-28T08:00:00Z"), LocalTime.of(8, 0), BERLIN));
    }

    @Test
    void of_runs_countsByOutcomeAndListsEach() {
        Instant now = Instant.parse("2026-03-10T07:00:00Z");
        List<RunRecord> runs = List.of(
                run(2, "failed", List.of(new RunError("/srv", "no repository"))),
                run(1, "success", List.of()));

        Alert a = DailySummary.of(runs, now, BERLIN, "node-1");

        assertEquals(Alert.Kind.DAILY_SUMMARY, a.kind());
        assertEquals("backups on node-1 up to 2026-03-10: 1 failed, 1 success", a.subject());
        assertTrue(a.details().contains("failed  /srv"), a.details());
        assertTrue(a.details().contains("/srv: no repository"), a.details());
    }

    @Test
    void of_noRuns_saysSo() {
        Alert a = DailySummary.of(List.of(), Instant.parse("2026-03-10T07:00:00Z"), BERLIN, "n");

        assertTrue(a.subject().endsWith(": no backups"), a.subject());
    }

    private static RunRecord run(long id, String outcome, List<RunError> errors) {
        return new RunRecord(id, "chronosguard", Instant.parse("2026-03-10T01:00:00Z"), null, outcome, false,
                null, null, null, 12L, 100L, 10L, 3.5, null, "h", List.of("/srv"), List.of(), List.of(), null,
                (long) errors.size(), null, null, null, null, errors);
    }
}
