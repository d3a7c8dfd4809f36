package io.chronosguard.migration.legacy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Optional;

/**
 * Epoch numbers in legacy files (§9.9): below 1e11 they are seconds (the Rust rewrite);
 * otherwise milliseconds, after dividing by 1000 until below 1e14 — the modular rewrite
 * multiplied its millisecond start time by 1000 on every load and save, so 1.7e15, 1.7e18
 * and 1.7e21 (beyond 64 bits) all mean the same moment. Parsed as BigDecimal for that reason.
 */
public final class EpochValues {
    private static final BigDecimal SECONDS_BELOW = new BigDecimal("1e11");
    private static final BigDecimal MILLIS_BELOW = new BigDecimal("1e14");
    /** Far below anything Instant holds; stops huge negative values before any big arithmetic. */
    private static final BigDecimal EARLIEST_SECONDS = new BigDecimal("-1e17");

    private EpochValues() {
    }

    /** The instant {@code value} stands for, or empty when it is outside what {@link Instant} holds. */
    public static Optional<Instant> toInstant(BigDecimal value) {
        if (value.compareTo(EARLIEST_SECONDS) < 0) {
            return Optional.empty();
        }
        BigDecimal nanos;
        if (value.compareTo(SECONDS_BELOW) < 0) {
            nanos = value.movePointRight(9);
        } else {
            // Jump by whole factors of 1000 first: "1e999999999" must not loop a billion times.
            BigDecimal ms = value;
            int digits = ms.precision() - ms.scale();
            if (digits > 14) {
                ms = ms.movePointLeft(3 * ((digits - 14 + 2) / 3));
            }
            while (ms.compareTo(MILLIS_BELOW) >= 0) {
                ms = ms.movePointLeft(3);
            }
            nanos = ms.movePointRight(6);
        }
        BigDecimal[] parts = nanos.setScale(0, RoundingMode.FLOOR)
                .divideAndRemainder(BigDecimal.valueOf(1_000_000_000L));
        try {
            return Optional.of(Instant.ofEpochSecond(parts[0].longValueExact(), parts[1].longValueExact()));
        } catch (ArithmeticException | DateTimeException e) {
            return Optional.empty();
        }
    }
}
