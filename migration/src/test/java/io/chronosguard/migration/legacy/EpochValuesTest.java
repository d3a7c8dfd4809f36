package io.chronosguard.migration.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EpochValuesTest {
    private static final Instant T = Instant.parse("2025-06-28T00:14:09.151Z");

    @Test
    void toInstant_belowOneE11_seconds() {
        assertEquals(Optional.of(Instant.parse("2025-06-28T00:14:09Z")), at("1751069649"));
        assertEquals(Optional.of(T), at("1751069649.151"));
    }

    @Test
    void toInstant_milliseconds() {
        assertEquals(Optional.of(T), at("1751069649151"));
    }

    @Test
    void toInstant_modularTimesThousandBug_allTheSameMoment() {
        assertEquals(Optional.of(T), at("1751069649151000"));
        assertEquals(Optional.of(T), at("1751069649151000000"));
        assertEquals(Optional.of(T), at("1751069649151000000000")); // beyond int64
        assertEquals(Optional.of(T), at("1.751069649151e24"));
    }

    @Test
    void toInstant_absurdValues_emptyAndFast() {
        // Divided by 1000 down to 1e12 ms in one step, not a third of a billion loop turns.
        assertEquals(Optional.of(Instant.parse("2001-09-09T01:46:40Z")), at("1e999999999"));
        assertEquals(Optional.empty(), at("-1e999999999"));
    }

    private static Optional<Instant> at(String v) {
        return EpochValues.toInstant(new BigDecimal(v));
    }
}
