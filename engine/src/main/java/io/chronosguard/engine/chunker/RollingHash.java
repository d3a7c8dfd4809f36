package io.chronosguard.engine.chunker;

/**
 * The rolling fingerprint of the last 64 bytes, as restic slides it. Instead of a ring
 * buffer it reads the byte leaving the window at {@code data[i - 64]}: callers keep the
 * 64 bytes before their current position in the same array. Mutable; one per chunker.
 */
final class RollingHash {

    private final long[] out;
    private final long[] mod;
    private final int shift;
    private long digest;

    RollingHash(RabinTables tables) {
        this.out = tables.out;
        this.mod = tables.mod;
        this.shift = tables.shift;
    }

    /** Starts a new window of 64 zero bytes (whose fingerprint is 0). */
    void reset() {
        digest = 0;
    }

    /** The fingerprint of the window. */
    long digest() {
        return digest;
    }

    /**
     * Pushes data[from..to) while the bytes leaving the window are still the zeros of
     * {@link #reset()}, i.e. for the first 64 bytes after it.
     */
    void warmUp(byte[] data, int from, int to) {
        long d = digest;
        final long[] mod = this.mod;
        final int shift = this.shift;
        for (int i = from; i < to; i++) {
            d = (d << 8 | (data[i] & 0xFF)) ^ mod[(int) (d >>> shift)];
        }
        digest = d;
    }

    /**
     * Slides data[from..to) into the window, data[i - 64] leaving as data[i] enters, and stops
     * at the first byte after which the fingerprint has its low 20 bits zero.
     *
     * @return the index of that byte (the chunk ends after it), or -1 if there is none
     */
    int scan(byte[] data, int from, int to) {
        // The hot loop of a backup: locals only, no calls; the digest chain is its latency.
        long d = digest;
        final long[] out = this.out;
        final long[] mod = this.mod;
        final int shift = this.shift;
        for (int i = from; i < to; i++) {
            d ^= out[data[i - Chunker.WINDOW_SIZE] & 0xFF];
            d = (d << 8 | (data[i] & 0xFF)) ^ mod[(int) (d >>> shift)];
            if ((d & Chunker.SPLIT_MASK) == 0) {
                digest = d;
                return i;
            }
        }
        digest = d;
        return -1;
    }
}
