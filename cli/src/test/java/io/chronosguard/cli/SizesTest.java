package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SizesTest {
    /** The thresholds are restic's formatBytes: strictly greater than the unit, three decimals. */
    @ParameterizedTest
    @CsvSource({"0, 0 B", "1024, 1024 B", "1025, 1.001 KiB", "1048576, 1024.000 KiB", "3000019, 2.861 MiB",
        "1073741825, 1.000 GiB", "1099511627777, 1.000 TiB"})
    void format_likeRestic(long bytes, String expected) {
        assertEquals(expected, Sizes.format(bytes));
    }
}
