package io.chronosguard.engine.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.chronosguard.engine.repo.Id;
import org.junit.jupiter.api.Test;

class BlobCacheTest {
    static Id id(int i) {
        return Id.hash(new byte[] {(byte) i});
    }

    @Test
    void put_overCapacity_evictsLeastRecentlyUsed() {
        BlobCache c = new BlobCache(10);
        c.put(id(1), new byte[4]);
        c.put(id(2), new byte[4]);
        assertNotNull(c.get(id(1)));
        c.put(id(3), new byte[4]);
        assertNull(c.get(id(2)), "least recently used goes first");
        assertNotNull(c.get(id(1)));
        assertNotNull(c.get(id(3)));
        assertEquals(8, c.size());
    }

    @Test
    void put_blobLargerThanCapacity_isNotKept() {
        BlobCache c = new BlobCache(10);
        c.put(id(1), new byte[4]);
        c.put(id(2), new byte[11]);
        assertNull(c.get(id(2)));
        assertNotNull(c.get(id(1)));
    }
}
