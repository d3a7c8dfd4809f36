package io.chronosguard.migration.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LegacyTimeTest {
    @Test
    void parse_spaceOrTSeparator_sameTime() {
        assertEquals(Optional.of(LocalDateTime.of(2025, 6, 24, 19, 55, 13)), LegacyTime.parse("2025-06-24 19:55:13"));
        assertEquals(Optional.of(LocalDateTime.of(2025, 6, 24, 19, 55, 13)), LegacyTime.parse("2025-06-24T19:55:13"));
    }

    @Test
    void problem_notARealCalendarTime_named() {
        assertEquals("date '2025-02-29 10:00:00' is not a real calendar time", LegacyTime.problem("2025-02-29 10:00:00"));
        assertEquals("date '2025-04-31 10:00:00' is not a real calendar time", LegacyTime.problem("2025-04-31 10:00:00"));
        assertEquals("date '2025-01-01 24:00:00' is not a real calendar time", LegacyTime.problem("2025-01-01 24:00:00"));
        assertEquals("date '2025-01-01 10:60:00' is not a real calendar time", LegacyTime.problem("2025-01-01 10:60:00"));
        assertNull(LegacyTime.problem("2024-02-29 10:00:00")); // a leap day
    }

    @Test
    void problem_otherShapes_named() {
        for (String s : new String[] {"2025-06-24", "2025-06-24 19:55", "2025-06-24 19:55:13.5", "2025-06-24 19:55:13Z",
                " 2025-06-24 19:55:13", "2025/06/24 19:55:13", "", "٢٠٢٥-06-24 19:55:13"}) {
            assertTrue(LegacyTime.problem(s).endsWith("is not in the form YYYY-MM-DD HH:MM:SS"), s);
        }
    }

    @Test
    void place_dstGap_shiftedForwardWithNote() {
        // 2025-03-09 02:30 never happened in New York: clocks went 02:00 EST -> 03:00 EDT.
        LegacyTime.Placed p = LegacyTime.place(LocalDateTime.of(2025, 3, 9, 2, 30), Samples.NEW_YORK);

        assertEquals(Instant.parse("2025-03-09T07:30:00Z"), p.instant()); // 03:30 EDT
        assertTrue(p.dstNote().orElseThrow().contains("does not exist in America/New_York"), p.dstNote().get());
    }

    @Test
    void place_dstOverlap_earlierOffsetWithNote() {
        // 2025-11-02 01:30 happened twice in New York; the first one was EDT (UTC-4).
        LegacyTime.Placed p = LegacyTime.place(LocalDateTime.of(2025, 11, 2, 1, 30), Samples.NEW_YORK);

        assertEquals(Instant.parse("2025-11-02T05:30:00Z"), p.instant());
        assertTrue(p.dstNote().orElseThrow().contains("happened twice"), p.dstNote().get());
    }

    @Test
    void place_ordinaryTime_noNote() {
        LegacyTime.Placed p = LegacyTime.place(LocalDateTime.of(2025, 1, 6, 19, 42, 7), Samples.NEW_YORK);

        assertEquals(Instant.parse("2025-01-07T00:42:07Z"), p.instant());
        assertTrue(p.dstNote().isEmpty());
    }
}
