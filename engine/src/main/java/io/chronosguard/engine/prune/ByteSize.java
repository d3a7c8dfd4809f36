package io.chronosguard.engine.prune;

/**
 * Sizes as restic's {@code parseSizeStr} reads them: a whole number with an optional suffix
 * {@code b/B} (bytes), {@code k/K}, {@code m/M}, {@code g/G}, {@code t/T} (powers of 1024).
 */
public final class ByteSize {
    private ByteSize() {
    }

    /** The number of bytes {@code text} stands for; {@link IllegalArgumentException} naming it otherwise. */
    public static long parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("expected a size, got an empty string");
        }
        long unit = switch (Character.toLowerCase(s.charAt(s.length() - 1))) {
            case 'b' -> 1;
            case 'k' -> 1L << 10;
            case 'm' -> 1L << 20;
            case 'g' -> 1L << 30;
            case 't' -> 1L << 40;
            default -> 0;
        };
        String digits = unit == 0 ? s : s.substring(0, s.length() - 1);
        long n;
        try {
            n = Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid size \"" + text + "\": expected a whole number of bytes,"
                    + " optionally with a suffix k, m, g or t (e.g. 500m)");
        }
        if (n < 0) {
            throw new IllegalArgumentException("invalid size \"" + text + "\": must not be negative");
        }
        try {
            return Math.multiplyExact(n, unit == 0 ? 1 : unit);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("invalid size \"" + text + "\": too large");
        }
    }
}
