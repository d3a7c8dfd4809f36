package io.chronosguard.engine.restorer;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.TreeWalker;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Restores a snapshot tree into a folder. First the layout: directories, empty files,
 * symlinks, special files. Then the content, grouped by pack so each pack is read once
 * (nearby blobs in one read), with packs handled in parallel and every blob checked against
 * its id before a byte of it is written; a file is created by its first write and gets its
 * metadata after its last, on the worker that wrote it. Last, hard links and the remaining
 * metadata, deepest first.
 */
public final class Restorer {
    /** Blobs closer than this in a pack are fetched in one read. */
    static final long MAX_GAP = 1 << 20;
    /** A single read never spans more than this. */
    static final long MAX_READ = 8L << 20;

    private final Repository repo;
    private final RestoreListener listener;
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    /** The restore under way (one per call of {@link #restore}). */
    private Layout layout;

    public Restorer(Repository repo, RestoreListener listener) {
        this.repo = repo;
        this.listener = listener;
    }

    public RestoreResult restore(Id rootTree, RestoreOptions opts) {
        try {
            Files.createDirectories(opts.target());
        } catch (IOException e) {
            throw new BackendIOException("cannot create restore target " + opts.target() + ": " + e.getMessage(), e);
        }
        layout = new Layout(opts.target(), opts.includes(), this::error);
        new TreeWalker(repo).walk(rootTree, layout);
        writeContents(layout, opts.threads());
        layout.createHardLinks();
        layout.applyMetadata();
        return new RestoreResult(layout.files, layout.dirs, layout.symlinks, layout.other, layout.bytes, errors);
    }

    void error(String path, String reason) {
        errors.add(path + ": " + reason);
        listener.error(path, reason);
    }

    /** One file position a blob's plaintext goes to. */
    record Write(RestoredFile file, long offset) {
    }

    /** A blob with every place it is written to. */
    record BlobUse(PackedBlob blob, List<Write> writes) {
    }

    private void writeContents(Layout layout, int threads) {
        Map<Id, BlobUse> byBlob = new HashMap<>();
        for (RestoredFile f : layout.fileTargets) {
            long off = 0;
            for (Id blobId : f.node.content()) {
                PackedBlob pb = repo.index().lookup(blobId, BlobType.DATA).orElse(null);
                if (pb == null) {
                    error(f.display, "data blob " + blobId.hex() + " is not in any index");
                    break;
                }
                f.expect();
                byBlob.computeIfAbsent(blobId, k -> new BlobUse(pb, new ArrayList<>()))
                        .writes().add(new Write(f, off));
                off += pb.plaintextLength();
            }
        }
        Map<Id, List<BlobUse>> byPack = new LinkedHashMap<>();
        for (BlobUse u : byBlob.values()) {
            byPack.computeIfAbsent(u.blob().pack(), k -> new ArrayList<>()).add(u);
        }
        long expected = layout.bytes;
        AtomicLong written = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "restore");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Map.Entry<Id, List<BlobUse>> e : byPack.entrySet()) {
                futures.add(pool.submit(() -> restorePack(e.getKey(), e.getValue(), written, expected)));
            }
            for (Future<?> f : futures) {
                await(f);
            }
        } finally {
            pool.shutdownNow();
        }
        for (RestoredFile f : layout.fileTargets) {
            try {
                if (f.createIfUnwritten()) {
                    layout.applyMetadata(f);
                }
            } catch (IOException e) {
                error(f.display, "cannot create: " + e.getMessage());
            }
        }
    }

    private static void await(Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("restore interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private void restorePack(Id pack, List<BlobUse> uses, AtomicLong written, long expected) {
        uses.sort(Comparator.comparingLong(u -> u.blob().offset()));
        int i = 0;
        while (i < uses.size()) {
            int j = i + 1;
            long start = uses.get(i).blob().offset();
            long end = start + uses.get(i).blob().length();
            while (j < uses.size()) {
                PackedBlob next = uses.get(j).blob();
                long nextEnd = next.offset() + next.length();
                if (next.offset() - end > MAX_GAP || nextEnd - start > MAX_READ) {
                    break;
                }
                end = Math.max(end, nextEnd);
                j++;
            }
            restoreRange(pack, uses.subList(i, j), start, (int) (end - start), written, expected);
            i = j;
        }
    }

    private void restoreRange(Id pack, List<BlobUse> uses, long start, int len, AtomicLong written, long expected) {
        byte[] buf;
        try {
            buf = repo.backend().load(FileType.DATA, pack.hex(), start, len);
        } catch (IOException e) {
            for (BlobUse u : uses) {
                failWrites(u, "pack " + pack.hex() + " cannot be read: " + e.getMessage());
            }
            return;
        }
        for (BlobUse u : uses) {
            PackedBlob b = u.blob();
            int rel = (int) (b.offset() - start);
            if (rel + b.length() > buf.length) {
                failWrites(u, "pack " + pack.hex() + " is truncated before data blob " + b.id().hex());
                continue;
            }
            byte[] plain;
            try {
                plain = repo.decodeBlob(b, buf, rel);
            } catch (CorruptDataException e) {
                failWrites(u, e.getMessage());
                continue;
            }
            for (Write w : u.writes()) {
                writeAt(w, plain);
                listener.bytesWritten(written.addAndGet(plain.length), expected);
            }
        }
    }

    private void failWrites(BlobUse u, String reason) {
        for (Write w : u.writes()) {
            error(w.file().display, reason);
            finishWrite(w);
        }
    }

    private void writeAt(Write w, byte[] plain) {
        // a run of zeros is left as a hole, which reads as zeros
        if (!allZero(plain)) {
            try {
                w.file().write(plain, w.offset());
            } catch (IOException e) {
                error(w.file().display, "cannot write: " + e.getMessage());
            }
        }
        finishWrite(w);
    }

    /** Counts a write as over; the file's last one closes it and sets its metadata. */
    private void finishWrite(Write w) {
        RestoredFile f = w.file();
        try {
            if (f.done()) {
                layout.applyMetadata(f);
            }
        } catch (IOException e) {
            error(f.display, "cannot write: " + e.getMessage());
        }
    }

    static boolean allZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Creates a file of {@code size} bytes, sparse until written. */
    /**
     * An empty (sparse) file of {@code size} bytes. Through a FileChannel on the Path, not a
     * RandomAccessFile on its String form, which loses names that are not valid UTF-8.
     */
    static void createSized(Path p, long size) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            if (size > 0) {
                ch.write(java.nio.ByteBuffer.allocate(1), size - 1);
            }
        }
    }

}
