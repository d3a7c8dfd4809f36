package io.chronosguard.engine.crypto;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * scrypt (RFC 7914) with its p lanes run in parallel. restic calibrates p so that one
 * thread takes about half a second (p = 6 to 9 on small servers); Bouncy Castle's
 * {@code SCrypt.generate} runs the lanes one after another, which made every command wait
 * over a second for the key. The lanes are independent by design (RFC 7914 §5), so each
 * runs ROMix on its own thread with its own N·128·r bytes of scratch memory; the result is
 * bit-for-bit the same. PBKDF2-HMAC-SHA256 (one iteration) before and after the lanes uses
 * the JDK's HMAC: loading Bouncy Castle, a signed jar, cost every command its signature check.
 */
public final class Scrypt {
    private Scrypt() {
    }

    /** scrypt(pw, salt, N, r, p, dkLen) using up to {@code threads} threads for the lanes. */
    public static byte[] derive(byte[] pw, byte[] salt, int n, int r, int p, int dkLen, int threads) {
        if (n <= 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("scrypt N must be a power of two greater than 1, got " + n);
        }
        if (r < 1 || p < 1 || (long) r * p >= 1L << 30) {
            throw new IllegalArgumentException("scrypt r and p must be at least 1 with r·p below 2^30, got r="
                    + r + " p=" + p);
        }
        if ((long) n * r > Integer.MAX_VALUE / 32) {
            throw new IllegalArgumentException("scrypt N·r too large for one lane's memory: N=" + n + " r=" + r);
        }
        int laneBytes = 128 * r;
        byte[] b = pbkdf2(pw, salt, laneBytes * p);
        int[] words = new int[b.length / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = leInt(b, i * 4);
        }
        runLanes(words, n, r, p, Math.max(1, Math.min(threads, p)));
        for (int i = 0; i < words.length; i++) {
            putLeInt(b, i * 4, words[i]);
        }
        byte[] dk = pbkdf2(pw, b, dkLen);
        java.util.Arrays.fill(b, (byte) 0);
        java.util.Arrays.fill(words, 0);
        return dk;
    }

    /** Lanes are taken from a shared counter by the caller and {@code threads - 1} helpers. */
    private static void runLanes(int[] words, int n, int r, int p, int threads) {
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable worker = () -> {
            try {
                int[] v = null;
                int[] x = new int[32 * r];
                int[] y = new int[32 * r];
                int[] t = new int[16];
                for (int lane = next.getAndIncrement(); lane < p; lane = next.getAndIncrement()) {
                    if (v == null) {
                        v = new int[32 * r * n];
                    }
                    roMix(words, lane * 32 * r, n, r, v, x, y, t);
                }
                if (v != null) {
                    java.util.Arrays.fill(v, 0);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        List<Thread> helpers = new ArrayList<>();
        for (int i = 1; i < threads; i++) {
            Thread t = new Thread(worker, "scrypt-lane");
            t.setDaemon(true);
            t.start();
            helpers.add(t);
        }
        worker.run();
        boolean interrupted = false;
        for (Thread t : helpers) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error err) {
            throw err;
        }
    }

    /**
     * RFC 7914 §5 scryptROMix on words[off, off + 32r), in place. V is filled by mixing each
     * block straight into the next one's place, and the second loop mixes X ^ V[j] from one
     * buffer into the other, so no block is copied around.
     */
    static void roMix(int[] words, int off, int n, int r, int[] v, int[] x, int[] y, int[] t) {
        int blockWords = 32 * r;
        System.arraycopy(words, off, v, 0, blockWords);
        for (int i = 0; i < n - 1; i++) {
            blockMix(v, i * blockWords, null, 0, v, (i + 1) * blockWords, r, t);
        }
        blockMix(v, (n - 1) * blockWords, null, 0, x, 0, r, t);
        int mask = n - 1;
        int[] a = x;
        int[] b = y;
        for (int i = 0; i < n; i++) {
            int j = a[blockWords - 16] & mask;
            blockMix(a, 0, v, j * blockWords, b, 0, r, t);
            int[] swap = a;
            a = b;
            b = swap;
        }
        System.arraycopy(a, 0, words, off, blockWords);
    }

    /**
     * RFC 7914 §4 scryptBlockMix of {@code in[inOff, +32r)} (XORed with {@code v[vOff, +32r)}
     * when v is given) into {@code out[outOff, +32r)}, which must not overlap the input. The
     * running Salsa20/8 input lives in the 16-word scratch {@code t} and the core is a small
     * method of its own: the earlier single 1,800-byte method with both word sets in locals
     * ran as fast once compiled, but C2 spent 0.6-1.4 s of CPU compiling it (OSR twice, then
     * again after a deoptimisation) in every command that opened a key.
     */
    static void blockMix(int[] in, int inOff, int[] v, int vOff, int[] out, int outOff, int r, int[] t) {
        int last = inOff + (2 * r - 1) * 16;
        System.arraycopy(in, last, t, 0, 16);
        if (v != null) {
            int vlast = vOff + (2 * r - 1) * 16;
            for (int k = 0; k < 16; k++) {
                t[k] ^= v[vlast + k];
            }
        }
        for (int i = 0; i < 2 * r; i++) {
            int b = inOff + i * 16;
            if (v != null) {
                int vb = vOff + i * 16;
                for (int k = 0; k < 16; k++) {
                    t[k] ^= in[b + k] ^ v[vb + k];
                }
            } else {
                for (int k = 0; k < 16; k++) {
                    t[k] ^= in[b + k];
                }
            }
            salsa8(t);
            // Y_0, Y_2, ... form the first half of the output, Y_1, Y_3, ... the second
            System.arraycopy(t, 0, out, outOff + ((i & 1) == 0 ? i / 2 : r + i / 2) * 16, 16);
        }
    }

    /** Salsa20/8 core on t in place: t = t + rounds(t). */
    private static void salsa8(int[] t) {
        int x0 = t[0];
        int x1 = t[1];
        int x2 = t[2];
        int x3 = t[3];
        int x4 = t[4];
        int x5 = t[5];
        int x6 = t[6];
        int x7 = t[7];
        int x8 = t[8];
        int x9 = t[9];
        int x10 = t[10];
        int x11 = t[11];
        int x12 = t[12];
        int x13 = t[13];
        int x14 = t[14];
        int x15 = t[15];
        for (int round = 0; round < 8; round += 2) {
            x4 ^= Integer.rotateLeft(x0 + x12, 7);
            x8 ^= Integer.rotateLeft(x4 + x0, 9);
            x12 ^= Integer.rotateLeft(x8 + x4, 13);
            x0 ^= Integer.rotateLeft(x12 + x8, 18);
            x9 ^= Integer.rotateLeft(x5 + x1, 7);
            x13 ^= Integer.rotateLeft(x9 + x5, 9);
            x1 ^= Integer.rotateLeft(x13 + x9, 13);
            x5 ^= Integer.rotateLeft(x1 + x13, 18);
            x14 ^= Integer.rotateLeft(x10 + x6, 7);
            x2 ^= Integer.rotateLeft(x14 + x10, 9);
            x6 ^= Integer.rotateLeft(x2 + x14, 13);
            x10 ^= Integer.rotateLeft(x6 + x2, 18);
            x3 ^= Integer.rotateLeft(x15 + x11, 7);
            x7 ^= Integer.rotateLeft(x3 + x15, 9);
            x11 ^= Integer.rotateLeft(x7 + x3, 13);
            x15 ^= Integer.rotateLeft(x11 + x7, 18);
            x1 ^= Integer.rotateLeft(x0 + x3, 7);
            x2 ^= Integer.rotateLeft(x1 + x0, 9);
            x3 ^= Integer.rotateLeft(x2 + x1, 13);
            x0 ^= Integer.rotateLeft(x3 + x2, 18);
            x6 ^= Integer.rotateLeft(x5 + x4, 7);
            x7 ^= Integer.rotateLeft(x6 + x5, 9);
            x4 ^= Integer.rotateLeft(x7 + x6, 13);
            x5 ^= Integer.rotateLeft(x4 + x7, 18);
            x11 ^= Integer.rotateLeft(x10 + x9, 7);
            x8 ^= Integer.rotateLeft(x11 + x10, 9);
            x9 ^= Integer.rotateLeft(x8 + x11, 13);
            x10 ^= Integer.rotateLeft(x9 + x8, 18);
            x12 ^= Integer.rotateLeft(x15 + x14, 7);
            x13 ^= Integer.rotateLeft(x12 + x15, 9);
            x14 ^= Integer.rotateLeft(x13 + x12, 13);
            x15 ^= Integer.rotateLeft(x14 + x13, 18);
        }
        t[0] += x0;
        t[1] += x1;
        t[2] += x2;
        t[3] += x3;
        t[4] += x4;
        t[5] += x5;
        t[6] += x6;
        t[7] += x7;
        t[8] += x8;
        t[9] += x9;
        t[10] += x10;
        t[11] += x11;
        t[12] += x12;
        t[13] += x13;
        t[14] += x14;
        t[15] += x15;
    }

    /** PBKDF2-HMAC-SHA256 with one iteration (RFC 8018 §5.2): block i is HMAC(pw, salt || i). */
    static byte[] pbkdf2(byte[] pw, byte[] salt, int len) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // HMAC pads a short key with zeros, so the empty key the JDK refuses equals one zero byte
            mac.init(new SecretKeySpec(pw.length == 0 ? new byte[1] : pw, "HmacSHA256"));
            byte[] out = new byte[len];
            byte[] counter = new byte[4];
            for (int block = 1, off = 0; off < len; block++, off += 32) {
                counter[0] = (byte) (block >>> 24);
                counter[1] = (byte) (block >>> 16);
                counter[2] = (byte) (block >>> 8);
                counter[3] = (byte) block;
                mac.update(salt);
                mac.update(counter);
                byte[] u = mac.doFinal();
                System.arraycopy(u, 0, out, off, Math.min(32, len - off));
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is unavailable in this JDK", e);
        }
    }

    private static int leInt(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    private static void putLeInt(byte[] b, int off, int v) {
        b[off] = (byte) v;
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) (v >>> 16);
        b[off + 3] = (byte) (v >>> 24);
    }
}
