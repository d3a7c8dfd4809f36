package io.chronosguard.migration.legacy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The legacy tool's naive local times ({@code "YYYY-MM-DD HH:MM:SS"}, also with {@code T}),
 * read strictly and placed in the legacy zone as {@link ZonedDateTime#of} does: in an overlap
 * the earlier offset, in a gap shifted forward by the gap's length (§9.8). Never rejects a
 * real calendar time.
 */
public final class LegacyTime {
    private static final Pattern SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}");
    private static final DateTimeFormatter STRICT = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);

    /** A time placed in a zone, with a note when DST made it ambiguous or nonexistent. */
    public record Placed(Instant instant, Optional<String> dstNote) {
    }

    private LegacyTime() {
    }

    /**
     * Parses a legacy date string.
     *
     * @return the local time, or empty when {@code text} has another shape or is no real
     *         calendar time (Feb 30, 24:00:00, ...); {@link #problem} says which
     */
    public static Optional<LocalDateTime> parse(String text) {
        return problem(text) == null
                ? Optional.of(LocalDateTime.parse(text.replace('T', ' '), STRICT))
                : Optional.empty();
    }

    /** Why {@code text} is not a legacy date, or null when it is one. */
    public static String problem(String text) {
        if (!SHAPE.matcher(text).matches()) {
            return "date " + quote(text) + " is not in the form YYYY-MM-DD HH:MM:SS";
        }
        try {
            LocalDateTime.parse(text.replace('T', ' '), STRICT);
            return null;
        } catch (DateTimeException e) {
            return "date " + quote(text) + " is not a real calendar time";
        }
    }

    /** {@code local} in {@code zone}, resolved as {@code ZonedDateTime.of} resolves it. */
    public static Placed place(LocalDateTime local, ZoneId zone) {
        ZonedDateTime zoned = ZonedDateTime.of(local, zone);
        List<?> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.size() == 1) {
            return new Placed(zoned.toInstant(), Optional.empty());
        }
        ZoneOffsetTransition t = zone.getRules().getTransition(local);
        String note = offsets.isEmpty()
                ? local + " does not exist in " + zone + " (clocks jumped forward at " + t.getDateTimeBefore()
                        + "); read as " + zoned.toOffsetDateTime()
                : local + " happened twice in " + zone + " (clocks went back at " + t.getDateTimeBefore()
                        + "); read as the earlier " + zoned.toOffsetDateTime();
        return new Placed(zoned.toInstant(), Optional.of(note));
    }

    /** A string for messages: quoted and escaped, and cut when long. */
    static String quote(String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "..." : text;
        StringBuilder sb = new StringBuilder("'");
        shown.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.appendCodePoint(cp);
            }
        });
        return sb.append('\'').toString();
    }
}
