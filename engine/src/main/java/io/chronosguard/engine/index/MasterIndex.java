package io.chronosguard.engine.index;

import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The union of a repository's index files: every known location of every blob. A blob may
 * sit in several packs (two writers uploaded it at once); lookups return the first seen.
 * Thread-safe for concurrent readers once built.
 */
public final class MasterIndex {
    private final Map<Id, List<PackedBlob>> data = new HashMap<>();
    private final Map<Id, List<PackedBlob>> tree = new HashMap<>();
    private final Set<Id> packs = new HashSet<>();

    public synchronized void add(PackedBlob b) {
        List<PackedBlob> locs = map(b.type()).computeIfAbsent(b.id(), k -> new ArrayList<>(1));
        for (PackedBlob existing : locs) {
            if (existing.pack().equals(b.pack()) && existing.offset() == b.offset()) {
                return;
            }
        }
        locs.add(b);
        packs.add(b.pack());
    }

    public void addAll(Collection<PackedBlob> blobs) {
        for (PackedBlob b : blobs) {
            add(b);
        }
    }

    private Map<Id, List<PackedBlob>> map(BlobType type) {
        return type == BlobType.DATA ? data : tree;
    }

    public synchronized Optional<PackedBlob> lookup(Id id, BlobType type) {
        List<PackedBlob> locs = map(type).get(id);
        return locs == null ? Optional.empty() : Optional.of(locs.get(0));
    }

    /** Every location of a blob, empty when unknown. */
    public synchronized List<PackedBlob> locations(Id id, BlobType type) {
        List<PackedBlob> locs = map(type).get(id);
        return locs == null ? List.of() : List.copyOf(locs);
    }

    public synchronized boolean has(Id id, BlobType type) {
        return map(type).containsKey(id);
    }

    /** Ids of every pack any index names. */
    public synchronized Set<Id> packs() {
        return Set.copyOf(packs);
    }

    /** All entries, every location, in no particular order. */
    public synchronized List<PackedBlob> all() {
        List<PackedBlob> out = new ArrayList<>();
        data.values().forEach(out::addAll);
        tree.values().forEach(out::addAll);
        return out;
    }

    public synchronized int blobCount(BlobType type) {
        return map(type).size();
    }
}
