package io.chronosguard.engine.crypto;

/**
 * scrypt cost parameters for a new key file. restic calibrates them per machine (about
 * 0.5 s and 60 MiB); we use fixed defaults inside those bounds, so every key we write opens
 * in restic as quickly as its own. Readers always take N, r and p from the key file.
 *
 * @param n cost: a power of two greater than 1
 * @param r block size, at least 1
 * @param p parallelism, at least 1, with r·p below 2^30
 */
public record KdfParams(int n, int r, int p) {
    /**
     * N = 2^15 and r = 8 take 32 MiB per lane (128·N·r bytes), inside restic's 60 MiB; p = 8
     * is what restic's own calibration (about 0.5 s on one thread) picks on a small server
     * (p = 6 to 9 here), so our keys are as costly to attack as restic's. {@link Scrypt} runs
     * the lanes in parallel: about 0.25 s on two cores.
     */
    public static final KdfParams DEFAULT = new KdfParams(32768, 8, 8);

    /** Rejects what restic would refuse to read back, naming the bad parameter. */
    public KdfParams {
        if (n <= 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt N must be a power of two greater than 1, got " + n);
        }
        if (r < 1 || p < 1) {
            throw new IllegalArgumentException("scrypt r and p must be at least 1, got r=" + r + " p=" + p);
        }
        if ((long) r * p >= 1L << 30) {
            throw new IllegalArgumentException("scrypt r·p must be below 2^30, got r=" + r + " p=" + p);
        }
    }
}
