package io.chronosguard.engine.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * scrypt from a password to a 64-byte user key (AES key, then Poly1305 k, then r). The p
 * lanes run on as many threads as there are cores (see {@link Scrypt}).
 */
public final class KeyDerivation {
    private KeyDerivation() {
    }

    public static Key derive(char[] password, byte[] salt, KdfParams params) {
        return derive(password, salt, params.n(), params.r(), params.p());
    }

    public static Key derive(char[] password, byte[] salt, int n, int r, int p) {
        byte[] pw = utf8(password);
        byte[] dk = null;
        try {
            dk = Scrypt.derive(pw, salt, n, r, p, 64, Runtime.getRuntime().availableProcessors());
            return Key.fromDerived(dk);
        } finally {
            Arrays.fill(pw, (byte) 0);
            if (dk != null) {
                Arrays.fill(dk, (byte) 0);
            }
        }
    }

    static byte[] utf8(char[] password) {
        ByteBuffer bb = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] out = new byte[bb.remaining()];
        bb.get(out);
        if (bb.hasArray()) {
            Arrays.fill(bb.array(), (byte) 0);
        }
        return out;
    }
}
