package io.chronosguard.engine.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RollingHashTest {

    private final RabinTables tables = RabinTables.of(TestData.P1);

    @Test
    void scan_anyLength_digestIsFingerprintOfLast64Bytes() {
        byte[] data = new byte[5000];
        new SplittableRandom(11).nextBytes(data);
        RollingHash hash = new RollingHash(tables);
        hash.reset();
        hash.warmUp(data, 100, 164);
        assertEquals(tables.fingerprint(data, 100, 164), hash.digest());
        for (int end = 165; end < data.length; end += 37) {
            assertEquals(-1, hash.scan(data, end - 37 < 164 ? 164 : end - 37, end));
            assertEquals(tables.fingerprint(data, end - 64, end), hash.digest(), "window ending at " + end);
        }
    }

    @Test
    void warmUp_inPieces_equalsInOneGo() {
        byte[] data = TestData.generate(64);
        RollingHash hash = new RollingHash(tables);
        hash.reset();
        hash.warmUp(data, 0, 1);
        hash.warmUp(data, 1, 40);
        hash.warmUp(data, 40, 64);
        assertEquals(0x61cc7b36c983cL, hash.digest());
    }

    @Test
    void scan_overVectorFirstCut_stopsAtItsLastByte() {
        int firstCutEnd = 2_026_396;
        byte[] data = TestData.generate(firstCutEnd + 1000);
        RollingHash hash = new RollingHash(tables);
        hash.reset();
        int from = firstCutEnd - 5000;
        hash.warmUp(data, from, from + 64);
        assertEquals(firstCutEnd - 1, hash.scan(data, from + 64, data.length));
        assertEquals(0x1d3ff24c00000L, hash.digest());
    }

    @Test
    void reset_afterSliding_digestIsZero() {
        RollingHash hash = new RollingHash(tables);
        hash.warmUp(new byte[] {1, 2, 3}, 0, 3);
        hash.reset();
        assertEquals(0, hash.digest());
    }
}
