package io.chronosguard.engine.repo;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.RepositoryLockedException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.repo.format.LockInfo;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.ResticTime;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes restic 0.14 locks: list, fail on a conflict, write ours, wait, list again. An
 * exclusive lock conflicts with every other lock; a shared one only with exclusive ones.
 * Held locks are refreshed well inside restic's 30-minute staleness window.
 */
public final class Locker {
    static final Duration RECHECK_DELAY = Duration.ofMillis(200);
    static final Duration REFRESH_EVERY = Duration.ofMinutes(5);

    private final Repository repo;
    private final Clock clock;
    private final Host host;

    public Locker(Repository repo, Clock clock, Host host) {
        this.repo = repo;
        this.clock = clock;
        this.host = host;
    }

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
        private final ScheduledExecutorService refresher;
        private Id current;

        RepoLock(Id id, boolean exclusive) {
            this.current = id;
            this.exclusive = exclusive;
            this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "lock-refresh");
                t.setDaemon(true);
                return t;
            });
            long every = REFRESH_EVERY.toMillis();
            refresher.scheduleAtFixedRate(this::refresh, every, every, TimeUnit.MILLISECONDS);
        }

        synchronized void refresh() {
            try {
                Id fresh = write(exclusive);
                remove(current);
                current = fresh;
            } catch (BackendIOException e) {
                // keep the old lock; the next refresh tries again
            }
        }

        public synchronized Id id() {
            return current;
        }

        @Override
        public synchronized void close() {
            refresher.shutdownNow();
            remove(current);
        }
    }
}
