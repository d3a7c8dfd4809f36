package io.chronosguard.cli;

import java.util.Locale;

/** Byte counts for people, exactly as restic prints them ({@code 1.500 MiB}, {@code 512 B}). */
final class Sizes {
    private Sizes() {
    }

    static String format(long bytes) {
        double b = bytes;
        if (Long.compareUnsigned(bytes, 1L << 40) > 0) {
            return String.format(Locale.ROOT, "%.3f TiB", b / (1L << 40));
        } else if (bytes > 1L << 30) {
            return String.format(Locale.ROOT, "%.3f GiB", b / (1L << 30));
        } else if (bytes > 1L << 20) {
            return String.format(Locale.ROOT, "%.3f MiB", b / (1L << 20));
        } else if (bytes > 1L << 10) {
            return String.format(Locale.ROOT, "%.3f KiB", b / (1L << 10));
        }
        return bytes + " B";
    }
}
