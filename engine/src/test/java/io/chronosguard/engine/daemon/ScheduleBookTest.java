package io.chronosguard.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.config.daemon.DaemonConfig;
import io.chronosguard.config.daemon.DaemonConfigParser;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleBookTest {
    private static final Instant T0 = Instant.parse("2026-12-04T02:00:00Z");
    private static final DaemonConfig NIGHTLY = DaemonConfigParser.parse(
            "sources = [{ name = docs, paths = [\"/d\"], schedule = \"0 0 3 * * *\" }]"
                    + "\nprune { schedule = \"0 0 4 * * *\" }");

    @TempDir
    Path dir;

    @Test
    void takeDue_atFireTime_firesOnceAndMovesToTheNextDay() {
        ScheduleBook b = new ScheduleBook(RunLedger.inMemory(), ZoneOffset.UTC);
        assertEquals(List.of(), b.apply(NIGHTLY, T0));
        assertEquals(Optional.of(Instant.parse("2026-12-04T03:00:00Z")), b.next("docs"));
        assertEquals(List.of(), b.takeDue(Instant.parse("2026-12-04T02:59:59Z")));
        assertEquals(List.of("docs"), b.takeDue(Instant.parse("2026-12-04T03:00:00.200Z")));
        assertEquals(List.of(), b.takeDue(Instant.parse("2026-12-04T03:00:01Z")));
        assertEquals(Optional.of(Instant.parse("2026-12-05T03:00:00Z")), b.next("docs"));
        assertEquals(List.of(ScheduleBook.PRUNE), b.takeDue(Instant.parse("2026-12-04T04:00:00Z")));
    }

    // the node was down at 03:00: on start the run happens once, and is reported as missed
    @Test
    void apply_restartAfterAMissedFireTime_reportsItOnce() {
        Path file = dir.resolve("ledger.properties");
        ScheduleBook before = new ScheduleBook(RunLedger.load(file), ZoneOffset.UTC);
        before.apply(NIGHTLY, T0);
        Instant restart = Instant.parse("2026-12-04T09:00:00Z");
        ScheduleBook after = new ScheduleBook(RunLedger.load(file), ZoneOffset.UTC);
        List<ScheduleBook.Missed> missed = after.apply(NIGHTLY, restart);
        assertEquals(List.of(new ScheduleBook.Missed("@prune", "0 0 4 * * *", Instant.parse("2026-12-04T04:00:00Z")),
                new ScheduleBook.Missed("docs", "0 0 3 * * *", Instant.parse("2026-12-04T03:00:00Z"))), missed);
        assertEquals(List.of(), after.apply(NIGHTLY, restart.plusSeconds(1)));
    }

    @Test
    void apply_restartBeforeTheFireTime_missesNothing() {
        Path file = dir.resolve("ledger.properties");
        new ScheduleBook(RunLedger.load(file), ZoneOffset.UTC).apply(NIGHTLY, T0);
        ScheduleBook after = new ScheduleBook(RunLedger.load(file), ZoneOffset.UTC);
        assertEquals(List.of(), after.apply(NIGHTLY, Instant.parse("2026-12-04T02:30:00Z")));
    }

    @Test
    void apply_ranAfterTheFireTime_missesNothing() {
        Path file = dir.resolve("ledger.properties");
        ScheduleBook b = new ScheduleBook(RunLedger.load(file), ZoneOffset.UTC);
        b.apply(NIGHTLY, T0);
        b.takeDue(Instant.parse("2026-12-04T03:00:00Z"));
        b.takeDue(Instant.parse("2026-12-04T04:00:00Z"));
        ScheduleBook after = new ScheduleBook(RunLedger.load(file), ZoneOffset.UTC);
        assertEquals(List.of(), after.apply(NIGHTLY, Instant.parse("2026-12-04T05:00:00Z")));
    }

    @Test
    void apply_scheduleRemoved_isNoLongerDue() {
        ScheduleBook b = new ScheduleBook(RunLedger.inMemory(), ZoneOffset.UTC);
        b.apply(NIGHTLY, T0);
        b.apply(DaemonConfig.empty(), T0);
        assertTrue(b.takeDue(Instant.parse("2026-12-05T05:00:00Z")).isEmpty());
    }

    @Test
    void takeDue_secondsSchedule_firesEveryFiveSeconds() {
        ScheduleBook b = new ScheduleBook(RunLedger.inMemory(), ZoneOffset.UTC);
        b.apply(DaemonConfigParser.parse("sources = [{ name = s, paths = [\"/s\"], schedule = \"*/5 * * * * *\" }]"),
                T0.plusMillis(100));
        assertEquals(List.of(), b.takeDue(T0.plusSeconds(4)));
        assertEquals(List.of("s"), b.takeDue(T0.plusSeconds(5)));
        assertEquals(Optional.of(T0.plusSeconds(10)), b.next("s"));
    }
}
