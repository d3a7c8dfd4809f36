package io.chronosguard.config;

import java.util.Objects;

/**
 * A password or other secret held as characters. It never prints: {@link #toString()} is
 * {@code "***"}, so a secret inside a record, a log line or an error message shows nothing.
 */
public final class Secret {
    private final char[] chars;

    private Secret(char[] chars) {
        this.chars = chars;
    }

    /** Wraps a copy of {@code chars}; the caller may then overwrite its array. */
    public static Secret of(char[] chars) {
        return new Secret(Objects.requireNonNull(chars, "chars").clone());
    }

    public static Secret of(String value) {
        return new Secret(Objects.requireNonNull(value, "value").toCharArray());
    }

    /** A fresh copy of the characters; overwrite it once used. */
    public char[] reveal() {
        return chars.clone();
    }

    public int length() {
        return chars.length;
    }

    /** Compares in time that does not depend on where the contents differ. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Secret other) || other.chars.length != chars.length) {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < chars.length; i++) {
            diff |= chars[i] ^ other.chars[i];
        }
        return diff == 0;
    }

    /** Constant: a hash of the contents would be a cheap oracle for them. */
    @Override
    public int hashCode() {
        return 0x5ec7e7;
    }

    @Override
    public String toString() {
        return "***";
    }
}
