package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.archiver.ArchiverListener.Change;
import io.chronosguard.engine.archiver.BackupStats;
import io.chronosguard.engine.archiver.BackupSummary;
import io.chronosguard.engine.archiver.ArchiverListener;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.engine.repo.Id;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunRecordingTest {
    private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");
    private static final String SNAP = "ab".repeat(32);

    @TempDir
    Path state;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private CliContext ctx(Map<String, String> env) {
        return new CliContext(env, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private CliContext ctx() {
        return ctx(Map.of("CHRONOSGUARD_STATE_DIR", state.toString()));
    }

    private RunRecord onlyRun() {
        try (Catalog c = Catalog.open(Catalog.defaultUrl(state))) {
            List<RunRecord> runs = c.history(HistoryQuery.all());
            assertEquals(1, runs.size());
            return runs.get(0);
        }
    }

    private static BackupSummary summary(List<String> errors) {
        return new BackupSummary(Id.parse(SNAP), null, 2, 1, 4, 1, 0, 0, 3, 1, 900, 7, 7000, Duration.ofMillis(1500),
                errors, List.of());
    }

    @Test
    void completed_withPathErrors_recordsPartialWithEachError() {
        try (RunRecording rec = RunRecording.start(ctx(), Clock.fixed(T0, ZoneOffset.UTC), false, "h",
                List.of("/data"), List.of("x"))) {
            rec.awaitOpen(); // the start is recorded on a thread of its own
            assertEquals("running", onlyRun().outcome());
            rec.error("/data/secret", "cannot read: Permission denied");
            rec.completed(summary(List.of("/data/secret: cannot read: Permission denied")), false);
        }
        RunRecord r = onlyRun();
        assertEquals("partial", r.outcome());
        assertEquals(SNAP, r.snapshotId());
        assertEquals(7L, r.files());
        assertEquals(7000L, r.bytes());
        assertEquals(900L, r.dataAdded());
        assertEquals(1.5, r.durationSeconds());
        assertEquals(List.of(new RunError("/data/secret", "cannot read: Permission denied")), r.errors());
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void completed_dryRun_recordsNoSnapshot() {
        try (RunRecording rec = RunRecording.start(ctx(), Clock.systemUTC(), true, "h", List.of("/d"), List.of())) {
            rec.completed(summary(List.of()), true);
        }
        RunRecord r = onlyRun();
        assertEquals("success", r.outcome());
        assertTrue(r.dryRun());
        assertNull(r.snapshotId());
    }

    @Test
    void failed_recordsCountsSoFarAndTheFailure() {
        try (RunRecording rec = RunRecording.start(ctx(), Clock.systemUTC(), false, "h", List.of("/d"), List.of())) {
            BackupStats stats = new BackupStats(rec);
            rec.watch(stats);
            stats.fileDone("/d/a", 10, Change.NEW);
            stats.error("/d/b", "vanished before it could be read");
            rec.failed(new IllegalStateException("disk full"));
        }
        RunRecord r = onlyRun();
        assertEquals("failed", r.outcome());
        assertEquals(1L, r.filesNew());
        assertEquals(10L, r.bytes());
        assertEquals(List.of(new RunError("/d/b", "vanished before it could be read"), new RunError(null, "disk full")),
                r.errors());
    }

    @Test
    void cancelled_recordsCancelledOnce() {
        try (RunRecording rec = RunRecording.start(ctx(), Clock.systemUTC(), false, "h", List.of("/d"), List.of())) {
            rec.cancelled();
            rec.completed(summary(List.of()), false); // the end after the hook ran must not overwrite it
        }
        assertEquals("cancelled", onlyRun().outcome());
    }

    @Test
    void catalogUnopenable_warnsOnceAndNeverThrows() {
        CliContext ctx = ctx(Map.of("CHRONOSGUARD_CATALOG", "jdbc:sqlite:" + state.resolve("no/such/dir/c.db")));
        try (RunRecording rec = RunRecording.start(ctx, Clock.systemUTC(), false, "h", List.of("/d"), List.of())) {
            ArchiverListener l = rec;
            l.error("/d/x", "boom");
            rec.completed(summary(List.of("/d/x: boom")), false);
            rec.failed(new IllegalStateException("late"));
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, text.lines().count(), text);
        assertTrue(text.startsWith("chronosguard: warning: this run is not recorded in the history catalog: cannot open"
                + " catalog jdbc:sqlite:"), text);
    }
}
