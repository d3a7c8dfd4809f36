package io.chronosguard.engine.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Known-answer tests from RESTIC-FORMAT.md Appendix A (a repository written by restic 0.14). */
class CryptoTest {
    static final HexFormat HEX = HexFormat.of();
    static final Base64.Decoder B64 = Base64.getDecoder();

    static final String SALT = "cXCxNux1NomEh9Ckijd6kEj979GXnyGC1UbtUKb63TFvkb2VyB5xPgORPy2ijpbMoau6VToWZ5VMPI8qK0bRVg==";
    static final String DATA = "T3kzzOvZ3IsrzfjxZdyH+FiIdy3LW1vNDO4noylw4ilHFZgBh8UuAyxcKaQqCMQzA0HYSukSzbm3UmD5GrB7JDDZ"
            + "Shqwi9+uRUXGQhFGsdrWH5QiGaNjw7+LzuQlA0Yxghgw6WekdyxgIAq/ZuoaMnHAxbV8wMtjxAgsishZGCPz05jfCIGtn93A16Tg"
            + "dV/nOJFkGgBczm17L+1xRct23w==";
    static final String MASTER_JSON = "{\"mac\":{\"k\":\"w4YKPETlnAx+DNlHqDOj7Q==\",\"r\":\"eN8YDJA+iQd0WQsCsFByCA==\"},"
            + "\"encrypt\":\"VEs8mkNO9fJb7yASDdKM5lCpHq18od/MM8nZzZvyLP0=\"}";
    static final String CONFIG_HEX = "ade300a2b5202ade20ea89181e2c65aaa4c14f3bee1237da2e0e234bb3e2fed6"
            + "c8cbdb210e9b29f6cbd5ec439c4f3b0e6dfd6da42bdde8e130b553227b09ac21"
            + "bb54cdc96a5bafcc4da0a5b403e3cc46394f55d631b621056f0fe86139376e70"
            + "8fa2e3c52fd0b4a516f4163f6148c233c3d6ba3bde1ab22f5b051315e2831593"
            + "0184f569ea0573aa83951260fdd3fd6caa7859a03b8d776865b7a5";
    static final String CONFIG_JSON = "{\"version\":2,\"id\":\"c96551bf63978cd20cbce58b65b714f09d49fffc45cef92f9a4506fe3c3f5daa\","
            + "\"chunker_polynomial\":\"352c3011ecbceb\"}";

    static Key master() {
        return new Key(B64.decode("VEs8mkNO9fJb7yASDdKM5lCpHq18od/MM8nZzZvyLP0="),
                B64.decode("w4YKPETlnAx+DNlHqDOj7Q=="), B64.decode("eN8YDJA+iQd0WQsCsFByCA=="));
    }

    @Test
    void derive_appendixAPassword_matchesResticScryptOutput() {
        Key user = KeyDerivation.derive("test-password".toCharArray(), B64.decode(SALT), 32768, 8, 7);
        assertEquals("feed42692fec30e64485f8b78d39bc26c4005b470e9ff3d825018e6a4aec19c7", HEX.formatHex(user.encrypt()));
        assertEquals("aa61a1cc836fbb3a5be631353bc26b63", HEX.formatHex(user.macK()));
        // r is stored clamped: f14fd8d09f841ef755d491d1641ac90b clamped
        assertEquals("f14fd8009c841e0754d49101641ac90b", HEX.formatHex(user.macR()));
        byte[] master = Crypto.open(user, B64.decode(DATA));
        assertEquals(MASTER_JSON, new String(master, StandardCharsets.UTF_8));
    }

    @Test
    void open_resticConfigFile_yieldsConfigJson() {
        byte[] plain = Crypto.open(master(), HEX.parseHex(CONFIG_HEX));
        assertEquals(CONFIG_JSON, new String(plain, StandardCharsets.UTF_8));
    }

    @Test
    void open_flippedCiphertextBit_failsAuthentication() {
        byte[] sealed = HEX.parseHex(CONFIG_HEX);
        sealed[20] ^= 1;
        assertThrows(AuthenticationFailedException.class, () -> Crypto.open(master(), sealed));
    }

    @Test
    void open_wrongKey_failsAuthentication() {
        Key other = Key.random(new SecureRandom());
        assertThrows(AuthenticationFailedException.class, () -> Crypto.open(other, HEX.parseHex(CONFIG_HEX)));
    }

    @Test
    void open_tooShort_failsAuthentication() {
        assertThrows(AuthenticationFailedException.class, () -> Crypto.open(master(), new byte[31]));
    }

    @Test
    void open_zeroIv_isRejected() {
        byte[] sealed = Crypto.seal(master(), new byte[] {1, 2, 3});
        java.util.Arrays.fill(sealed, 0, 16, (byte) 0);
        assertThrows(AuthenticationFailedException.class, () -> Crypto.open(master(), sealed));
    }

    @Test
    void seal_thenOpen_roundTripsWithFreshIvs() {
        byte[] msg = "hello restic".getBytes(StandardCharsets.UTF_8);
        byte[] a = Crypto.seal(master(), msg);
        byte[] b = Crypto.seal(master(), msg);
        assertEquals(msg.length + Crypto.OVERHEAD, a.length);
        assertArrayEquals(msg, Crypto.open(master(), a));
        assertArrayEquals(msg, Crypto.open(master(), b));
        assertEquals(false, java.util.Arrays.equals(a, b));
    }

    @Test
    void key_allZeroPart_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Key(new byte[32], new byte[16], new byte[16]));
    }

    @Test
    void key_rIsClampedOnConstruction() {
        byte[] r = new byte[16];
        java.util.Arrays.fill(r, (byte) 0xff);
        byte[] k = new byte[16];
        k[0] = 1;
        byte[] e = new byte[32];
        e[0] = 1;
        Key key = new Key(e, k, r);
        assertEquals("ffffff0ffcffff0ffcffff0ffcffff0f", HEX.formatHex(key.macR()));
    }

    @Test
    void sealInPlace_thenOpen_givesThePlaintextBack() {
        byte[] plain = new byte[100_000];
        new java.util.Random(4).nextBytes(plain);
        byte[] buf = new byte[3 + plain.length + Crypto.OVERHEAD + 5];
        System.arraycopy(plain, 0, buf, 3 + Crypto.IV_SIZE, plain.length);
        int n = Crypto.sealInPlace(master(), buf, 3, plain.length);
        assertEquals(plain.length + Crypto.OVERHEAD, n);
        assertArrayEquals(plain, Crypto.open(master(), buf, 3, n));
    }
}
