package io.chronosguard.engine.repo.format;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * RFC 3339 times as Go writes them ({@code 2026-12-04T19:02:14.123456789+01:00}, trailing
 * zeros of the fraction trimmed, {@code Z} for UTC), read and written by hand. Every tree
 * node holds three; {@code java.time}'s formatter cost about a seventh of an unchanged
 * re-backup's CPU reading the parent trees and writing the new ones. Results equal
 * {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME}'s: anything outside the common shape is
 * handed to it, so its errors and leniency stay the same.
 */
final class Rfc3339 {
    private Rfc3339() {
    }

    /** As {@code OffsetDateTime.parse(s)}. */
    static OffsetDateTime parse(String s) {
        OffsetDateTime t = parseCommon(s);
        return t != null ? t : OffsetDateTime.parse(s);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)}, or null for anything else. */
    private static OffsetDateTime parseCommon(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':'
                || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nano = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nano = nano * 10 + (s.charAt(i) - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 9) {
                return null;
            }
            for (int k = len; k < 9; k++) {
                nano *= 10;
            }
        }
        ZoneOffset offset = offset(s, i);
        if (offset == null) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static ZoneOffset offset(String s, int i) {
        int n = s.length();
        if (i == n - 1 && s.charAt(i) == 'Z') {
            return ZoneOffset.UTC;
        }
        char sign = i < n ? s.charAt(i) : 0;
        if (i != n - 6 || sign != '+' && sign != '-' || s.charAt(i + 3) != ':') {
            return null;
        }
        int hours = digits(s, i + 1, 2);
        int minutes = digits(s, i + 4, 2);
        if (hours < 0 || minutes < 0 || hours > 18 || minutes > 59) {
            return null;
        }
        try {
            return ZoneOffset.ofTotalSeconds((hours * 3600 + minutes * 60) * (sign == '-' ? -1 : 1));
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** As {@code ISO_OFFSET_DATE_TIME.format(t)}. */
    static String format(OffsetDateTime t) {
        int year = t.getYear();
        int offsetSeconds = t.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offsetSeconds % 60 != 0) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t);
        }
        char[] c = new char[35];
        put(c, 0, year, 4);
        c[4] = '-';
        put(c, 5, t.getMonthValue(), 2);
        c[7] = '-';
        put(c, 8, t.getDayOfMonth(), 2);
        c[10] = 'T';
        put(c, 11, t.getHour(), 2);
        c[13] = ':';
        put(c, 14, t.getMinute(), 2);
        c[16] = ':';
        put(c, 17, t.getSecond(), 2);
        int len = 19;
        int nano = t.getNano();
        if (nano != 0) {
            c[len++] = '.';
            put(c, len, nano, 9);
            len += 9;
            while (c[len - 1] == '0') {
                len--;
            }
        }
        if (offsetSeconds == 0) {
            c[len++] = 'Z';
        } else {
            int minutes = Math.abs(offsetSeconds) / 60;
            c[len++] = offsetSeconds < 0 ? '-' : '+';
            put(c, len, minutes / 60, 2);
            c[len + 2] = ':';
            put(c, len + 3, minutes % 60, 2);
            len += 5;
        }
        return new String(c, 0, len);
    }

    private static void put(char[] c, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            c[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
