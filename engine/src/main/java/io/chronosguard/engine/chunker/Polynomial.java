package io.chronosguard.engine.chunker;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * A polynomial over GF(2) held in a {@code long} (bit i is the coefficient of x^i), as
 * restic stores the chunker polynomial in a repository's {@code config}: unsigned hex,
 * lowercase, no leading zeros, e.g. {@code 3da3358b4dc173}. Immutable.
 */
public final class Polynomial {

    /** restic gives up after as many draws; only a broken generator gets near it. */
    private static final int MAX_DRAWS = 1_000_000;
    private static final long LOW_54_BITS = (1L << 54) - 1;
    private static final int MAX_QUOTED = 40;

    private final long value;

    private Polynomial(long value) {
        this.value = value;
    }

    /** The polynomial whose coefficients are the bits of {@code value}, read unsigned. */
    public static Polynomial of(long value) {
        return new Polynomial(value);
    }

    /**
     * Parses unsigned hex as restic does ({@code strconv.ParseUint(s, 16, 64)}): digits
     * 0-9, a-f, A-F only, no sign or {@code 0x}, leading zeros allowed, at most 64 bits.
     *
     * @throws IllegalArgumentException naming the text if it is not such a number
     */
    public static Polynomial parse(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (hex.isEmpty() || !isHexDigits(hex)) {
            throw new IllegalArgumentException(
                    "chunker polynomial " + quote(hex) + " is not an unsigned hexadecimal number");
        }
        try {
            return new Polynomial(Long.parseUnsignedLong(hex, 16));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "chunker polynomial " + quote(hex) + " does not fit in 64 bits", e);
        }
    }

    /**
     * Draws a new chunker polynomial as {@code restic init} does: 8 random bytes read as a
     * little-endian integer, its low 54 bits kept, bits 53 and 0 set (degree 53, not divisible
     * by x), drawn again until irreducible. About one draw in 27 is.
     *
     * @throws IllegalStateException if a million draws give nothing irreducible
     */
    public static Polynomial random(RandomGenerator random) {
        Objects.requireNonNull(random, "random");
        byte[] bytes = new byte[8];
        for (int draw = 0; draw < MAX_DRAWS; draw++) {
            random.nextBytes(bytes);
            long bits = littleEndian(bytes) & LOW_54_BITS | 1L << 53 | 1L;
            Polynomial candidate = new Polynomial(bits);
            if (candidate.isIrreducible()) {
                return candidate;
            }
        }
        throw new IllegalStateException("no irreducible polynomial in " + MAX_DRAWS
                + " draws; the random generator is not random");
    }

    /** The coefficients as bits (unsigned). */
    public long value() {
        return value;
    }

    /** Lowercase hex without leading zeros, as in restic's config; "0" for zero. */
    public String hex() {
        return Long.toHexString(value);
    }

    /** The degree; -1 for the zero polynomial. */
    public int deg() {
        return Gf2.deg(value);
    }

    /**
     * Ben-Or's test: f of degree d is irreducible iff gcd(f, x^(2^i) - x mod f) = 1 for every
     * i = 1 .. d/2. Constants (degree 0 or less) are not irreducible.
     */
    public boolean isIrreducible() {
        int d = deg();
        if (d < 1) {
            return false;
        }
        long x = Gf2.mod(2, value);
        long xToTwoToI = x;
        for (int i = 1; i <= d / 2; i++) {
            xToTwoToI = Gf2.mulMod(xToTwoToI, xToTwoToI, value);
            if (Gf2.gcd(value, xToTwoToI ^ x) != 1) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Polynomial other && other.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return hex();
    }

    private static boolean isHexDigits(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    private static String quote(String s) {
        String shown = s.length() <= MAX_QUOTED ? s : s.substring(0, MAX_QUOTED) + "...";
        return '"' + shown + '"';
    }

    private static long littleEndian(byte[] b) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v;
    }
}
