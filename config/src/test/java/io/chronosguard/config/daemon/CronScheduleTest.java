package io.chronosguard.config.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final Instant T = Instant.parse("2026-12-04T10:00:02Z");

    @Test
    void next_secondsExpression_isTheNextMultipleOfFive() {
        assertEquals(Optional.of(Instant.parse("2026-12-04T10:00:05Z")),
                CronSchedule.parse("*/5 * * * * *").next(T, UTC));
    }

    @Test
    void next_unixExpression_isTomorrowAtThree() {
        assertEquals(Optional.of(Instant.parse("2026-12-05T03:30:00Z")),
                CronSchedule.parse("30 3 * * *").next(T, UTC));
    }

    @Test
    void next_inAnotherZone_followsThatZone() {
        assertEquals(Optional.of(Instant.parse("2026-12-05T02:30:00Z")),
                CronSchedule.parse("30 3 * * *").next(T, ZoneId.of("Europe/Berlin")));
    }

    @Test
    void missed_fireTimeAfterLastRun_isReported() {
        CronSchedule daily = CronSchedule.parse("0 3 * * *");
        assertEquals(Optional.of(Instant.parse("2026-12-04T03:00:00Z")),
                daily.missed(Instant.parse("2026-12-03T03:00:01Z"), T, UTC));
    }

    @Test
    void missed_ranSinceLastFireTime_isEmpty() {
        CronSchedule daily = CronSchedule.parse("0 3 * * *");
        assertEquals(Optional.empty(), daily.missed(Instant.parse("2026-12-04T03:00:01Z"), T, UTC));
    }

    @Test
    void missed_neverRan_isEmpty() {
        assertEquals(Optional.empty(), CronSchedule.parse("0 3 * * *").missed(null, T, UTC));
    }

    @Test
    void parse_wrongFieldCount_saysHowMany() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("* *"));
        assertTrue(e.getMessage().contains("has 2 fields"), e.getMessage());
    }

    @Test
    void parse_outOfRange_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CronSchedule.parse("0 25 * * *"));
        assertTrue(e.getMessage().startsWith("bad cron expression \"0 25 * * *\""), e.getMessage());
    }

    @Test
    void next_weekdayName_isNextSunday() {
        // 2026-12-04 is a Friday
        assertEquals(Optional.of(Instant.parse("2026-12-06T04:00:00Z")),
                CronSchedule.parse("0 0 4 * * SUN").next(T, UTC));
    }
}
