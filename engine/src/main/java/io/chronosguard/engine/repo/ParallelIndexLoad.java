package io.chronosguard.engine.repo;

import io.chronosguard.engine.index.IndexFile;
import io.chronosguard.engine.index.MasterIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Reads index files on a few threads (each is read, hashed, decrypted, decompressed and
 * parsed on its own) and merges them in listing order, so the union and which location a
 * lookup returns first are the same as reading them one after another. Every command that
 * touches data waits for the whole index before it starts.
 */
final class ParallelIndexLoad {
    private ParallelIndexLoad() {
    }

    static MasterIndex load(List<Id> ids, Function<Id, IndexFile> read, int threads) {
        MasterIndex idx = new MasterIndex();
        int n = Math.min(threads, ids.size());
        if (n <= 1) {
            for (Id id : ids) {
                idx.addAll(read.apply(id).blobs());
            }
            return idx;
        }
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "index-load");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<IndexFile>> files = new ArrayList<>();
            for (Id id : ids) {
                files.add(pool.submit(() -> read.apply(id)));
            }
            for (Future<IndexFile> f : files) {
                idx.addAll(await(f).blobs());
            }
            return idx;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The file, or the reader's own exception (its type and message are what callers report). */
    private static IndexFile await(Future<IndexFile> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the index", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
