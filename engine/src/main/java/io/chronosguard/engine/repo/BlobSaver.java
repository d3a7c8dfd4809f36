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
 *
 * <p>It knows where each blob it was given stands ({@link #state}): still in an open pack,
 * stored but not yet named by a stored index file, or indexed. One saver can thus serve many
 * directory tasks at once, each of which may reference data only once it is indexed.
 */
public final class BlobSaver {
    /** How blobs are compressed. */
    public enum Compression { AUTO, OFF, MAX }

    /** Where a blob stands, as far as this saver knows. */
    public enum State {
        /** claimed here, not yet in a stored pack */
        UNSTORED,
        /** in a stored pack that no stored index file names yet */
        UNINDEXED,
        /** named by a stored index file (loaded at start, or written since) */
        INDEXED,
        /** neither indexed nor on its way: its pack could not be stored */
        MISSING
    }

    /** What saving one blob did. */
    public record Saved(Id id, boolean added, long storedBytes) {
    }

    private final Repository repo;
    private final MasterIndex index;
    private final IndexSaver indexSaver;
    private final int packSize;
    private final Compression compression;
    /** Claim keys of blobs given to this saver and not yet named by a stored index file. */
    private final Set<Id> inFlight = ConcurrentHashMap.newKeySet();
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
        Id claim = claimKey(type, id);
        if (index.has(id, type) || !inFlight.add(claim)) {
            return new Saved(id, false, 0);
        }
        // compressed (or copied) straight to where the ciphertext goes, then sealed in place
        byte[] sealed;
        int slen;
        int ulen = 0;
        Packer full = null;
        boolean packed = false;
        try {
            int room = compress(type) ? (int) Zstd.compressBound(len) : len;
            sealed = SCRATCH.get().buffer(room + Crypto.OVERHEAD);
            int plen = len;
            if (compress(type)) {
                plen = zstd.get().compressByteArray(sealed, Crypto.IV_SIZE, room, data, 0, len);
                ulen = len;
            } else {
                System.arraycopy(data, 0, sealed, Crypto.IV_SIZE, len);
            }
            slen = Crypto.sealInPlace(repo.key(), sealed, 0, plen);
            int slot = type == BlobType.DATA ? 0 : 1;
            synchronized (open) {
                if (open[slot] == null) {
                    byte[] spare = spares.poll();
                    open[slot] = new Packer(spare != null ? spare : new byte[packSize + (packSize >> 3)]);
                }
                open[slot].add(type, id, sealed, 0, slen, ulen);
                packed = true;
                if (open[slot].size() >= packSize) {
                    full = open[slot];
                    open[slot] = null;
                }
            }
        } catch (RuntimeException | Error e) {
            // in no pack (even an OutOfMemoryError): let a later save try again rather than
            // leave the blob "on its way" for ever, with results waiting on it
            if (!packed) {
                inFlight.remove(claim);
            }
            throw e;
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
        List<Id> claims = new ArrayList<>(p.count());
        for (PackEntry e : p.entries()) {
            claims.add(claimKey(e.type(), e.id()));
        }
        byte[] bytes;
        Id packId;
        List<PackedBlob> blobs = new ArrayList<>(p.count());
        try {
            p.finish(repo.key());
            bytes = p.bytes();
            packId = Id.hash(bytes, 0, p.size());
            repo.backend().save(FileType.DATA, packId.hex(), bytes, 0, p.size());
            for (PackEntry e : p.entries()) {
                blobs.add(new PackedBlob(e.id(), e.type(), packId, e.offset(), e.length(), e.uncompressedLength()));
            }
        } catch (IOException e) {
            claims.forEach(inFlight::remove);
            // the location first: "no space left" or "permission denied" alone does not say where
            throw new BackendIOException("cannot store a pack in " + repo.backend().location() + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            // not in the index: the blobs are missing (a stored pack is a harmless extra file)
            claims.forEach(inFlight::remove);
            throw e;
        }
        if (spares.isEmpty()) {
            spares.offer(bytes);
        }
        index.addAll(blobs);
        indexSaver.packStored(packId, blobs, () -> claims.forEach(inFlight::remove));
    }

    /** Where {@code id} stands; see {@link State}. */
    public State state(BlobType type, Id id) {
        if (inFlight.contains(claimKey(type, id))) {
            // added to the index right after its pack is stored, claim dropped once indexed
            return index.has(id, type) ? State.UNINDEXED : State.UNSTORED;
        }
        return index.has(id, type) ? State.INDEXED : State.MISSING;
    }

    /** Whether a pack is open with blobs in it, or stored packs wait for an index file. */
    public boolean hasUnflushed() {
        synchronized (open) {
            if (open[0] != null && open[0].count() > 0 || open[1] != null && open[1].count() > 0) {
                return true;
            }
        }
        return indexSaver.hasPending();
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
        RuntimeException failed = null;
        for (Packer p : toUpload) {
            if (p != null && p.count() > 0) {
                try {
                    upload(p);
                } catch (RuntimeException e) {
                    failed = failed == null ? e : failed;
                }
            }
        }
        if (failed != null) {
            throw failed;
        }
        indexSaver.flush();
    }

    /** Writes an index file for the packs stored so far, leaving open packs open. */
    public void flushIndex() {
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
