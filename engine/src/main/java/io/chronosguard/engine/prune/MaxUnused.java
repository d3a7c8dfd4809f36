package io.chronosguard.engine.prune;

/**
 * How much unused space prune may leave behind ({@code --max-unused}): {@code unlimited}, a
 * percentage {@code p%} of the whole repository after pruning, or an absolute size. As in
 * restic, a percentage is turned into a byte limit from the used size {@code u}: unused may
 * be {@code p / (100 - p) * u}, so that unused / (used + unused) is at most p%.
 */
public final class MaxUnused {
    private enum Kind { UNLIMITED, PERCENT, BYTES }

    private final Kind kind;
    private final double percent;
    private final long bytes;
    private final String text;

    private MaxUnused(Kind kind, double percent, long bytes, String text) {
        this.kind = kind;
        this.percent = percent;
        this.bytes = bytes;
        this.text = text;
    }

    /** restic's default, 5%. */
    public static MaxUnused defaultLimit() {
        return parse("5%");
    }

    public static MaxUnused parse(String text) {
        String s = text == null ? "" : text.trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("invalid value \"" + text + "\": give unlimited, a percentage"
                    + " (e.g. 5%) or a size (e.g. 100m)");
        }
        if (s.equals("unlimited")) {
            return new MaxUnused(Kind.UNLIMITED, 0, 0, s);
        }
        if (s.endsWith("%")) {
            double p;
            try {
                p = Double.parseDouble(s.substring(0, s.length() - 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("invalid percentage \"" + text + "\"");
            }
            if (!(p >= 0)) {
                throw new IllegalArgumentException("percentage \"" + text + "\" must not be negative");
            }
            if (p >= 100) {
                throw new IllegalArgumentException("percentage \"" + text + "\" must be below 100%");
            }
            return new MaxUnused(Kind.PERCENT, p, 0, s);
        }
        return new MaxUnused(Kind.BYTES, 0, ByteSize.parse(s), s);
    }

    /** The unused bytes tolerated after pruning when {@code usedBytes} are in use. */
    public long limit(long usedBytes) {
        return switch (kind) {
            case UNLIMITED -> Long.MAX_VALUE;
            case PERCENT -> (long) (percent / (100 - percent) * usedBytes);
            case BYTES -> bytes;
        };
    }

    public boolean isUnlimited() {
        return kind == Kind.UNLIMITED;
    }

    @Override
    public String toString() {
        return text;
    }
}
