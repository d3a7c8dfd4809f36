package io.chronosguard.engine.crypto;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A restic crypto key: 32 bytes for AES-256-CTR and the two 16-byte halves of the
 * Poly1305-AES key ({@code k} for AES-128 over the nonce, {@code r} the clamped multiplier).
 * The master key of a repository and the user key derived from a password share this shape.
 */
public final class Key {
    private final byte[] encrypt;
    private final byte[] macK;
    private final byte[] macR;

    public Key(byte[] encrypt, byte[] macK, byte[] macR) {
        if (encrypt.length != 32 || macK.length != 16 || macR.length != 16) {
            throw new IllegalArgumentException("key parts must be 32, 16 and 16 bytes, got "
                    + encrypt.length + ", " + macK.length + ", " + macR.length);
        }
        if (allZero(encrypt) || allZero(macK) || allZero(macR)) {
            throw new IllegalArgumentException("refusing an all-zero key");
        }
        this.encrypt = encrypt.clone();
        this.macK = macK.clone();
        this.macR = clamp(macR.clone());
    }

    /** A fresh random master key (restic draws 32 + 16 + 16 bytes and clamps r). */
    public static Key random(SecureRandom rnd) {
        byte[] e = new byte[32];
        byte[] k = new byte[16];
        byte[] r = new byte[16];
        rnd.nextBytes(e);
        rnd.nextBytes(k);
        rnd.nextBytes(r);
        return new Key(e, k, r);
    }

    /** Splits a 64-byte scrypt output: AES key, then k, then r (restic's order). */
    public static Key fromDerived(byte[] dk) {
        if (dk.length != 64) {
            throw new IllegalArgumentException("derived key must be 64 bytes, got " + dk.length);
        }
        return new Key(Arrays.copyOfRange(dk, 0, 32), Arrays.copyOfRange(dk, 32, 48),
                Arrays.copyOfRange(dk, 48, 64));
    }

    static byte[] clamp(byte[] r) {
        r[3] &= 0x0f;
        r[7] &= 0x0f;
        r[11] &= 0x0f;
        r[15] &= 0x0f;
        r[4] &= (byte) 0xfc;
        r[8] &= (byte) 0xfc;
        r[12] &= (byte) 0xfc;
        return r;
    }

    static boolean allZero(byte[] b) {
        int acc = 0;
        for (byte x : b) {
            acc |= x;
        }
        return acc == 0;
    }

    public byte[] encrypt() {
        return encrypt.clone();
    }

    public byte[] macK() {
        return macK.clone();
    }

    public byte[] macR() {
        return macR.clone();
    }

    byte[] encryptRef() {
        return encrypt;
    }

    byte[] macKRef() {
        return macK;
    }

    byte[] macRRef() {
        return macR;
    }

    @Override
    public String toString() {
        return "Key[***]";
    }
}
