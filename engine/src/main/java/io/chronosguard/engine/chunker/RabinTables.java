package io.chronosguard.engine.chunker;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The two lookup tables of restic's rolling Rabin fingerprint for one polynomial P of degree
 * k. Immutable and shared: one instance per polynomial, cached, because every chunker of a
 * repository uses the same P.
 */
final class RabinTables {

    static final int MIN_DEGREE = 9;
    /** k + 8 bits must fit in a long while a byte is shifted in. */
    static final int MAX_DEGREE = 56;
    /** A process sees one or two repositories; the bound only stops a leak. */
    private static final int CACHE_LIMIT = 64;
    private static final ConcurrentMap<Polynomial, RabinTables> CACHE = new ConcurrentHashMap<>();

    /** out[b]: fingerprint of byte b followed by 63 zero bytes, to drop the byte leaving. */
    final long[] out = new long[256];
    /** mod[b]: ((b << k) mod P) | (b << k); XORing it clears bits k..k+7 and reduces. */
    final long[] mod = new long[256];
    /** k - 8: shifting the digest right by this gives the byte that overflows on the next push. */
    final int shift;

    private RabinTables(Polynomial pol) {
        int k = pol.deg();
        if (k < MIN_DEGREE || k > MAX_DEGREE) {
            throw new IllegalArgumentException("chunker polynomial " + pol.hex() + " has degree " + k
                    + "; the chunker needs a degree from " + MIN_DEGREE + " to " + MAX_DEGREE);
        }
        if (!pol.isIrreducible()) {
            throw new IllegalArgumentException("chunker polynomial " + pol.hex() + " is reducible");
        }
        long p = pol.value();
        shift = k - 8;
        for (int b = 0; b < 256; b++) {
            long h = Gf2.mod(b, p);
            for (int i = 0; i < Chunker.WINDOW_SIZE - 1; i++) {
                h = Gf2.mod(h << 8, p);
            }
            out[b] = h;
            mod[b] = Gf2.mod((long) b << k, p) | (long) b << k;
        }
    }

    /**
     * The tables for {@code pol}, built on first use.
     *
     * @throws IllegalArgumentException if pol is reducible or its degree is outside 9..56
     */
    static RabinTables of(Polynomial pol) {
        RabinTables tables = CACHE.get(pol);
        if (tables != null) {
            return tables;
        }
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        return CACHE.computeIfAbsent(pol, RabinTables::new);
    }

    /** The Rabin fingerprint (mod P) of data[from..to), i.e. those bytes pushed into a zero digest. */
    long fingerprint(byte[] data, int from, int to) {
        long digest = 0;
        for (int i = from; i < to; i++) {
            digest = (digest << 8 | (data[i] & 0xFF)) ^ mod[(int) (digest >>> shift)];
        }
        return digest;
    }
}
