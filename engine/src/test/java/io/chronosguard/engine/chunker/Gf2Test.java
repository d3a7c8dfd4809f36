package io.chronosguard.engine.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Gf2Test {

    @Test
    void deg_zeroOneAndTopBit_areMinusOneZeroAnd63() {
        assertEquals(-1, Gf2.deg(0));
        assertEquals(0, Gf2.deg(1));
        assertEquals(53, Gf2.deg(0x3da3358b4dc173L));
        assertEquals(63, Gf2.deg(Long.MIN_VALUE));
    }

    @Test
    void mod_dividendOfLowerDegree_returnsDividend() {
        assertEquals(0x1234L, Gf2.mod(0x1234L, 0x3da3358b4dc173L));
    }

    @Test
    void mod_zeroDivisor_throwsArithmeticException() {
        assertThrows(ArithmeticException.class, () -> Gf2.mod(5, 0));
    }

    @Test
    void mulMod_degree52Operands_matchesFull105BitProductReduced() {
        // The product of two degree-52 polynomials needs 105 bits; a naive long product overflows.
        SplittableRandom random = new SplittableRandom(7);
        for (long p : new long[] {0x3da3358b4dc173L, 0x384793295bb8c5L}) {
            for (int n = 0; n < 2000; n++) {
                long a = random.nextLong() >>> 11;
                long b = random.nextLong() >>> 11;
                assertEquals(referenceMulMod(a, b, p), Gf2.mulMod(a, b, p),
                        () -> Long.toHexString(a) + " * " + Long.toHexString(b));
            }
        }
    }

    @Test
    void mulMod_operandsAbovePolynomialDegree_reducesThemFirst() {
        long p = 0x3da3358b4dc173L;
        long a = -1L;
        long b = 0x7fff_0000_ffff_0000L;
        assertEquals(referenceMulMod(a, b, p), Gf2.mulMod(a, b, p));
    }

    @Test
    void mulMod_degree63Modulus_doesNotLoseTheTopBit() {
        long p = Long.MIN_VALUE | 0x1b;
        long a = 0x4000_0000_0000_0001L;
        assertEquals(referenceMulMod(a, 2, p), Gf2.mulMod(a, 2, p));
    }

    @Test
    void gcd_polynomialsSharingXPlusOne_returnsXPlusOne() {
        long xPlus1 = 0b11;
        long a = clmul(xPlus1, 0b111).longValueExact();   // (x+1)(x^2+x+1)
        long b = clmul(xPlus1, 0b1011).longValueExact();  // (x+1)(x^3+x+1)
        assertEquals(xPlus1, Gf2.gcd(a, b));
        assertEquals(xPlus1, Gf2.gcd(b, a));
    }

    @Test
    void gcd_withZero_returnsOther() {
        assertEquals(0b1011L, Gf2.gcd(0b1011, 0));
        assertEquals(0b1011L, Gf2.gcd(0, 0b1011));
    }

    /** Carry-less product in a BigInteger, so nothing can overflow. */
    static BigInteger clmul(long a, long b) {
        BigInteger ua = new BigInteger(Long.toUnsignedString(a));
        BigInteger ub = new BigInteger(Long.toUnsignedString(b));
        BigInteger product = BigInteger.ZERO;
        for (int i = 0; i < ub.bitLength(); i++) {
            if (ub.testBit(i)) {
                product = product.xor(ua.shiftLeft(i));
            }
        }
        return product;
    }

    private static long referenceMulMod(long a, long b, long p) {
        BigInteger r = clmul(a, b);
        BigInteger up = new BigInteger(Long.toUnsignedString(p));
        int dp = up.bitLength() - 1;
        while (r.bitLength() - 1 >= dp) {
            r = r.xor(up.shiftLeft(r.bitLength() - 1 - dp));
        }
        return r.longValue();
    }
}
