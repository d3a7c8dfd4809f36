package io.chronosguard.engine.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RabinTablesTest {

    @Test
    void of_vector1Polynomial_tablesMatchSpec() {
        RabinTables t = RabinTables.of(TestData.P1);
        assertEquals(0x17eb4232e19216L, t.out[1]);
        assertEquals(0xb80b98cecc39aL, t.out[255]);
        assertEquals(0x3da3358b4dc173L, t.mod[1]);
        assertEquals(0x1ff7ac8a5af476a7L, t.mod[255]);
        assertEquals(45, t.shift);
    }

    @Test
    void of_vector2Polynomial_tablesMatchSpec() {
        RabinTables t = RabinTables.of(TestData.P2);
        assertEquals(0x1125a6ae7e7ae7L, t.out[1]);
        assertEquals(0x1fef7813438b279fL, t.mod[255]);
    }

    @Test
    void of_samePolynomialTwice_returnsCachedInstance() {
        assertSame(RabinTables.of(TestData.P1), RabinTables.of(Polynomial.parse("3da3358b4dc173")));
    }

    @Test
    void of_reduciblePolynomial_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RabinTables.of(Polynomial.of(1L << 53 | 1)));
        assertEquals("chunker polynomial 20000000000001 is reducible", e.getMessage());
    }

    @Test
    void of_degreeOutsideNineTo56_throwsNamingIt() {
        IllegalArgumentException low = assertThrows(IllegalArgumentException.class,
                () -> RabinTables.of(Polynomial.of(0x11b)));
        assertEquals("chunker polynomial 11b has degree 8; the chunker needs a degree from 9 to 56",
                low.getMessage());
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
                () -> RabinTables.of(Polynomial.of(1L << 57 | 1)));
        assertEquals("chunker polynomial 200000000000001 has degree 57; the chunker needs a degree from 9 to 56",
                high.getMessage());
    }

    @Test
    void out_everyByte_isFingerprintOfByteAnd63Zeros() {
        RabinTables t = RabinTables.of(TestData.P2);
        for (int b = 0; b < 256; b++) {
            byte[] window = new byte[64];
            window[0] = (byte) b;
            assertEquals(t.fingerprint(window, 0, 64), t.out[b], "out[" + b + "]");
        }
    }

    @Test
    void fingerprint_first64BytesOfVectorData_matchesSpec() {
        byte[] data = TestData.generate(64);
        assertEquals(0x61cc7b36c983cL, RabinTables.of(TestData.P1).fingerprint(data, 0, 64));
    }

    @Test
    void fingerprint_64BytesBeforeFirstCut_matchesSpec() {
        byte[] data = TestData.generate(2_026_396);
        assertEquals(0x1d3ff24c00000L, RabinTables.of(TestData.P1).fingerprint(data, 2_026_332, 2_026_396));
    }

    @Test
    void fingerprint_randomBytes_equalsRemainderComputedWithGf2() {
        // Independent of the tables: the bytes as a polynomial (first byte highest) mod P.
        SplittableRandom random = new SplittableRandom(3);
        RabinTables t = RabinTables.of(TestData.P1);
        long p = TestData.P1.value();
        for (int n = 0; n < 50; n++) {
            byte[] data = new byte[1 + random.nextInt(200)];
            random.nextBytes(data);
            long expected = 0;
            for (byte b : data) {
                expected = Gf2.mulMod(expected, 0x100, p) ^ (b & 0xFF);
            }
            assertEquals(expected, t.fingerprint(data, 0, data.length));
        }
    }
}
