package io.chronosguard.engine.repo.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GoJsonTest {

    private static String escape(String s, boolean replacementEscaped) {
        JsonBytes out = new JsonBytes(16);
        GoJson.appendString(out, s, replacementEscaped);
        return new String(out.toByteArray(), UTF_8);
    }

    @Test
    void appendString_specialCharacters_escapeLikeGo() {
        assertEquals("\"q\\\"b\\\\n\\n\\r\\t\"", escape("q\"b\\n\n\r\t", true));
        assertEquals("\"\\u003ca\\u003e\\u0026\"", escape("<a>&", true));
        // Go 1.19 has no \b or \f short forms; DEL stays raw.
        assertEquals("\"\\u0008\\u000c\\u0001\\u001f\u007f\"", escape("\b\f\u0001\u001f\u007f", true));
        assertEquals("\"\\u2028\\u2029\"", escape("\u2028\u2029", true));
        assertEquals("\"café 😀 \u200b \u00a0\"", escape("café 😀 \u200b \u00a0", true));
    }

    @Test
    void appendString_replacementCharacter_escapedOnlyOutsideNames() {
        assertEquals("\"tar\\ufffdget\"", escape("tar\ufffdget", true));
        assertEquals("\"tar\ufffdget\"", escape("tar\ufffdget", false));
        assertEquals("\"\\ufffd\"", escape("\ud800", false)); // a lone surrogate is never valid
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T22:00:30.127338403Z", "2026-11-21T22:02:39.64080641Z",
            "2026-11-21T23:02:32.644622728+01:00", "2020-01-01T23:34:05.12-03:30",
            "2020-01-01T23:34:05-03:30", "2020-01-01T00:00:00Z", "0001-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999+14:00"})
    void formatTime_specExamples_roundTrip(String text) {
        assertEquals(text, GoJson.formatTime(OffsetDateTime.parse(text)));
    }

    @Test
    void formatTime_secondsInOffset_truncatedToMinutesLikeGo() {
        // restic 0.14 in Europe/Amsterdam wrote 1901-12-13T20:45:52Z (LMT +00:19:32) as
        // "1901-12-13T21:05:24+00:19": local time kept, offset truncated.
        OffsetDateTime lmt = OffsetDateTime.of(1901, 12, 13, 20, 45, 52, 0, ZoneOffset.UTC)
                .withOffsetSameInstant(ZoneOffset.ofHoursMinutesSeconds(0, 19, 32));
        assertEquals("1901-12-13T21:05:24+00:19", GoJson.formatTime(lmt));
        OffsetDateTime west = OffsetDateTime.of(1880, 1, 1, 0, 0, 0, 500, ZoneOffset.ofTotalSeconds(-3 * 3600 - 59));
        assertEquals("1880-01-01T00:00:00.0000005-03:00", GoJson.formatTime(west));
        OffsetDateTime tiny = OffsetDateTime.of(1880, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(-30));
        assertEquals("1880-01-01T00:00:00+00:00", GoJson.formatTime(tiny));
    }

    @Test
    void formatTime_yearOutsideGoRange_throws() {
        OffsetDateTime y10000 = OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThrows(IllegalArgumentException.class, () -> GoJson.formatTime(y10000));
        OffsetDateTime yMinus1 = OffsetDateTime.of(-1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
        assertThrows(IllegalArgumentException.class, () -> GoJson.formatTime(yMinus1));
    }
}
