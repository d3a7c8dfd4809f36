package io.chronosguard.engine.archiver;

import io.chronosguard.engine.chunker.Chunk;
import io.chronosguard.engine.chunker.Chunker;
import io.chronosguard.engine.chunker.Polynomial;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * Reads one file, cuts it into content-defined chunks with the repository's polynomial,
 * and hands each chunk to the blob saver. One chunker and chunk buffer per thread.
 *
 * <p>With a blob executor, a file of more than one chunk is pipelined: the reading thread
 * only reads and chunks, and the chunks are hashed, compressed, sealed and packed on the
 * executor's threads meanwhile, so one large file keeps every core busy (and reading
 * overlaps the work). At most {@code maxInFlight} chunks wait or run at once, bounding the
 * memory. A file of one chunk, the common small file, is saved on the reading thread:
 * handing it over would cost more than it saves.
 */
final class FileSaver {
    private final BlobSaver saver;
    /**
     * Per thread, shared by every saver: a cluster node makes a saver per directory task, and
     * per-instance thread locals left an 8 MiB buffer per task and thread in the threads' maps
     * until the JVM happened to expunge them (a daemon node ran out of heap within minutes).
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[Chunker.MAX_SIZE]);
    private static final ThreadLocal<PolyChunker> CHUNKERS = new ThreadLocal<>();

    /** A thread's chunker and the polynomial it was made for (a process may open several repositories). */
    private record PolyChunker(Polynomial pol, Chunker chunker) {
    }

    private final Polynomial pol;
    private final Executor blobWorkers;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<byte[]> spare = new ConcurrentLinkedQueue<>();

    FileSaver(BlobSaver saver, Polynomial pol) {
        this(saver, pol, null, 1);
    }

    /** Pipelines multi-chunk files onto {@code blobWorkers} (null: everything on the reader). */
    FileSaver(BlobSaver saver, Polynomial pol, Executor blobWorkers, int maxInFlight) {
        this.saver = saver;
        this.pol = pol;
        this.blobWorkers = blobWorkers;
        this.inFlight = new Semaphore(Math.max(1, maxInFlight));
    }

    /** The file's content blob ids, in order. */
    List<Id> save(Path file, String display, ArchiverListener listener) throws IOException {
        List<Id> content = new ArrayList<>();
        Chunker chunker = chunker();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            chunker.reset(in);
            byte[] buf = BUFFERS.get();
            Chunk c = chunker.next(buf);
            if (c == null) {
                return content;
            }
            BUFFERS.set(c.data());
            listener.bytesRead(display, c.length());
            if (blobWorkers == null) {
                do {
                    content.add(saveChunk(c, listener));
                    BUFFERS.set(c.data());
                    c = chunker.next(c.data());
                    if (c != null) {
                        listener.bytesRead(display, c.length());
                    }
                } while (c != null);
                return content;
            }
            return pipelined(chunker, c, display, listener);
        }
    }

    private Id saveChunk(Chunk c, ArchiverListener listener) {
        BlobSaver.Saved s = saver.save(BlobType.DATA, c.data(), c.length());
        listener.blobSaved(true, s.added(), c.length(), s.storedBytes());
        return s.id();
    }

    /**
     * The first chunk (in this thread's buffer) is saved here if it is the only one; else it
     * and the rest go to the blob workers, each later chunk in a pooled buffer of its own.
     */
    private List<Id> pipelined(Chunker chunker, Chunk first, String display, ArchiverListener listener)
            throws IOException {
        List<CompletableFuture<Id>> parts = new ArrayList<>();
        try {
            Chunk c = nextPooled(chunker);
            if (c == null) {
                return new ArrayList<>(List.of(saveChunk(first, listener)));
            }
            // the first chunk stays in this thread's buffer: fine, as this method waits for every part
            parts.add(submit(first, listener, false));
            while (c != null) {
                listener.bytesRead(display, c.length());
                parts.add(submit(c, listener, true));
                c = nextPooled(chunker);
            }
        } catch (IOException | RuntimeException e) {
            awaitQuietly(parts);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            awaitQuietly(parts);
            throw new IOException("interrupted while reading " + display, e);
        }
        List<Id> ids = new ArrayList<>(parts.size());
        for (CompletableFuture<Id> p : parts) {
            try {
                ids.add(p.join());
            } catch (CompletionException e) {
                awaitQuietly(parts);
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        }
        return ids;
    }

    private Chunker chunker() {
        PolyChunker c = CHUNKERS.get();
        if (c == null || !c.pol().equals(pol)) {
            c = new PolyChunker(pol, new Chunker(pol));
            CHUNKERS.set(c);
        }
        return c.chunker();
    }

    /** The next chunk in a pooled buffer (waiting while too many are in flight), or null at the end. */
    private Chunk nextPooled(Chunker chunker) throws IOException, InterruptedException {
        inFlight.acquire();
        byte[] b = spare.poll();
        Chunk c;
        try {
            c = chunker.next(b != null ? b : new byte[Chunker.MIN_SIZE * 2]);
        } catch (IOException | RuntimeException e) {
            release(b);
            throw e;
        }
        if (c == null) {
            release(b);
        }
        return c;
    }

    /** Saves a chunk on a blob worker; a pooled buffer goes back to the pool afterwards. */
    private CompletableFuture<Id> submit(Chunk c, ArchiverListener listener, boolean pooled) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return saveChunk(c, listener);
            } finally {
                if (pooled) {
                    release(c.data());
                }
            }
        }, blobWorkers);
    }

    /** Returns a buffer (if any) to the pool and its place in flight. */
    private void release(byte[] b) {
        if (b != null) {
            spare.offer(b);
        }
        inFlight.release();
    }

    private static void awaitQuietly(List<CompletableFuture<Id>> parts) {
        for (CompletableFuture<Id> p : parts) {
            try {
                p.join();
            } catch (CompletionException | java.util.concurrent.CancellationException ignored) {
                // the first failure is what the caller reports
            }
        }
    }
}
