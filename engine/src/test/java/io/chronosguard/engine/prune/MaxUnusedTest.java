package io.chronosguard.engine.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaxUnusedTest {
    @ParameterizedTest(name = "{0} of {1} used -> {2}")
    @CsvSource({
        "5%, 1900, 100",
        "50%, 2000, 2000",
        "20%, 2000, 500",
        "0%, 123456, 0",
        "99.5%, 100, 19900",
        "1500, 1, 1500",
        "2k, 0, 2048",
        "3M, 0, 3145728",
        "1g, 0, 1073741824",
        "1T, 0, 1099511627776",
        "7b, 0, 7"})
    void limit_parsedValue_restricsUnusedAsRestic(String text, long used, long expected) {
        assertEquals(expected, MaxUnused.parse(text).limit(used));
    }

    @Test
    void limit_unlimited_isUnbounded() {
        assertEquals(Long.MAX_VALUE, MaxUnused.parse("unlimited").limit(1L << 50));
    }

    @Test
    void defaultLimit_isFivePercent() {
        assertEquals(5, MaxUnused.defaultLimit().limit(95));
        assertEquals("5%", MaxUnused.defaultLimit().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "100%", "150%", "-1%", "x%", "abc", "5 MB", "-5", "10q"})
    void parse_badValue_namesIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaxUnused.parse(text));
        assertTrue(e.getMessage().contains("\"" + text + "\"") || text.isBlank(), e.getMessage());
    }
}
