package io.chronosguard.engine.repo.format;

import java.io.ByteArrayOutputStream;

/**
 * Go's {@code strconv.Quote} without the surrounding quotes, and its inverse (format §8.2).
 * restic stores every node name this way, inside a JSON string. Names are raw bytes because
 * they may be invalid UTF-8: {@code \xHH} and {@code \OOO} stand for single raw bytes.
 */
public final class GoQuote {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private GoQuote() {
    }

    /** Exactly what Go's {@code strconv.Quote(string(raw))} returns, minus the outer quotes. */
    public static String quote(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length + 8);
        for (int i = 0; i < raw.length; ) {
            int cp = GoUtf8.decode(raw, i);
            if (cp == GoUtf8.INVALID) {
                appendHexByte(sb, raw[i] & 0xFF);
                i++;
            } else {
                appendRune(sb, cp);
                i += GoUtf8.length(cp);
            }
        }
        return sb.toString();
    }

    private static void appendRune(StringBuilder sb, int cp) {
        if (cp == '"' || cp == '\\') {
            sb.append('\\').append((char) cp);
        } else if (isPrint(cp)) {
            sb.appendCodePoint(cp);
        } else if (cp < 0x80) {
            appendAsciiEscape(sb, cp);
        } else if (cp < 0x10000) {
            sb.append("\\u");
            appendHex(sb, cp, 4);
        } else {
            sb.append("\\U");
            appendHex(sb, cp, 8);
        }
    }

    private static void appendAsciiEscape(StringBuilder sb, int c) {
        switch (c) {
            case 0x07 -> sb.append("\\a");
            case '\b' -> sb.append("\\b");
            case '\f' -> sb.append("\\f");
            case '\n' -> sb.append("\\n");
            case '\r' -> sb.append("\\r");
            case '\t' -> sb.append("\\t");
            case 0x0B -> sb.append("\\v");
            default -> appendHexByte(sb, c); // other controls below 0x20, and 0x7F
        }
    }

    private static void appendHexByte(StringBuilder sb, int b) {
        sb.append("\\x").append(HEX[b >> 4]).append(HEX[b & 0xF]);
    }

    private static void appendHex(StringBuilder sb, int v, int digits) {
        for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
            sb.append(HEX[(v >> shift) & 0xF]);
        }
    }

    /**
     * Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and U+0020.
     * Java 17 and Go 1.19 (restic 0.14's compiler) both use Unicode 13.0.
     */
    static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /**
     * The raw bytes a Go-quoted string (already JSON-decoded, without outer quotes) stands for.
     * Accepts {@code \a \b \f \n \r \t \v \\ \" \'}, {@code \xHH} and {@code \OOO} (one raw
     * byte each), <code>&#92;uHHHH</code> and <code>&#92;UHHHHHHHH</code> (a code point, UTF-8
     * encoded); every other character stands for itself, UTF-8 encoded (a lone surrogate, which
     * Go's JSON decoder would have replaced, as U+FFFD). More lenient than Go, which rejects
     * {@code \'} and a raw {@code "} inside a double-quoted string: restic never writes them.
     *
     * @throws IllegalArgumentException for a malformed escape, naming its position
     */
    public static byte[] unquote(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c != '\\') {
                int cp = s.codePointAt(i);
                i += Character.charCount(cp);
                writeUtf8(out, cp >= 0xD800 && cp <= 0xDFFF ? 0xFFFD : cp);
                continue;
            }
            i = unescape(s, i, out);
        }
        return out.toByteArray();
    }

    /** Decodes the escape at {@code s[start] == '\\'}; returns the index after it. */
    private static int unescape(String s, int start, ByteArrayOutputStream out) {
        if (start + 1 >= s.length()) {
            throw malformed(s, start, "a backslash at the end");
        }
        char e = s.charAt(start + 1);
        int simple = simpleEscape(e);
        if (simple >= 0) {
            out.write(simple);
            return start + 2;
        }
        switch (e) {
            case 'x' -> {
                out.write(parseDigits(s, start, start + 2, 2, 16));
                return start + 4;
            }
            case 'u', 'U' -> {
                int digits = e == 'u' ? 4 : 8;
                int cp = parseDigits(s, start, start + 2, digits, 16);
                if (cp > Character.MAX_CODE_POINT || (cp >= 0xD800 && cp <= 0xDFFF)) {
                    throw malformed(s, start, "\\" + e + " names no valid code point");
                }
                writeUtf8(out, cp);
                return start + 2 + digits;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                int v = parseDigits(s, start, start + 1, 3, 8); // \OOO: the letter is a digit
                if (v > 0xFF) {
                    throw malformed(s, start, "octal escape above \\377");
                }
                out.write(v);
                return start + 4;
            }
            default -> throw malformed(s, start, "unknown escape \\" + e);
        }
    }

    private static int simpleEscape(char e) {
        return switch (e) {
            case 'a' -> 0x07;
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'v' -> 0x0B;
            case '\\', '"', '\'' -> e;
            default -> -1;
        };
    }

    /** Parses {@code count} digits at {@code s[from...]} for the escape at {@code escape}. */
    private static int parseDigits(String s, int escape, int from, int count, int radix) {
        if (from + count > s.length()) {
            throw malformed(s, escape, "escape cut short: needs " + count + " digits");
        }
        long v = 0;
        for (int k = from; k < from + count; k++) {
            int d = Character.digit(s.charAt(k), radix);
            if (d < 0 || s.charAt(k) > 0x7F) {
                throw malformed(s, k, "'" + s.charAt(k) + "' is not a base-" + radix + " digit");
            }
            v = v * radix + d;
        }
        return v > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) v;
    }

    private static void writeUtf8(ByteArrayOutputStream out, int cp) {
        if (cp < 0x80) {
            out.write(cp);
        } else if (cp < 0x800) {
            out.write(0xC0 | cp >> 6);
            out.write(0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            out.write(0xE0 | cp >> 12);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        } else {
            out.write(0xF0 | cp >> 18);
            out.write(0x80 | cp >> 12 & 0x3F);
            out.write(0x80 | cp >> 6 & 0x3F);
            out.write(0x80 | cp & 0x3F);
        }
    }

    private static IllegalArgumentException malformed(String s, int pos, String problem) {
        return new IllegalArgumentException("malformed Go-quoted name at position " + pos + ": "
                + problem + " in \"" + s + "\"");
    }
}
