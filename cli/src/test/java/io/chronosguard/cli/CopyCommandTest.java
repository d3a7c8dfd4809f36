package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CopyCommandTest {
    @Test
    void goTime_utcWithNanos_rendersAsResticPrintsIt() {
        // restic 0.14: "snapshot ebbd9bb2 of [/src] at 2026-12-04 19:05:36.415581091 +0000 UTC)"
        assertEquals("2026-12-04 19:05:36.415581091 +0000 UTC",
                CopyCommand.goTime(OffsetDateTime.parse("2026-12-04T19:05:36.415581091Z")));
    }

    @Test
    void goTime_offsetAndTrailingZeros_trimsFractionAndNamesOffset() {
        assertEquals("2024-05-01 10:00:00.5 +0200 +0200", CopyCommand.goTime(OffsetDateTime.parse("2024-05-01T10:00:00.500+02:00")));
        assertEquals("2024-05-01 08:00:00 +0000 UTC", CopyCommand.goTime(OffsetDateTime.parse("2024-05-01T08:00:00Z")));
    }
}
