package io.chronosguard.engine.repo.format;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Go's RFC 3339 with nanoseconds, as restic writes times (format §7.1). */
public final class ResticTime {
    private ResticTime() {
    }

    public static String format(OffsetDateTime t) {
        return Rfc3339.format(t);
    }

    public static OffsetDateTime parse(String s, String what) {
        try {
            return Rfc3339.parse(s);
        } catch (DateTimeParseException | NullPointerException e) {
            throw new FormatException(what + " has an unreadable time: " + s);
        }
    }
}
