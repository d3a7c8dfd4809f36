package io.chronosguard.engine.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({"0, 0", "17, 17", "17b, 17", "17B, 17", "1k, 1024", "2K, 2048", "5m, 5242880", "1G, 1073741824",
        "2t, 2199023255552"})
    void parse_restic_sizes(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "k", "1.5m", "-1", "1x", "9999999999999t"})
    void parse_badSize_throwsNamingIt(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(text.isEmpty() || e.getMessage().contains(text), e.getMessage());
    }
}
