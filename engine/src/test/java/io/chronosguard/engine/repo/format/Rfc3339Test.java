package io.chronosguard.engine.repo.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @Test
    void format_randomTimes_equalsIsoOffsetDateTime() {
        Random rnd = new Random(3339);
        for (int i = 0; i < 20_000; i++) {
            OffsetDateTime t = random(rnd);
            String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
            assertEquals(iso, Rfc3339.format(t), "formatting " + iso);
            assertEquals(t, Rfc3339.parse(iso), "parsing " + iso);
        }
    }

    @Test
    void format_edgeValues_equalsIsoOffsetDateTime() {
        for (OffsetDateTime t : new OffsetDateTime[] {
            OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),          // Go's zero time
            OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_999, ZoneOffset.ofHoursMinutes(-18, 0)),
            OffsetDateTime.of(2026, 2, 28, 1, 2, 3, 100, ZoneOffset.ofHoursMinutes(5, 45)),
            OffsetDateTime.of(2026, 2, 28, 1, 2, 3, 500_000_000, ZoneOffset.ofHoursMinutes(-3, -30)),
            OffsetDateTime.of(1890, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(1172)),   // local mean time
            OffsetDateTime.of(-5, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
            OffsetDateTime.of(12026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)}) {
            assertEquals(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t), Rfc3339.format(t));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-04T19:02:14+01:00", "2026-12-04T19:02:14.1Z", "2026-12-04t19:02:14z",
        "2026-12-04T19:02Z", "2026-12-04T19:02:14.123456789-00:00", "2026-12-04T19:02:14+01:00:30",
        "+12026-12-04T19:02:14Z", "2026-12-04T19:02:14.000000000+14:00", "2026-12-04T19:02:14.Z"})
    void parse_validShapes_equalsOffsetDateTimeParse(String s) {
        assertEquals(OffsetDateTime.parse(s), Rfc3339.parse(s));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-13-04T19:02:14Z", "2026-02-30T19:02:14Z", "2026-12-04T24:00:00Z",
        "2026-12-04T19:02:60Z", "2026-12-04T19:02:14.1234567890Z",
        "2026-12-04T19:02:14+19:00", "2026-12-04T19:02:14+01:60", "2026-12-04T19:02:14", "2026-12-04 19:02:14Z",
        "2026-12-04T19:02:14Zx", "2026-12-04T19:02:14+0100", "2026-1a-04T19:02:14Z"})
    void parse_invalid_throwsLikeOffsetDateTimeParse(String s) {
        assertThrows(DateTimeParseException.class, () -> OffsetDateTime.parse(s));
        assertThrows(DateTimeParseException.class, () -> Rfc3339.parse(s));
    }

    private static OffsetDateTime random(Random rnd) {
        int nano = switch (rnd.nextInt(4)) {
            case 0 -> 0;
            case 1 -> rnd.nextInt(1000) * 1_000_000;
            default -> rnd.nextInt(1_000_000_000);
        };
        ZoneOffset offset = rnd.nextInt(3) == 0 ? ZoneOffset.UTC
                : ZoneOffset.ofTotalSeconds((rnd.nextInt(18 * 60 * 2 + 1) - 18 * 60) * 60);
        return OffsetDateTime.of(rnd.nextInt(10_000), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28), rnd.nextInt(24),
                rnd.nextInt(60), rnd.nextInt(60), nano, offset);
    }
}
