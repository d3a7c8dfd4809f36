package io.chronosguard.engine.chunker;

/**
 * Arithmetic on polynomials over GF(2) held in a {@code long}: bit i is the coefficient of
 * x^i, all 64 bits unsigned. Addition is XOR. Products are reduced step by step so that no
 * intermediate value needs more than 64 bits.
 */
final class Gf2 {

    private Gf2() {
    }

    /** The degree of {@code p}; -1 for the zero polynomial. */
    static int deg(long p) {
        return 63 - Long.numberOfLeadingZeros(p);
    }

    /** {@code a mod p}. */
    static long mod(long a, long p) {
        int dp = deg(p);
        if (dp < 0) {
            throw new ArithmeticException("polynomial division by zero");
        }
        for (int da = deg(a); da >= dp; da = deg(a)) {
            a ^= p << (da - dp);
        }
        return a;
    }

    /**
     * {@code a * b mod p} without forming the full product (two degree-52 factors would need
     * 105 bits): Horner over the bits of b, multiplying by x and reducing at every step.
     */
    static long mulMod(long a, long b, long p) {
        a = mod(a, p);
        b = mod(b, p);
        long top = 1L << deg(p);
        long res = 0;
        for (int i = deg(b); i >= 0; i--) {
            res <<= 1;
            if ((res & top) != 0) {
                res ^= p;
            }
            if ((b >>> i & 1) != 0) {
                res ^= a;
            }
        }
        return res;
    }

    /** The greatest common divisor of a and b (Euclid). */
    static long gcd(long a, long b) {
        while (b != 0) {
            long r = mod(a, b);
            a = b;
            b = r;
        }
        return a;
    }
}
