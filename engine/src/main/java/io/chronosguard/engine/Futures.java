package io.chronosguard.engine;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for a batch of tasks the engine runs on its own pools (repack, copy). */
public final class Futures {
    private Futures() {
    }

    /**
     * Waits for every task; at the first failure cancels the rest and rethrows it as it was
     * thrown (a runtime exception keeps its type, so typed engine errors reach the caller).
     *
     * @param doing what the tasks do, for messages: {@code "repacking"}
     */
    public static void awaitAll(List<? extends Future<?>> work, String doing) {
        for (Future<?> f : work) {
            try {
                f.get();
            } catch (ExecutionException e) {
                work.forEach(w -> w.cancel(true));
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(doing + " failed: " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                work.forEach(w -> w.cancel(true));
                throw new IllegalStateException("interrupted while " + doing, e);
            }
        }
    }
}
