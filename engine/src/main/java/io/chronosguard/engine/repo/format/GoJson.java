package io.chronosguard.engine.repo.format;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The two value encodings of Go's {@code encoding/json} (Go 1.19, restic 0.14's compiler) that
 * tree bytes depend on: strings (§8.3) and {@code time.Time} (§7.1). Jackson's escaping differs
 * (it leaves {@code < > &} and U+2028 raw), so byte-identical trees need this.
 */
final class GoJson {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoJson() {
    }

    /**
     * Appends {@code s} as a quoted JSON string escaped exactly as Go escapes it: {@code \" \\
     * \n \r \t}, other controls as <code>&#92;u00xx</code>, {@code < > &} as
     * <code>&#92;u003c &#92;u003e &#92;u0026</code>, U+2028/U+2029 as escapes, everything else
     * raw UTF-8.
     *
     * <p>Go turns each byte of invalid UTF-8 into <code>&#92;ufffd</code>. A Java string cannot
     * hold such bytes, so they reach us as U+FFFD (see {@link GoUtf8#toGoString}) or, from a
     * parsed tree, as the decoded <code>&#92;ufffd</code>. With {@code replacementEscaped} every
     * U+FFFD and every lone surrogate is written as <code>&#92;ufffd</code>, which reproduces
     * restic's bytes for the common case (an invalid link target); only a genuine U+FFFD
     * character, which restic writes raw, then differs in bytes but not in meaning. Names,
     * already Go-quoted and thus valid, pass {@code false}: Go quoting keeps a genuine U+FFFD raw.
     */
    static void appendString(JsonBytes out, String s, boolean replacementEscaped) {
        out.put('"');
        int n = s.length();
        for (int i = 0; i < n; ) {
            char c = s.charAt(i);
            if (c < 0x80) {
                appendAscii(out, c);
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            boolean lone = cp >= 0xD800 && cp <= 0xDFFF;
            if (lone || (cp == 0xFFFD && replacementEscaped)) {
                out.ascii("\\ufffd");
            } else if (cp == 0x2028 || cp == 0x2029) {
                out.ascii(cp == 0x2028 ? "\\u2028" : "\\u2029");
            } else {
                out.codePoint(cp);
            }
        }
        out.put('"');
    }

    private static void appendAscii(JsonBytes out, char c) {
        switch (c) {
            case '"' -> out.ascii("\\\"");
            case '\\' -> out.ascii("\\\\");
            case '\n' -> out.ascii("\\n");
            case '\r' -> out.ascii("\\r");
            case '\t' -> out.ascii("\\t");
            case '<', '>', '&' -> hexEscape(out, c);
            default -> {
                if (c < 0x20) {
                    hexEscape(out, c); // Go 1.19 has no \b or \f short forms
                } else {
                    out.put(c);
                }
            }
        }
    }

    private static void hexEscape(JsonBytes out, char c) {
        out.ascii("\\u00").put(HEX[c >> 4]).put(HEX[c & 0xF]);
    }

    /**
     * Go's {@code time.Time} JSON form, RFC 3339 with trimmed nanoseconds. For whole-minute
     * offsets (every offset after 1972) that is {@code ISO_OFFSET_DATE_TIME}; for a historic
     * offset with seconds (local mean time) Go prints only its whole minutes, truncated toward
     * zero, so do the same rather than emit {@code +00:19:32}, which Go cannot parse.
     *
     * @throws IllegalArgumentException for a year outside 0…9999, which Go refuses to encode
     */
    static String formatTime(OffsetDateTime t) {
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            throw new IllegalArgumentException("time " + t
                    + " has a year outside 0..9999, which restic cannot store");
        }
        int offsetSeconds = t.getOffset().getTotalSeconds();
        if (offsetSeconds % 60 == 0) {
            return Rfc3339.format(t);
        }
        int minutes = offsetSeconds / 60;
        int abs = Math.abs(minutes);
        return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(t.toLocalDateTime())
                + (minutes < 0 ? '-' : '+')
                + String.format("%02d:%02d", abs / 60, abs % 60);
    }
}
