package io.chronosguard.engine.prune;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.Futures;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.MasterIndex;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Repository;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies the blobs prune keeps out of the packs it repacks into new packs: reads each pack
 * once, verifies every blob (MAC, decompression, id) and stores it again through a
 * {@link BlobSaver} that ignores the repository's index, so each kept blob lands in a new
 * pack exactly once. A blob that fails verification is taken from another copy if the index
 * names one; otherwise repacking stops before any index or used pack is touched.
 */
final class Repacker {
    /** The new packs' index entries, and the index files the saver wrote for them on the way. */
    record Result(List<PackedBlob> entries, List<Id> indexFiles) {
    }

    private final Repository repo;
    private final MasterIndex index;
    private final PruneOptions opts;
    private final PruneListener listener;
    private final int threads;

    /** {@code threads} packs are read and repacked at once; the listener is called from those threads. */
    Repacker(Repository repo, MasterIndex index, PruneOptions opts, PruneListener listener, int threads) {
        this.repo = repo;
        this.index = index;
        this.opts = opts;
        this.listener = listener;
        this.threads = threads;
    }

    Result repack(Set<Id> packs, Set<BlobHandle> keepBlobs, Set<Id> unavailable) {
        Map<Id, List<PackedBlob>> byPack = new HashMap<>();
        for (PackedBlob b : index.all()) {
            if (packs.contains(b.pack())) {
                byPack.computeIfAbsent(b.pack(), k -> new ArrayList<>()).add(b);
            }
        }
        MasterIndex fresh = new MasterIndex();
        IndexSaver indexSaver = new IndexSaver(repo);
        BlobSaver saver = new BlobSaver(repo, fresh, indexSaver, opts.packSize(), opts.compression());
        // claimed with remove(): a blob kept from two repacked packs is stored once
        Set<BlobHandle> todo = ConcurrentHashMap.newKeySet();
        todo.addAll(keepBlobs);
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "repack");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Id pack : new TreeSet<>(packs)) {
                List<PackedBlob> blobs = byPack.getOrDefault(pack, List.of());
                work.add(pool.submit(() -> repackOne(pack, blobs, todo, saver, unavailable)));
            }
            Futures.awaitAll(work, "repacking");
        } finally {
            pool.shutdownNow();
        }
        saver.flush();
        if (!todo.isEmpty()) {
            throw new IllegalStateException("internal error: " + todo.size() + " blobs to keep were not repacked, e.g. "
                    + todo.iterator().next());
        }
        return new Result(fresh.all(), indexSaver.written());
    }

    /** Reads one pack (unless none of its blobs is still wanted) and stores its wanted blobs anew. */
    private void repackOne(Id pack, List<PackedBlob> blobs, Set<BlobHandle> todo, BlobSaver saver,
            Set<Id> unavailable) {
        List<PackedBlob> wanted = new ArrayList<>();
        for (PackedBlob b : blobs) {
            if (todo.contains(PrunePlanner.handle(b))) {
                wanted.add(b);
            }
        }
        if (wanted.isEmpty()) {
            return;
        }
        wanted.sort(Comparator.comparingLong(PackedBlob::offset));
        byte[] bytes = load(pack);
        int stored = 0;
        for (PackedBlob b : wanted) {
            if (todo.remove(PrunePlanner.handle(b))) {
                byte[] plain = decode(b, bytes, unavailable);
                saver.save(b.type(), b.id(), plain, plain.length);
                stored++;
            }
        }
        listener.packRepacked(pack, stored);
    }

    private byte[] load(Id pack) {
        try {
            return repo.backend().load(FileType.DATA, pack.hex());
        } catch (NoSuchFileException e) {
            throw new CorruptDataException("pack " + pack.hex() + " to repack is missing; repacking stopped"
                    + " before any index or used pack was changed");
        } catch (IOException e) {
            throw new BackendIOException("cannot read pack " + pack.hex() + ": " + e.getMessage(), e);
        }
    }

    /** The verified plaintext of {@code b}, from the pack read, else from another copy. */
    private byte[] decode(PackedBlob b, byte[] pack, Set<Id> unavailable) {
        CorruptDataException failure;
        try {
            if (b.offset() + b.length() > pack.length) {
                throw new CorruptDataException("pack " + b.pack().hex() + " is truncated: " + b.type().json()
                        + " blob " + b.id().hex() + " at offset " + b.offset() + " lies past its end");
            }
            return repo.decodeBlob(b, pack, (int) b.offset());
        } catch (CorruptDataException e) {
            failure = e;
        }
        for (PackedBlob copy : index.locations(b.id(), b.type())) {
            if (copy.pack().equals(b.pack()) || unavailable.contains(copy.pack())) {
                continue;
            }
            try {
                return repo.loadBlob(copy);
            } catch (CorruptDataException e) {
                // try the next copy
            }
        }
        throw new CorruptDataException(failure.getMessage() + ", and no other copy of it is intact; repacking"
                + " stopped before any index or used pack was changed", failure);
    }
}
