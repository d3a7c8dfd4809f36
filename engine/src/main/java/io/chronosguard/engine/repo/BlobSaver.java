package io.chronosguard.engine.repo;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.index.MasterIndex;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.pack.PackEntry;
import io.chronosguard.engine.pack.Packer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Stores blobs: dedups against the index and against blobs already on their way, compresses
 * (v2), seals, and appends to an open pack per blob type; a full pack is uploaded by the
 * thread that filled it and only then indexed. Thread-safe: many file readers call
 * {@link #save} at once; the pack append is the only step under a lock.
 */
public final class BlobSaver {
    /** How blobs are compressed. */
    public enum Compression { AUTO, OFF, MAX }

    /** What saving one blob did. */
    public record Saved(Id id, boolean added, long storedBytes) {
    }

    private final Repository repo;
    private final MasterIndex index;
    private final IndexSaver indexSaver;
    private final int packSize;
    private final Compression compression;
    private final Set<Id> claimed = ConcurrentHashMap.newKeySet();
    private final Packer[] open = new Packer[2];
    private final AtomicLong addedBytes = new AtomicLong();
    private final AtomicLong addedBlobs = new AtomicLong();
    private final ThreadLocal<ZstdCompressCtx> zstd;
    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
    /** Buffers of uploaded packs, for the next ones (a pack buffer is ~18 MiB). */
    private final Queue<byte[]> spares = new ConcurrentLinkedQueue<>();

    public BlobSaver(Repository repo, IndexSaver indexSaver, int packSize, Compression compression) {
        this(repo, repo.index(), indexSaver, packSize, compression);
    }

    /**
     * Dedups against {@code index} instead of the repository's index, and adds each stored
     * pack's blobs to it. Prune's repack passes an empty one, so every blob it is given is
     * stored again (once), even though the repository's index already lists it.
     */
    public BlobSaver(Repository repo, MasterIndex index, IndexSaver indexSaver, int packSize, Compression compression) {
        this.repo = repo;
        this.index = index;
        this.indexSaver = indexSaver;
        this.packSize = packSize;
        this.compression = compression;
        int level = compression == Compression.MAX ? 19 : 3;
        this.zstd = ThreadLocal.withInitial(() -> new ZstdCompressCtx().setLevel(level));
    }

    /** Stores {@code data[0, len)} as a blob of {@code type} unless the repository has it. */
    public Saved save(BlobType type, byte[] data, int len) {
        Id id = Id.hash(data, 0, len);
        return save(type, id, data, len);
    }

    /** As {@link #save(BlobType, byte[], int)} when the caller already hashed the data. */
    public Saved save(BlobType type, Id id, byte[] data, int len) {
        if (index.has(id, type) || !claimed.add(claimKey(type, id))) {
            return new Saved(id, false, 0);
        }
        // compressed (or copied) straight to where the ciphertext goes, then sealed in place
        int room = compress(type) ? (int) Zstd.compressBound(len) : len;
        byte[] sealed = SCRATCH.get().buffer(room + Crypto.OVERHEAD);
        int plen = len;
        int ulen = 0;
        if (compress(type)) {
            plen = zstd.get().compressByteArray(sealed, Crypto.IV_SIZE, room, data, 0, len);
            ulen = len;
        } else {
            System.arraycopy(data, 0, sealed, Crypto.IV_SIZE, len);
        }
        int slen = Crypto.sealInPlace(repo.key(), sealed, 0, plen);
        Packer full = null;
        int slot = type == BlobType.DATA ? 0 : 1;
        synchronized (open) {
            if (open[slot] == null) {
                byte[] spare = spares.poll();
                open[slot] = new Packer(spare != null ? spare : new byte[packSize + (packSize >> 3)]);
            }
            open[slot].add(type, id, sealed, 0, slen, ulen);
            if (open[slot].size() >= packSize) {
                full = open[slot];
                open[slot] = null;
            }
        }
        if (full != null) {
            upload(full);
        }
        addedBytes.addAndGet(slen);
        addedBlobs.incrementAndGet();
        return new Saved(id, true, slen);
    }

    /**
     * A thread's buffer for the sealed blob, grown to the largest blob it has seen and then
     * reused: allocating (and zeroing) fresh chunk-sized arrays per blob was a good part of a
     * backup's memory traffic.
     */
    private static final class Scratch {
        private byte[] buffer = new byte[0];

        byte[] buffer(int n) {
            if (buffer.length < n) {
                buffer = new byte[n];
            }
            return buffer;
        }
    }

    /** Tree ids and data ids live in separate namespaces; keep claims apart. */
    private static Id claimKey(BlobType type, Id id) {
        if (type == BlobType.DATA) {
            return id;
        }
        byte[] b = id.bytes();
        b[0] ^= (byte) 0xA5;
        b[31] ^= (byte) 0x5A;
        return Id.of(b);
    }

    private boolean compress(BlobType type) {
        if (repo.version() < 2) {
            return false;
        }
        return type == BlobType.TREE || compression != Compression.OFF;
    }

    private void upload(Packer p) {
        p.finish(repo.key());
        byte[] bytes = p.bytes();
        Id packId = Id.hash(bytes, 0, p.size());
        try {
            repo.backend().save(FileType.DATA, packId.hex(), bytes, 0, p.size());
        } catch (IOException e) {
            throw new BackendIOException("cannot store pack " + packId.hex() + ": " + e.getMessage(), e);
        }
        List<PackedBlob> blobs = new ArrayList<>(p.count());
        for (PackEntry e : p.entries()) {
            blobs.add(new PackedBlob(e.id(), e.type(), packId, e.offset(), e.length(), e.uncompressedLength()));
        }
        if (spares.isEmpty()) {
            spares.offer(bytes);
        }
        index.addAll(blobs);
        indexSaver.packStored(packId, blobs);
    }

    /** Uploads the open packs and writes the remaining index entries. */
    public void flush() {
        Packer[] toUpload = new Packer[2];
        synchronized (open) {
            toUpload[0] = open[0];
            toUpload[1] = open[1];
            open[0] = null;
            open[1] = null;
        }
        for (Packer p : toUpload) {
            if (p != null && p.count() > 0) {
                upload(p);
            }
        }
        indexSaver.flush();
    }

    /** Sealed bytes of new blobs added so far. */
    public long addedBytes() {
        return addedBytes.get();
    }

    public long addedBlobs() {
        return addedBlobs.get();
    }
}
