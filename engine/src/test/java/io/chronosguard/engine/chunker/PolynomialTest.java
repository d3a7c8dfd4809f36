package io.chronosguard.engine.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolynomialTest {

    @Test
    void parse_resticConfigHex_roundTripsThroughHex() {
        Polynomial p = Polynomial.parse("3da3358b4dc173");
        assertEquals(0x3da3358b4dc173L, p.value());
        assertEquals("3da3358b4dc173", p.hex());
        assertEquals("3da3358b4dc173", p.toString());
    }

    @Test
    void parse_upperCaseAndLeadingZeros_acceptedAsGoParseUintDoes() {
        assertEquals(0x384793295bb8c5L, Polynomial.parse("000384793295BB8C5").value());
    }

    @Test
    void parse_sixteenDigits_readUnsigned() {
        assertEquals(Long.MIN_VALUE, Polynomial.parse("8000000000000000").value());
        assertEquals("8000000000000000", Polynomial.of(Long.MIN_VALUE).hex());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0x3da3358b4dc173", "+3da3", "-1", " 3da3", "3da3\n", "xyz", "\uff13da3"})
    void parse_notUnsignedHex_throwsNamingTheText(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Polynomial.parse(text));
        assertEquals("chunker polynomial \"" + text + "\" is not an unsigned hexadecimal number", e.getMessage());
    }

    @Test
    void parse_moreThan64Bits_throwsNamingTheText() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Polynomial.parse("10000000000000000"));
        assertEquals("chunker polynomial \"10000000000000000\" does not fit in 64 bits", e.getMessage());
    }

    @Test
    void parse_hugeText_messageTruncatesIt() {
        String text = "z".repeat(10_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Polynomial.parse(text));
        assertEquals("chunker polynomial \"" + "z".repeat(40) + "...\" is not an unsigned hexadecimal number",
                e.getMessage());
    }

    @Test
    void parse_null_throwsNullPointerException() {
        assertThrows(NullPointerException.class, () -> Polynomial.parse(null));
    }

    @Test
    void hex_zero_isZero() {
        assertEquals("0", Polynomial.of(0).hex());
    }

    @Test
    void deg_vectorPolynomials_is53() {
        assertEquals(53, TestData.P1.deg());
        assertEquals(53, TestData.P2.deg());
        assertEquals(-1, Polynomial.of(0).deg());
    }

    @Test
    void isIrreducible_vectorPolynomials_true() {
        assertTrue(TestData.P1.isIrreducible());
        assertTrue(TestData.P2.isIrreducible());
    }

    @Test
    void isIrreducible_xPow53PlusOne_false() {
        // x^53 + 1 has the root 1, so x + 1 divides it: the draw of 8 zero bytes.
        assertFalse(Polynomial.of(1L << 53 | 1).isIrreducible());
    }

    @Test
    void isIrreducible_productOfDegree26And27Irreducibles_false() {
        // No factor below degree 26: only the last Ben-Or round (i = 26) can see it.
        long f26 = firstIrreducible(26);
        long f27 = firstIrreducible(27);
        long product = Gf2Test.clmul(f26, f27).longValueExact();
        assertEquals(53, Gf2.deg(product));
        assertFalse(Polynomial.of(product).isIrreducible());
    }

    @Test
    void isIrreducible_allOfDegree8And10_countsMatchNecklaceFormula() {
        // (2^8 - 2^4) / 8 = 30 and (2^10 - 2^5 - 2^2 + 2) / 10 = 99 irreducibles.
        assertEquals(30, countIrreducible(8));
        assertEquals(99, countIrreducible(10));
    }

    @Test
    void isIrreducible_constantsAndDegreeOne_falseFalseTrue() {
        assertFalse(Polynomial.of(0).isIrreducible());
        assertFalse(Polynomial.of(1).isIrreducible());
        assertTrue(Polynomial.of(0b10).isIrreducible());
        assertTrue(Polynomial.of(0b11).isIrreducible());
        assertFalse(Polynomial.of(0b100).isIrreducible());
    }

    @Test
    void random_seededGenerator_yieldsDistinctDegree53Irreducibles() {
        SplittableRandom random = new SplittableRandom(2024);
        Polynomial previous = null;
        for (int i = 0; i < 20; i++) {
            Polynomial p = Polynomial.random(random);
            assertEquals(53, p.deg());
            assertEquals(1, p.value() & 1);
            assertTrue(p.isIrreducible());
            assertNotEquals(previous, p);
            previous = p;
        }
    }

    @Test
    void random_secureRandom_yieldsDegree53Irreducible() {
        Polynomial p = Polynomial.random(new SecureRandom());
        assertEquals(53, p.deg());
        assertTrue(p.isIrreducible());
    }

    @Test
    void random_scriptedBytes_drawsAsResticInitDoes() {
        // Draw 1: eight zero bytes -> x^53 + 1, reducible, so draw again.
        // Draw 2: vector 1's polynomial with bits 53 and 0 cleared and garbage in bits 54..63,
        // little-endian: masking to 54 bits and setting bits 53 and 0 must give it back.
        long second = 0x3da3358b4dc173L ^ 1L << 53 ^ 1L | 0xFFC0_0000_0000_0000L;
        ScriptedBytes script = new ScriptedBytes(new byte[8], littleEndian(second));
        assertEquals(TestData.P1, Polynomial.random(script));
        assertEquals(0, script.remaining());
    }

    @Test
    void equals_sameValue_equalWithSameHashCode() {
        assertEquals(Polynomial.parse("3da3358b4dc173"), Polynomial.of(0x3da3358b4dc173L));
        assertEquals(Polynomial.parse("3da3358b4dc173").hashCode(), Polynomial.of(0x3da3358b4dc173L).hashCode());
        assertNotEquals(TestData.P1, TestData.P2);
    }

    private static long firstIrreducible(int degree) {
        for (long p = 1L << degree | 1; ; p += 2) {
            if (Polynomial.of(p).isIrreducible()) {
                return p;
            }
        }
    }

    private static int countIrreducible(int degree) {
        int count = 0;
        for (long p = 1L << degree; p < 1L << (degree + 1); p++) {
            count += Polynomial.of(p).isIrreducible() ? 1 : 0;
        }
        return count;
    }

    private static byte[] littleEndian(long v) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (v >>> (8 * i));
        }
        return b;
    }

    /** Hands out fixed byte arrays, one per nextBytes call. */
    private static final class ScriptedBytes implements RandomGenerator {
        private final Deque<byte[]> draws = new ArrayDeque<>();

        ScriptedBytes(byte[]... draws) {
            this.draws.addAll(List.of(draws));
        }

        int remaining() {
            return draws.size();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            byte[] next = draws.removeFirst();
            System.arraycopy(next, 0, bytes, 0, bytes.length);
        }

        @Override
        public long nextLong() {
            throw new UnsupportedOperationException("the draw must use nextBytes");
        }
    }
}
