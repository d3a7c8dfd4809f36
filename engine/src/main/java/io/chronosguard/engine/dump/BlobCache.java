package io.chronosguard.engine.dump;

import io.chronosguard.engine.repo.Id;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recently used blob plaintexts, bounded by total bytes. Files made of one repeated chunk
 * (zeros, sparse images) and hard-linked copies in a zip then cost one load per distinct
 * blob instead of one per occurrence. Not thread-safe.
 */
final class BlobCache {
    private final long capacity;
    private final LinkedHashMap<Id, byte[]> blobs = new LinkedHashMap<>(16, 0.75f, true);
    private long size;

    BlobCache(long capacityBytes) {
        this.capacity = capacityBytes;
    }

    byte[] get(Id id) {
        return blobs.get(id);
    }

    void put(Id id, byte[] plain) {
        if (plain.length > capacity || blobs.containsKey(id)) {
            return;
        }
        blobs.put(id, plain);
        size += plain.length;
        Iterator<Map.Entry<Id, byte[]>> it = blobs.entrySet().iterator();
        while (size > capacity && it.hasNext()) {
            size -= it.next().getValue().length;
            it.remove();
        }
    }

    long size() {
        return size;
    }
}
