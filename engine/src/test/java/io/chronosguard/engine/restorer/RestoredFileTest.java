package io.chronosguard.engine.restorer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoredFileTest {
    private static RestoredFile file(Path p, long size) {
        return new RestoredFile(p, p.toString(), Node.builder("f", NodeType.FILE).size(size).build());
    }

    @Test
    void write_fromSeveralThreads_lastDoneClosesWithAllBytes(@TempDir Path dir) throws Exception {
        RestoredFile f = file(dir.resolve("f"), 4000);
        for (int i = 0; i < 4; i++) {
            f.expect();
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            Future<?>[] done = new Future<?>[4];
            for (int i = 0; i < 4; i++) {
                byte fill = (byte) (i + 1);
                long off = i * 1000L;
                done[i] = pool.submit(() -> {
                    byte[] b = new byte[1000];
                    java.util.Arrays.fill(b, fill);
                    f.write(b, off);
                    return f.done();
                });
            }
            int closers = 0;
            for (Future<?> d : done) {
                closers += (Boolean) d.get() ? 1 : 0;
            }
            assertEquals(1, closers, "exactly one write is the last");
        } finally {
            pool.shutdownNow();
        }
        byte[] got = Files.readAllBytes(dir.resolve("f"));
        assertEquals(4000, got.length);
        for (int i = 0; i < 4000; i++) {
            assertEquals(i / 1000 + 1, got[i], "byte " + i);
        }
    }

    @Test
    void done_trailingBlobLeftAsHole_extendsToFullSize(@TempDir Path dir) throws Exception {
        RestoredFile f = file(dir.resolve("f"), 10);
        f.expect();
        f.expect();
        f.write(new byte[] {1, 2, 3}, 0);
        assertFalse(f.done());
        assertTrue(f.done()); // the second blob was all zeros: not written
        assertArrayEquals(new byte[] {1, 2, 3, 0, 0, 0, 0, 0, 0, 0}, Files.readAllBytes(dir.resolve("f")));
    }

    @Test
    void write_symlinkInTheWay_isReplacedNotWrittenThrough(@TempDir Path dir) throws Exception {
        Path victim = Files.writeString(dir.resolve("victim"), "keep");
        Path p = Files.createSymbolicLink(dir.resolve("f"), victim);
        RestoredFile f = file(p, 2);
        f.expect();
        f.write(new byte[] {7, 8}, 0);
        f.done();
        assertFalse(Files.isSymbolicLink(p));
        assertArrayEquals(new byte[] {7, 8}, Files.readAllBytes(p));
        assertEquals("keep", Files.readString(victim));
    }

    @Test
    void createIfUnwritten_noWritesExpected_createsFullSizeOnce(@TempDir Path dir) throws Exception {
        RestoredFile f = file(dir.resolve("f"), 5);
        assertTrue(f.createIfUnwritten());
        assertFalse(f.createIfUnwritten());
        assertTrue(Files.exists(dir.resolve("f"), LinkOption.NOFOLLOW_LINKS));
        assertEquals(5, Files.size(dir.resolve("f")));
    }
}
