package io.chronosguard.engine.chunker;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The §10.6 test data generator and hashing helpers, shared by the chunker tests. */
final class TestData {

    static final Polynomial P1 = Polynomial.parse("3da3358b4dc173");
    static final Polynomial P2 = Polynomial.parse("384793295bb8c5");
    static final int FORTY_MIB = 40 * 1024 * 1024;
    private static final byte[] SEED = "chronosguard-chunker-v1".getBytes(StandardCharsets.US_ASCII);
    private static byte[] fortyMib;

    private TestData() {
    }

    /** The 40 MiB vector, generated once per test JVM (about half a second). */
    static synchronized byte[] fortyMib() {
        if (fortyMib == null) {
            fortyMib = generate(FORTY_MIB);
        }
        return fortyMib;
    }

    /** SHA-256(seed || i as 8-byte big-endian) for i = 0, 1, ..., cut to {@code length}. */
    static byte[] generate(int length) {
        MessageDigest sha = sha256();
        byte[] out = new byte[length];
        ByteBuffer counter = ByteBuffer.allocate(8);
        for (long i = 0; i * 32 < length; i++) {
            sha.update(SEED);
            sha.update(counter.putLong(0, i).array());
            byte[] block = sha.digest();
            int at = (int) (i * 32);
            System.arraycopy(block, 0, out, at, Math.min(32, length - at));
        }
        return out;
    }

    static String sha256Hex(byte[] data, int from, int length) {
        MessageDigest sha = sha256();
        sha.update(data, from, length);
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("every JDK has SHA-256", e);
        }
    }
}
