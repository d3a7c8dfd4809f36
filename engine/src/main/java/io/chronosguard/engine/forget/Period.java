package io.chronosguard.engine.forget;

import java.time.OffsetDateTime;
import java.time.temporal.IsoFields;

/**
 * The calendar buckets of the {@code --keep-hourly} … {@code --keep-yearly} rules. A snapshot's
 * bucket is read from its wall clock in its own zone (the offset it was written with), exactly
 * like restic's {@code ymdh}, {@code ymd}, {@code yw} (ISO 8601 week-based year and week),
 * {@code ym} and {@code y}. Keys are longs because restic's are 64-bit: {@code YYYYMMDDHH}
 * passes {@code int} in the year 2148.
 */
public enum Period {
    HOURLY("hourly"),
    DAILY("daily"),
    WEEKLY("weekly"),
    MONTHLY("monthly"),
    YEARLY("yearly");

    private final String label;

    Period(String label) {
        this.label = label;
    }

    /** The word restic uses in reasons and policy descriptions. */
    public String label() {
        return label;
    }

    /** The bucket {@code t} falls into; equal keys mean the same hour, day, week, month or year. */
    public long key(OffsetDateTime t) {
        long y = t.getYear();
        return switch (this) {
            case HOURLY -> y * 1_000_000 + t.getMonthValue() * 10_000L + t.getDayOfMonth() * 100L + t.getHour();
            case DAILY -> y * 10_000 + t.getMonthValue() * 100L + t.getDayOfMonth();
            case WEEKLY -> t.get(IsoFields.WEEK_BASED_YEAR) * 100L + t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTHLY -> y * 100 + t.getMonthValue();
            case YEARLY -> y;
        };
    }
}
