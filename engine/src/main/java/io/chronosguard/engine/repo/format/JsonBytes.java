package io.chronosguard.engine.repo.format;

import java.util.Arrays;

/** A growable byte buffer for writing JSON; unsynchronised, unlike ByteArrayOutputStream. */
final class JsonBytes {
    private byte[] buf;
    private int size;

    JsonBytes(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    private void ensure(int extra) {
        if (size + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + extra));
        }
    }

    JsonBytes put(int b) {
        ensure(1);
        buf[size++] = (byte) b;
        return this;
    }

    /** Appends an ASCII-only string, one byte per char. */
    JsonBytes ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[size++] = (byte) s.charAt(i);
        }
        return this;
    }

    /** Appends the UTF-8 form of a valid code point. */
    JsonBytes codePoint(int cp) {
        ensure(4);
        if (cp < 0x80) {
            buf[size++] = (byte) cp;
        } else if (cp < 0x800) {
            buf[size++] = (byte) (0xC0 | cp >> 6);
            buf[size++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            buf[size++] = (byte) (0xE0 | cp >> 12);
            buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[size++] = (byte) (0x80 | cp & 0x3F);
        } else {
            buf[size++] = (byte) (0xF0 | cp >> 18);
            buf[size++] = (byte) (0x80 | cp >> 12 & 0x3F);
            buf[size++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[size++] = (byte) (0x80 | cp & 0x3F);
        }
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
