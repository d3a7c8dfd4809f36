package io.chronosguard.engine.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/** Bernstein's Poly1305-AES vectors, and agreement with Bouncy Castle on random input. */
class Poly1305AesTest {
    private static final HexFormat HEX = HexFormat.of();

    private static byte[] tag(String k, String r, String nonce, String msg) {
        byte[] m = HEX.parseHex(msg);
        byte[] out = new byte[16];
        Poly1305Aes.mac(HEX.parseHex(k), HEX.parseHex(r), HEX.parseHex(nonce), m, 0, m.length, out, 0);
        return out;
    }

    @Test
    void mac_paperVectorEmptyMessage_matches() {
        assertEquals("dd3fab2251f11ac759f0887129cc2ee7", HEX.formatHex(tag("75deaa25c09f208e1dc4ce6b5cad3fbf",
                "a0f3080000f46400d0c7e9076c834403", "61ee09218d29b0aaed7e154a2c5509cc", "")));
    }

    @Test
    void mac_paperVectorTwoBytes_matches() {
        assertEquals("f4c633c3044fc145f84f335cb81953de", HEX.formatHex(tag("ec074c835580741701425b623235add6",
                "851fc40c3467ac0be05cc20404f3f700", "fb447350c4e868c52ac3275cf9d4327e", "f3f6")));
    }

    @Test
    void mac_paperVectorThirtyTwoBytes_matches() {
        assertEquals("0ee1c16bb73f0f4fd19881753c01cdbe", HEX.formatHex(tag("6acb5f61a7176dd320c5c1eb2edcdc74",
                "48443d0bb0d21109c89a100b5ce2c208", "ae212a55399729595dea458bc621ff0e",
                "663cea190ffb83d89593f3f476b6bc24d7e679107ea26adb8caf6652d0656136")));
    }

    @Test
    void mac_randomKeysAndLengths_equalsBouncyCastle() {
        Random rnd = new Random(1305);
        byte[] buf = new byte[70_000];
        rnd.nextBytes(buf);
        for (int round = 0; round < 600; round++) {
            byte[] k = new byte[16];
            byte[] r = new byte[16];
            byte[] nonce = new byte[16];
            rnd.nextBytes(k);
            rnd.nextBytes(r);
            rnd.nextBytes(nonce);
            if (round % 7 == 0) {
                Arrays.fill(r, (byte) 0xff); // the largest multiplier clamping allows
                Arrays.fill(buf, 0, 200, (byte) 0xff);
            }
            int len = round < 300 ? round : rnd.nextInt(buf.length);
            int off = rnd.nextInt(buf.length - len + 1);
            byte[] mine = new byte[20];
            Poly1305Aes.mac(k, r, nonce, buf, off, len, mine, 3);
            Poly1305 bc = new Poly1305(AESEngine.newInstance());
            byte[] rk = new byte[32];
            System.arraycopy(r, 0, rk, 0, 16);
            System.arraycopy(k, 0, rk, 16, 16);
            bc.init(new ParametersWithIV(new KeyParameter(rk), nonce));
            bc.update(buf, off, len);
            byte[] expected = new byte[16];
            bc.doFinal(expected, 0);
            assertArrayEquals(expected, Arrays.copyOfRange(mine, 3, 19), "length " + len);
        }
    }

    @Test
    void mac_keySwitchingOnOneThread_usesEachCallsKey() {
        String r = "48443d0bb0d21109c89a100b5ce2c208";
        String n = "ae212a55399729595dea458bc621ff0e";
        String m = "663cea190ffb83d89593f3f476b6bc24d7e679107ea26adb8caf6652d0656136";
        byte[] a = tag("6acb5f61a7176dd320c5c1eb2edcdc74", r, n, m);
        byte[] b = tag("6acb5f61a7176dd320c5c1eb2edcdc75", r, n, m);
        assertEquals("0ee1c16bb73f0f4fd19881753c01cdbe", HEX.formatHex(a));
        assertNotEquals(HEX.formatHex(a), HEX.formatHex(b));
        assertArrayEquals(a, tag("6acb5f61a7176dd320c5c1eb2edcdc74", r, n, m));
    }
}
