package io.chronosguard.engine.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.generators.SCrypt;
import org.junit.jupiter.api.Test;

/** RFC 7914 §12 test vectors, and agreement with Bouncy Castle's sequential scrypt. */
class ScryptTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void derive_rfc7914EmptyPassword_matchesVector() {
        byte[] dk = Scrypt.derive(new byte[0], new byte[0], 16, 1, 1, 64, 2);
        assertEquals("77d6576238657b203b19ca42c18a0497f16b4844e3074ae8dfdffa3fede21442"
                + "fcd0069ded0948f8326a753a0fc81f17e8d3e0fb2e0d3628cf35e20c38d18906", HEX.formatHex(dk));
    }

    @Test
    void derive_rfc7914PasswordNaClSixteenLanes_matchesVector() {
        byte[] dk = Scrypt.derive(ascii("password"), ascii("NaCl"), 1024, 8, 16, 64, 4);
        assertEquals("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
                + "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640", HEX.formatHex(dk));
    }

    @Test
    void derive_rfc7914PleaseLetMeIn_matchesVector() {
        byte[] dk = Scrypt.derive(ascii("pleaseletmein"), ascii("SodiumChloride"), 16384, 8, 1, 64, 2);
        assertEquals("7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2"
                + "d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887", HEX.formatHex(dk));
    }

    @Test
    void derive_anyThreadCount_equalsBouncyCastle() {
        Random rnd = new Random(7914);
        for (int round = 0; round < 6; round++) {
            byte[] pw = new byte[rnd.nextInt(20)];
            byte[] salt = new byte[64];
            rnd.nextBytes(pw);
            rnd.nextBytes(salt);
            int n = 1 << (1 + rnd.nextInt(9));
            int r = 1 + rnd.nextInt(4);
            int p = 1 + rnd.nextInt(7);
            byte[] expected = SCrypt.generate(pw, salt, n, r, p, 64);
            for (int threads = 1; threads <= 3; threads++) {
                assertArrayEquals(expected, Scrypt.derive(pw, salt, n, r, p, 64, threads),
                        "N=" + n + " r=" + r + " p=" + p + " threads=" + threads);
            }
        }
    }

    @Test
    void derive_nNotPowerOfTwo_isRefusedNamingN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Scrypt.derive(new byte[1], new byte[1], 1000, 8, 1, 64, 1));
        assertEquals("scrypt N must be a power of two greater than 1, got 1000", e.getMessage());
    }
}
