package io.chronosguard.engine.forget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing as restic 0.14's duration.go (its own test cases included) and Go's AddDate arithmetic. */
class RetentionDurationTest {

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        // restic's TestParseDuration
        "9h|0|0|0|9", "3d|0|0|3|0", "4d2h|0|0|4|2", "7m5d|0|7|5|0", "6m4d8h|0|6|4|8", "5d7m|0|7|5|0",
        "4h3d9m|0|9|3|4", "-7m5d|0|-7|5|0", "1y4m-5d-3h|1|4|-5|-3", "2y7m-5d|2|7|-5|0",
        // ours: empty is zero, repeats replace, white space around is ignored
        "''|0|0|0|0", "1d2d|0|0|2|0", "' 7d '|0|0|7|0", "9999y|9999|0|0|0"})
    void parse_validText_givesParts(String text, int y, int m, int d, int h) {
        assertEquals(new RetentionDuration(y, m, d, h), RetentionDuration.parse(text));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @CsvSource(delimiter = '|', value = {
        // restic's error cases, then ours
        "2w|invalid unit 'w' found after number 2",
        "1y4m3w1d|invalid unit 'w' found after number 3",
        "s|no number found",
        "3x|invalid unit 'x' found after number 3",
        "1y3|no unit found after number 3",
        "d|no number found",
        "-|no number found",
        "+1d|no number found",
        "1d 2h|no number found",
        "1h-|no number found",
        "99999999999d|is not a number",
        "٣d|is not a number"})
    void parse_malformedText_saysWhatResticSays(String text, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RetentionDuration.parse(text));
        assertTrue(e.getMessage().startsWith("invalid duration \"" + text + "\""), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains("e.g. 1y5m7d2h"), e.getMessage());
    }

    @Test
    void toString_printsNonZeroPartsInResticsOrder() {
        assertEquals("1y2m3d4h", RetentionDuration.parse("4h3d2m1y").toString());
        assertEquals("1m1d", RetentionDuration.parse("1d1m").toString());
        assertEquals("", RetentionDuration.ZERO.toString());
        assertEquals("1y4m-5d-3h", RetentionDuration.parse("1y4m-5d-3h").toString());
    }

    @Test
    void isZero_andHasNegativePart() {
        assertTrue(RetentionDuration.parse("0y0d").isZero());
        assertFalse(RetentionDuration.parse("1h").isZero());
        assertTrue(RetentionDuration.parse("1y-1m").hasNegativePart());
    }

    @ParameterizedTest(name = "{0} minus {1}")
    @CsvSource({
        "2024-03-31T12:00:00Z, 1m, 2024-03-02T12:00:00Z",       // Go's "February 31st"
        "2023-03-31T12:00:00Z, 1m, 2023-03-03T12:00:00Z",
        "2024-02-29T00:00:00Z, 1y, 2023-03-01T00:00:00Z",       // no 29 Feb 2023
        "2024-01-15T05:00:00Z, 1y2m3d4h, 2022-11-12T01:00:00Z",
        "2024-01-01T02:00:00Z, 3h, 2023-12-31T23:00:00Z",
        "2024-05-10T10:00:00+05:30, 10d, 2024-04-30T04:30:00Z"})
    void before_usesGoAddDateNormalisation(String t, String d, String want) {
        assertEquals(Instant.parse(want), RetentionDuration.parse(d).before(OffsetDateTime.parse(t), ZoneOffset.UTC));
    }

    @Test
    void before_offsetOfLocalZone_followsLocalDaylightSaving() {
        OffsetDateTime summer = OffsetDateTime.parse("2024-07-01T12:00:00+02:00");
        RetentionDuration sixMonths = RetentionDuration.parse("6m");
        assertEquals(Instant.parse("2024-01-01T11:00:00Z"), sixMonths.before(summer, ZoneId.of("Europe/Berlin")));
        assertEquals(Instant.parse("2024-01-01T10:00:00Z"), sixMonths.before(summer, ZoneId.of("America/New_York")));
    }

    @Test
    void before_farOutOfRange_isBeforeEverything() {
        OffsetDateTime t = OffsetDateTime.parse("2024-01-01T00:00:00Z");
        assertEquals(Instant.MIN, new RetentionDuration(2_000_000_000, 0, 0, 0).before(t, ZoneOffset.UTC));
    }
}
