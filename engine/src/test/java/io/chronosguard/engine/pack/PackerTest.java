package io.chronosguard.engine.pack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.repo.Id;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PackerTest {
    private final Key key = Key.random(new SecureRandom());

    /** Packs blobs into a too-small (or dirty, reused) buffer and reads every one back. */
    private void roundTrip(Packer p) {
        Random rnd = new Random(5);
        byte[][] plains = new byte[5][];
        for (int i = 0; i < plains.length; i++) {
            plains[i] = new byte[rnd.nextInt(3000)];
            rnd.nextBytes(plains[i]);
            byte[] sealed = Crypto.seal(key, plains[i]);
            byte[] framed = new byte[sealed.length + 7];
            System.arraycopy(sealed, 0, framed, 3, sealed.length);
            p.add(BlobType.DATA, Id.hash(plains[i]), framed, 3, sealed.length, 0);
        }
        p.finish(key);
        byte[] pack = Arrays.copyOf(p.bytes(), p.size());
        List<PackEntry> entries = PackHeader.parse(key, pack, pack.length, "test");
        assertEquals(plains.length, entries.size());
        for (int i = 0; i < plains.length; i++) {
            PackEntry e = entries.get(i);
            assertEquals(Id.hash(plains[i]), e.id());
            assertArrayEquals(plains[i], Crypto.open(key, pack, (int) e.offset(), e.length()));
        }
    }

    @Test
    void finish_bufferGrownFromTiny_holdsEveryBlobAndTheHeader() {
        roundTrip(new Packer(16));
    }

    @Test
    void finish_reusedDirtyBuffer_holdsEveryBlobAndTheHeader() {
        byte[] old = new byte[50_000];
        Arrays.fill(old, (byte) 0x5a);
        roundTrip(new Packer(old));
    }
}
