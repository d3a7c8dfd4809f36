package io.chronosguard.engine.forget;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * restic's calendar duration for {@code --keep-within*}: years, months, days and hours, written
 * like {@code 1y5m7d2h} ({@code m} is months; there are no minutes). Parsing and printing follow
 * restic 0.14's {@code internal/restic/duration.go}; subtracting from a time follows Go's
 * {@code AddDate(-y, -m, -d).Add(-h)}, whose month arithmetic overflows into the next month
 * (31 March minus one month is 3 March, not 28 February as in {@code java.time}).
 */
public record RetentionDuration(int years, int months, int days, int hours) {
    public static final RetentionDuration ZERO = new RetentionDuration(0, 0, 0, 0);

    /**
     * Parses restic's format: pairs of an optionally negative integer and a unit {@code y m d h},
     * surrounding white space ignored, a later pair of the same unit replacing an earlier one,
     * the empty string meaning zero.
     *
     * @throws IllegalArgumentException with restic's reason when {@code text} is malformed
     */
    public static RetentionDuration parse(String text) {
        String s = text.strip();
        int[] v = new int[4];
        int i = 0;
        while (i < s.length()) {
            int start = i;
            if (s.charAt(i) == '-') {
                i++;
            }
            int digits = i;
            while (i < s.length() && isGoNumber(s.codePointAt(i))) {
                i += Character.charCount(s.codePointAt(i));
            }
            if (i == digits) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\": no number found"
                        + hint());
            }
            int num = number(s.substring(start, i), text);
            if (i == s.length()) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\": no unit found after number "
                        + num + hint());
            }
            int unit = "ymdh".indexOf(s.charAt(i));
            if (unit < 0) {
                throw new IllegalArgumentException("invalid duration \"" + text + "\": invalid unit '"
                        + Character.toString(s.codePointAt(i)) + "' found after number " + num + hint());
            }
            v[unit] = num;
            i++;
        }
        return new RetentionDuration(v[0], v[1], v[2], v[3]);
    }

    private static String hint() {
        return " (write numbers with the units y, m, d and h, e.g. 1y5m7d2h; m means months)";
    }

    /** Go's {@code unicode.IsNumber}: restic scans these as digits, then only ASCII ones convert. */
    private static boolean isGoNumber(int cp) {
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    private static int number(String digits, String text) {
        try {
            if (!digits.matches("-?[0-9]+")) {
                throw new NumberFormatException("not ASCII digits");
            }
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            // restic 0.14 panics on these (non-ASCII digits, or too large for its int)
            throw new IllegalArgumentException("invalid duration \"" + text + "\": \"" + digits
                    + "\" is not a number between -2147483648 and 2147483647" + hint(), e);
        }
    }

    public boolean isZero() {
        return years == 0 && months == 0 && days == 0 && hours == 0;
    }

    public boolean hasNegativePart() {
        return years < 0 || months < 0 || days < 0 || hours < 0;
    }

    /** restic's {@code Duration.String()}: non-zero parts only, e.g. {@code 1y2m}; zero is empty. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (years != 0) {
            b.append(years).append('y');
        }
        if (months != 0) {
            b.append(months).append('m');
        }
        if (days != 0) {
            b.append(days).append('d');
        }
        if (hours != 0) {
            b.append(hours).append('h');
        }
        return b.toString();
    }

    /**
     * The instant this duration before {@code t}, computed as Go computes
     * {@code t.AddDate(-years, -months, -days).Add(-hours * time.Hour)}. {@code local} is the
     * zone Go would call Local: when {@code t}'s offset is the one {@code local} has at that
     * instant, Go parsed the time into Local, so the calendar step follows Local's daylight
     * saving rules; other times keep their fixed offset. Far outside {@code java.time}'s range
     * the result is {@link Instant#MIN}, i.e. before every snapshot.
     */
    public Instant before(OffsetDateTime t, ZoneId local) {
        ZoneId zone = goLocation(t, local);
        LocalDateTime wall = t.toLocalDateTime();
        try {
            // Go's Date() normalises the month first, then lets the day overflow.
            long month0 = wall.getMonthValue() - 1L - months;
            long year = wall.getYear() - (long) years + Math.floorDiv(month0, 12);
            int month = (int) Math.floorMod(month0, 12) + 1;
            LocalDate date = LocalDate.of(Math.toIntExact(year), month, 1)
                    .plusDays(wall.getDayOfMonth() - 1L - days);
            ZonedDateTime shifted = ZonedDateTime.ofLocal(date.atTime(wall.toLocalTime()), zone, null);
            return shifted.toInstant().minusSeconds(3600L * hours);
        } catch (DateTimeException | ArithmeticException e) {
            return Instant.MIN;
        }
    }

    /** The location Go's {@code time.Parse} gives an RFC 3339 time (see {@link #before}). */
    static ZoneId goLocation(OffsetDateTime t, ZoneId local) {
        ZoneOffset offset = t.getOffset();
        if (offset.getTotalSeconds() == 0) {
            return ZoneOffset.UTC; // Go writes a zero offset as "Z", which parses to UTC
        }
        return local.getRules().getOffset(t.toInstant()).equals(offset) ? local : offset;
    }
}
