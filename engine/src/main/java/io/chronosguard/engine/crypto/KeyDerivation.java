package io.chronosguard.engine.crypto;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.bouncycastle.crypto.generators.SCrypt;

/** scrypt from a password to a 64-byte user key (AES key, then Poly1305 k, then r). */
public final class KeyDerivation {
    private KeyDerivation() {
    }

    public static Key derive(char[] password, byte[] salt, KdfParams params) {
        return derive(password, salt, params.n(), params.r(), params.p());
    }

    public static Key derive(char[] password, byte[] salt, int n, int r, int p) {
        byte[] pw = utf8(password);
        try {
            return Key.fromDerived(SCrypt.generate(pw, salt, n, r, p, 64));
        } finally {
            Arrays.fill(pw, (byte) 0);
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
