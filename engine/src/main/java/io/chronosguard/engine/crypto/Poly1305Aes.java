package io.chronosguard.engine.crypto;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Poly1305-AES (Bernstein 2005) as restic uses it: {@code tag = (poly1305_r(C) + AES_k(nonce))
 * mod 2^128}. The polynomial is evaluated in radix 2^64 (three limbs for h, two for r), the
 * layout of OpenSSL's 64-bit {@code poly1305_blocks}: four 64×64→128-bit products per 16-byte
 * block instead of the 25 products of the 26-bit radix Bouncy Castle uses, which made the MAC
 * the costliest step of sealing a blob. Cross-checked against Bouncy Castle in the tests.
 */
final class Poly1305Aes {
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ThreadLocal<KeyedAes> AES_ECB = ThreadLocal.withInitial(() -> {
        try {
            return new KeyedAes(Cipher.getInstance("AES/ECB/NoPadding"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB is unavailable in this JDK", e);
        }
    });

    private Poly1305Aes() {
    }

    /**
     * Writes the 16-byte tag of {@code in[inOff, inOff+len)} to {@code out[outOff]}.
     *
     * @param k  the 16-byte AES-128 key that encrypts the nonce
     * @param r  the 16-byte multiplier (clamped here, whatever its bits)
     * @param nonce 16 bytes
     */
    static void mac(byte[] k, byte[] r, byte[] nonce, byte[] in, int inOff, int len, byte[] out, int outOff) {
        long r0 = le64(r, 0) & 0x0ffffffc0fffffffL;
        long r1 = le64(r, 8) & 0x0ffffffc0ffffffcL;
        long s1 = r1 + (r1 >>> 2);
        long h0 = 0;
        long h1 = 0;
        long h2 = 0;
        int end = inOff + len;
        int full = inOff + (len & ~15);
        byte[] last = new byte[16];
        for (int i = inOff; i < end; i += 16) {
            long m0;
            long m1;
            long hibit;
            if (i < full) {
                m0 = le64(in, i);
                m1 = le64(in, i + 8);
                hibit = 1;
            } else {
                // The final partial block: its bytes, a 1 byte, zeros; no 2^128 bit.
                int n = end - i;
                System.arraycopy(in, i, last, 0, n);
                last[n] = 1;
                m0 = le64(last, 0);
                m1 = le64(last, 8);
                hibit = 0;
            }
            // h += m
            long t0 = h0 + m0;
            long c = carry(h0, m0, t0);
            long t1 = h1 + m1 + c;
            c = carry2(h1, m1, c, t1);
            h0 = t0;
            h1 = t1;
            h2 += c + hibit;
            // h *= r (mod 2^130 - 5, partially): d0 = h0 r0 + h1 s1, d1 = h0 r1 + h1 r0 + h2 s1, d2 = h2 r0
            long d0lo = h0 * r0;
            long d0hi = umulh(h0, r0);
            long x = h1 * s1;
            long nlo = d0lo + x;
            d0hi += umulh(h1, s1) + carry(d0lo, x, nlo);
            d0lo = nlo;

            long d1lo = h0 * r1;
            long d1hi = umulh(h0, r1);
            x = h1 * r0;
            nlo = d1lo + x;
            d1hi += umulh(h1, r0) + carry(d1lo, x, nlo);
            d1lo = nlo;
            x = h2 * s1;
            nlo = d1lo + x;
            d1hi += carry(d1lo, x, nlo);
            d1lo = nlo;
            nlo = d1lo + d0hi;
            d1hi += carry(d1lo, d0hi, nlo);
            d1lo = nlo;

            long d2 = h2 * r0 + d1hi;
            h0 = d0lo;
            h1 = d1lo;
            // fold the bits above 2^130 back in: 2^130 ≡ 5
            c = (d2 >>> 2) + (d2 & ~3L);
            h2 = d2 & 3;
            t0 = h0 + c;
            c = carry(h0, c, t0);
            h0 = t0;
            t1 = h1 + c;
            c = carry(h1, c, t1);
            h1 = t1;
            h2 += c;
        }
        finish(h0, h1, h2, aes(k, nonce), out, outOff);
    }

    /** Full reduction mod 2^130 - 5, then adds the encrypted nonce mod 2^128. */
    private static void finish(long h0, long h1, long h2, byte[] s, byte[] out, int outOff) {
        long g0 = h0 + 5;
        long c = carry(h0, 5, g0);
        long g1 = h1 + c;
        c = carry(h1, c, g1);
        long g2 = h2 + c;
        // h + 5 reaches 2^130 exactly when h >= p: then h - p is g without bit 130.
        long mask = -(g2 >>> 2);
        h0 = (h0 & ~mask) | (g0 & mask);
        h1 = (h1 & ~mask) | (g1 & mask);
        long s0 = le64(s, 0);
        long s1 = le64(s, 8);
        long t0 = h0 + s0;
        long t1 = h1 + s1 + carry(h0, s0, t0);
        put64(out, outOff, t0);
        put64(out, outOff + 8, t1);
    }

    /** AES-128 of the nonce. The cipher keeps its last key: re-keying per blob cost more than the MAC of a small blob. */
    private static byte[] aes(byte[] k, byte[] nonce) {
        try {
            KeyedAes c = AES_ECB.get();
            if (!java.util.Arrays.equals(c.key, k)) {
                c.cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(k, "AES"));
                c.key = k.clone();
            }
            return c.cipher.doFinal(nonce, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES failed: " + e.getMessage(), e);
        }
    }

    /** A thread's AES/ECB cipher and the key it was last initialised with. */
    private static final class KeyedAes {
        final Cipher cipher;
        byte[] key;

        KeyedAes(Cipher cipher) {
            this.cipher = cipher;
        }
    }

    /** High 64 bits of the unsigned product a·b, for 0 ≤ b < 2^63. */
    private static long umulh(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b);
    }

    /** The carry out of the unsigned sum {@code s = a + b}. */
    private static long carry(long a, long b, long s) {
        return ((a & b) | ((a | b) & ~s)) >>> 63;
    }

    /** The carry out of {@code s = a + b + c} with c in {0, 1}. */
    private static long carry2(long a, long b, long c, long s) {
        long ab = a + b;
        return carry(a, b, ab) | carry(ab, c, s);
    }

    private static long le64(byte[] b, int off) {
        return (long) LE64.get(b, off);
    }

    private static void put64(byte[] b, int off, long v) {
        LE64.set(b, off, v);
    }
}
