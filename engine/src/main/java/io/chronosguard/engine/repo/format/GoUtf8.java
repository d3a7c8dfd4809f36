package io.chronosguard.engine.repo.format;

/**
 * UTF-8 decoding with Go's exact rules ({@code utf8.DecodeRune}): shortest form only, no
 * surrogates, nothing above U+10FFFF, and every error consumes exactly <em>one</em> byte.
 * Java's decoders replace a bad sequence as a whole; Go's quoting and JSON encoding work
 * byte by byte, so byte-identical output needs Go's rule.
 */
final class GoUtf8 {
    /** Returned by {@link #decode} for a byte that does not start a valid sequence. */
    static final int INVALID = -1;

    private GoUtf8() {
    }

    /** The code point starting at {@code b[i]}, or {@link #INVALID} (then consume one byte). */
    static int decode(byte[] b, int i) {
        int b0 = b[i] & 0xFF;
        if (b0 < 0x80) {
            return b0;
        }
        if (b0 < 0xC2 || b0 > 0xF4) {
            return INVALID;
        }
        int n = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4;
        if (i + n > b.length) {
            return INVALID;
        }
        int b1 = b[i + 1] & 0xFF;
        // The second byte's range excludes overlong forms, surrogates and values > U+10FFFF.
        int lo = b0 == 0xE0 ? 0xA0 : b0 == 0xF0 ? 0x90 : 0x80;
        int hi = b0 == 0xED ? 0x9F : b0 == 0xF4 ? 0x8F : 0xBF;
        if (b1 < lo || b1 > hi) {
            return INVALID;
        }
        int cp = b0 & (0xFF >> (n + 1));
        cp = (cp << 6) | (b1 & 0x3F);
        for (int k = 2; k < n; k++) {
            int bk = b[i + k] & 0xFF;
            if (bk < 0x80 || bk > 0xBF) {
                return INVALID;
            }
            cp = (cp << 6) | (bk & 0x3F);
        }
        return cp;
    }

    /** Bytes in the UTF-8 form of {@code cp} (a valid, non-surrogate code point). */
    static int length(int cp) {
        return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    }

    /**
     * Decodes bytes the way Go's JSON encoder sees a string: each byte that is not part of a
     * valid sequence becomes U+FFFD.
     */
    static String toGoString(byte[] raw) {
        StringBuilder sb = new StringBuilder(raw.length);
        for (int i = 0; i < raw.length; ) {
            int cp = decode(raw, i);
            if (cp == INVALID) {
                sb.append('\uFFFD');
                i++;
            } else {
                sb.appendCodePoint(cp);
                i += length(cp);
            }
        }
        return sb.toString();
    }
}
