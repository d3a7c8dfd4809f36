package io.chronosguard.coordinator.cluster;

import io.chronosguard.engine.RepositoryLockedException;
import io.chronosguard.engine.repo.Locker;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The node's repository lock, held only while the node works on a job: the first task (or
 * the coordinator's job) takes a non-exclusive restic lock, the last one to end releases it
 * after {@code linger} (so a worker going from one task to the next does not churn lock
 * files). Between jobs the node holds no lock, so {@code restic check} and {@code restic
 * prune} (exclusive in 0.14) can run while the cluster stays up.
 *
 * <p>The lock is refreshed by {@link Locker}; once it is lost, {@link #enter()} and
 * {@link #lost()} say so, and whoever works under it fails its job with that message. Thread
 * safe: workers enter on the blocking dispatcher, the result holder and the coordinator exit
 * from their actors.
 */
public final class NodeLock {
    private final Supplier<Locker.RepoLock> taker;
    private final Locker.Scheduler scheduler;
    private final Duration linger;
    private int users;
    private Locker.RepoLock held;
    private Runnable pendingRelease;
    private boolean closed;

    /**
     * @param taker takes a fresh non-exclusive lock (blocking; throws when an exclusive one is held)
     */
    public NodeLock(Supplier<Locker.RepoLock> taker, Locker.Scheduler scheduler, Duration linger) {
        this.taker = taker;
        this.scheduler = scheduler;
        this.linger = linger;
    }

    /**
     * One more user: takes the lock if none is held (blocking). Throws
     * {@link RepositoryLockedException} when another process holds an exclusive lock, or when
     * the lock held is lost; the caller is then no user.
     */
    public synchronized void enter() {
        if (closed) {
            throw new RepositoryLockedException("the node is stopping: it takes no new repository lock");
        }
        if (held != null) {
            held.checkHeld();
        } else {
            held = taker.get();
        }
        users++;
        if (pendingRelease != null) {
            pendingRelease.run();
            pendingRelease = null;
        }
    }

    /** One user less: the last one releases the lock after the linger. */
    public synchronized void exit() {
        if (users == 0) {
            throw new IllegalStateException("exit without enter");
        }
        users--;
        if (users == 0 && !closed) {
            pendingRelease = scheduler.schedule(this::releaseIfUnused, linger);
        }
    }

    private synchronized void releaseIfUnused() {
        pendingRelease = null;
        if (users == 0 && held != null) {
            held.close();
            held = null;
        }
    }

    /** The message of a lost lock starts so (see {@link Locker}). */
    public static final String LOST = "lost the repository lock";

    /** Whether {@code t} says a held lock was lost (a job-fatal error, unlike a lock taken by someone else). */
    public static boolean isLost(Throwable t) {
        return t instanceof RepositoryLockedException && t.getMessage() != null && t.getMessage().startsWith(LOST);
    }

    /** Why the lock held is lost, or empty (also when no lock is held). */
    public synchronized Optional<String> lost() {
        return held == null ? Optional.empty() : held.lost();
    }

    /** Whether a lock file of this node exists now (for tests and the node's status). */
    public synchronized boolean held() {
        return held != null;
    }

    /** Removes the lock whoever still uses it (the node stops). */
    public synchronized void close() {
        closed = true;
        if (pendingRelease != null) {
            pendingRelease.run();
            pendingRelease = null;
        }
        if (held != null) {
            held.close();
            held = null;
        }
    }
}
