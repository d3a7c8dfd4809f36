package io.chronosguard.engine.repo;

import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.RepositoryLockedException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.repo.format.LockInfo;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.ResticTime;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Takes restic 0.14 locks: list, fail on a conflict, write ours, wait, list again. An
 * exclusive lock conflicts with every other lock; a shared one only with exclusive ones.
 *
 * <p>A held lock is refreshed as restic 0.14 does it, every {@link #REFRESH_EVERY}: a new
 * lock file, then the old one removed; restic treats a lock older than {@link #STALE_AFTER}
 * as stale. A refresh that finds its lock file gone (someone ran {@code restic unlock
 * --remove-all}), or that cannot write for so long that the last written lock turns stale,
 * marks the lock <em>lost</em>: the holder is told once, and {@link RepoLock#checkHeld()}
 * throws from then on, so a long job stops instead of going on unprotected.
 */
public final class Locker {
    static final Duration RECHECK_DELAY = Duration.ofMillis(200);
    public static final Duration REFRESH_EVERY = Duration.ofMinutes(5);
    /** A failed refresh is retried this much later. */
    static final Duration RETRY_EVERY = Duration.ofSeconds(30);
    public static final Duration STALE_AFTER = Duration.ofMinutes(30);
    /** Margin before restic would call our last written lock stale: past it the lock counts as lost. */
    static final Duration LOST_MARGIN = Duration.ofMinutes(5);

    /** Runs the refreshes; injected so tests drive time. */
    @FunctionalInterface
    public interface Scheduler {
        /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
        Runnable schedule(Runnable task, Duration delay);
    }

    private final Repository repo;
    private final Clock clock;
    private final Host host;
    private final Scheduler scheduler;

    public Locker(Repository repo, Clock clock, Host host) {
        this(repo, clock, host, DAEMON);
    }

    public Locker(Repository repo, Clock clock, Host host, Scheduler scheduler) {
        this.repo = repo;
        this.clock = clock;
        this.host = host;
        this.scheduler = scheduler;
    }

    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lock-refresh");
        t.setDaemon(true);
        return t;
    });

    /** Refreshes on one daemon thread shared by every lock of the process. */
    public static final Scheduler DAEMON = (task, delay) -> {
        var f = TIMER.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        return () -> f.cancel(false);
    };

    public RepoLock lock(boolean exclusive) {
        failOnConflict(exclusive, null);
        Id mine = write(exclusive);
        try {
            Thread.sleep(RECHECK_DELAY.toMillis());
            failOnConflict(exclusive, mine);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            remove(mine);
            throw new RepositoryLockedException("interrupted while taking the repository lock");
        } catch (EngineException e) {
            remove(mine);
            throw e;
        }
        return new RepoLock(mine, exclusive);
    }

    private Id write(boolean exclusive) {
        LockInfo info = new LockInfo(ResticTime.format(OffsetDateTime.now(clock)), exclusive, host.hostname(),
                host.username(), host.pid(), host.uid(), host.gid());
        return repo.saveUnpacked(FileType.LOCK, ResticJson.write(info));
    }

    private void failOnConflict(boolean exclusive, Id mine) {
        for (Id id : repo.list(FileType.LOCK)) {
            if (id.equals(mine)) {
                continue;
            }
            Optional<LockInfo> other = read(id);
            if (other.isPresent() && (exclusive || other.get().exclusive())) {
                LockInfo o = other.get();
                throw new RepositoryLockedException("repository " + repo.backend().location() + " is already locked"
                        + (o.exclusive() ? " exclusively" : "") + " by PID " + o.pid() + " on " + o.hostname()
                        + " by " + o.username() + " since " + o.time() + " (lock " + id.shortHex()
                        + "; if that process is gone, remove the lock with `restic unlock`)");
            }
        }
    }

    /** A lock file's content, or empty when it cannot be read (restic ignores those too). */
    private Optional<LockInfo> read(Id id) {
        try {
            return Optional.of(ResticJson.read(repo.loadUnpacked(FileType.LOCK, id), LockInfo.class, "lock"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void remove(Id id) {
        try {
            repo.backend().remove(FileType.LOCK, id.hex());
        } catch (IOException ignored) {
            // already gone: nothing to release
        }
    }

    /** A held lock: refreshed in the background, removed on close. */
    public final class RepoLock implements AutoCloseable {
        private final boolean exclusive;
        private final List<Consumer<String>> lostListeners = new ArrayList<>();
        private Id current;
        private Instant written;
        private Runnable pending;
        private String lost;
        private boolean closed;

        RepoLock(Id id, boolean exclusive) {
            this.current = id;
            this.exclusive = exclusive;
            this.written = clock.instant();
            schedule(REFRESH_EVERY);
        }

        private synchronized void schedule(Duration delay) {
            if (!closed && lost == null) {
                pending = scheduler.schedule(this::refresh, delay);
            }
        }

        /** Replaces the lock file by a fresh one (restic 0.14's refresh); visible for tests. */
        void refresh() {
            Duration next;
            synchronized (this) {
                if (closed || lost != null) {
                    return;
                }
                next = refreshNow();
            }
            if (next != null) {
                schedule(next);
            } else {
                String why = lost;
                List<Consumer<String>> listeners;
                synchronized (this) {
                    listeners = List.copyOf(lostListeners);
                }
                listeners.forEach(l -> l.accept(why));
            }
        }

        /** One refresh attempt; the delay to the next one, or null when the lock is lost. */
        private Duration refreshNow() {
            String where = repo.backend().location();
            try {
                if (!repo.backend().list(FileType.LOCK).contains(current.hex())) {
                    lost = "lost the repository lock on " + where + ": lock file " + current.shortHex()
                            + " was removed by someone else (restic unlock --remove-all?); stopping, since restic"
                            + " prune could now delete data this job still writes";
                    return null;
                }
                Id fresh = write(exclusive);
                remove(current);
                current = fresh;
                written = clock.instant();
                return REFRESH_EVERY;
            } catch (IOException | RuntimeException e) {
                if (!clock.instant().isBefore(written.plus(STALE_AFTER.minus(LOST_MARGIN)))) {
                    lost = "lost the repository lock on " + where + ": it could not be refreshed since " + written
                            + " (last error: " + e.getMessage() + "), so restic would soon treat it as stale";
                    return null;
                }
                return RETRY_EVERY;
            }
        }

        /** Calls {@code listener} once with the reason if the lock is ever lost (at once if it already is). */
        public void onLost(Consumer<String> listener) {
            String why;
            synchronized (this) {
                lostListeners.add(listener);
                why = lost;
            }
            if (why != null) {
                listener.accept(why);
            }
        }

        /** Why the lock is lost, or empty while it is held. */
        public synchronized Optional<String> lost() {
            return Optional.ofNullable(lost);
        }

        /** Throws {@link RepositoryLockedException} once the lock is lost. */
        public void checkHeld() {
            lost().ifPresent(why -> {
                throw new RepositoryLockedException(why);
            });
        }

        public synchronized Id id() {
            return current;
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (pending != null) {
                pending.run();
            }
            remove(current);
        }
    }
}
