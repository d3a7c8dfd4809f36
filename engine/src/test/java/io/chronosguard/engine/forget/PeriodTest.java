package io.chronosguard.engine.forget;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bucket keys of restic's ymdh, ymd, yw, ym and y. */
class PeriodTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "HOURLY, 2024-01-02T03:04:05Z, 2024010203",
        "DAILY, 2024-01-02T03:04:05Z, 20240102",
        "WEEKLY, 2024-01-02T03:04:05Z, 202401",
        "WEEKLY, 2024-12-30T00:00:00Z, 202501",
        "WEEKLY, 2021-01-03T23:59:59Z, 202053",
        "MONTHLY, 2024-01-02T03:04:05Z, 202401",
        "YEARLY, 2024-01-02T03:04:05Z, 2024",
        "DAILY, 2024-01-01T23:30:00-05:00, 20240101",
        "HOURLY, 2200-12-31T23:00:00Z, 2200123123"})
    void key_readsTheWallClockInTheSnapshotsOwnZone(Period p, String time, long key) {
        assertEquals(key, p.key(OffsetDateTime.parse(time)));
    }
}
