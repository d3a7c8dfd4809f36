package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunRecord;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryCommandTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void parseSince_dateIsLocalMidnight() {
        assertEquals(Instant.parse("2024-03-09T23:00:00Z"), HistoryCommand.parseSince("2024-03-10", BERLIN));
    }

    @Test
    void parseSince_localDateTimeInZone_offsetOrZAsGiven() {
        assertEquals(Instant.parse("2024-07-01T12:30:00Z"), HistoryCommand.parseSince("2024-07-01T14:30", BERLIN));
        assertEquals(Instant.parse("2024-07-01T14:30:00Z"), HistoryCommand.parseSince("2024-07-01T14:30:00Z", BERLIN));
        assertEquals(Instant.parse("2024-07-01T12:30:00Z"),
                HistoryCommand.parseSince("2024-07-01T14:30:00+02:00", BERLIN));
    }

    @Test
    void parseSince_garbage_usageErrorNamingIt() {
        CliException e = assertThrows(CliException.class, () -> HistoryCommand.parseSince("last week", BERLIN));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("invalid --since 'last week': "), e.getMessage());
    }

    @Test
    void query_outcomeAnyCase_normalised_unknownRefused() {
        HistoryCommand h = new HistoryCommand();
        h.outcome = "Failed";
        h.limit = 5;
        assertEquals(new HistoryQuery(null, "failed", null, 5), h.query(BERLIN));
        h.outcome = "done";
        CliException e = assertThrows(CliException.class, () -> h.query(BERLIN));
        assertEquals("invalid --outcome 'done': use one of running, success, partial, failed, cancelled, unknown",
                e.getMessage());
    }

    @Test
    void toJson_runWithoutSnapshot_omitsSnapshotIdAndKeepsNulls() {
        RunRecord r = new RunRecord(7, "chronosguard", Instant.parse("2024-01-02T03:04:05Z"), null, "running", false,
                null, null, null, null, null, null, null, null, "h", List.of("/a"), List.of(), List.of(), null, null,
                null, null, null, null, List.of(new RunError(null, "x")));
        ObjectNode o = HistoryCommand.toJson(r);
        assertEquals("2024-01-02T03:04:05Z", o.get("started_at").asText());
        assertTrue(o.get("finished_at").isNull());
        assertTrue(o.get("bytes").isNull());
        assertTrue(!o.has("snapshot_id"));
        assertTrue(o.get("errors").get(0).get("path").isNull());
        assertTrue(!o.has("legacy_entry"));
    }
}
