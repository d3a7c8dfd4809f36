package io.chronosguard.engine.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.RepositoryLockedException;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.local.LocalBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockerTest {
    @TempDir
    Path dir;

    /** Time moved by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-02T03:04:05Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** Keeps what was scheduled; the test runs it. */
    static final class ManualScheduler implements Locker.Scheduler {
        final List<Runnable> tasks = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();

        @Override
        public Runnable schedule(Runnable task, Duration delay) {
            tasks.add(task);
            delays.add(delay);
            return () -> tasks.remove(task);
        }

        /** Runs the one pending refresh. */
        void runNext() {
            assertEquals(1, tasks.size(), "one refresh pending");
            tasks.remove(0).run();
        }
    }

    /** A local folder whose saves fail while {@code failing} is set. */
    static final class FlakyBackend implements Backend {
        final LocalBackend local;
        boolean failing;

        FlakyBackend(LocalBackend local) {
            this.local = local;
        }

        @Override
        public String location() {
            return local.location();
        }

        @Override
        public boolean exists() throws IOException {
            return local.exists();
        }

        @Override
        public List<String> list(FileType type) throws IOException {
            return local.list(type);
        }

        @Override
        public byte[] load(FileType type, String name) throws IOException {
            return local.load(type, name);
        }

        @Override
        public byte[] load(FileType type, String name, long offset, int length) throws IOException {
            return local.load(type, name, offset, length);
        }

        @Override
        public long size(FileType type, String name) throws IOException {
            return local.size(type, name);
        }

        @Override
        public void save(FileType type, String name, byte[] data) throws IOException {
            if (failing) {
                throw new IOException("backend unavailable");
            }
            local.save(type, name, data);
        }

        @Override
        public void remove(FileType type, String name) throws IOException {
            local.remove(type, name);
        }
    }

    ManualClock clock = new ManualClock();
    ManualScheduler scheduler = new ManualScheduler();
    FlakyBackend backend;
    Repository repo;
    Locker locker;

    @BeforeEach
    void setUp() throws IOException {
        LocalBackend local = new LocalBackend(dir.resolve("repo"));
        RepositoryInitTest.init().init(local, RepositoryInitTest.PASSWORD, 2, KeyRingTest.CHEAP).close();
        backend = new FlakyBackend(local);
        repo = Repository.open(backend, RepositoryInitTest.PASSWORD.clone());
        locker = new Locker(repo, clock, Host.current(), scheduler);
    }

    List<String> locks() throws IOException {
        return backend.list(FileType.LOCK);
    }

    @Test
    void refresh_afterFiveMinutes_writesNewLockFileAndRemovesTheOld() throws IOException {
        Locker.RepoLock lock = locker.lock(false);
        String first = lock.id().hex();
        assertEquals(List.of(first), locks());
        assertEquals(Locker.REFRESH_EVERY, scheduler.delays.get(0));

        clock.now = clock.now.plus(Locker.REFRESH_EVERY);
        scheduler.runNext();

        String second = lock.id().hex();
        assertFalse(second.equals(first), "a new lock file");
        assertEquals(List.of(second), locks(), "the old lock file is removed");
        assertTrue(new String(repo.loadUnpacked(FileType.LOCK, lock.id())).contains("2026-01-02T03:09:05"),
                "the new lock carries the refresh time");
        assertEquals(Locker.REFRESH_EVERY, scheduler.delays.get(1), "the next refresh is scheduled");
        lock.close();
        assertEquals(List.of(), locks());
        assertTrue(scheduler.tasks.isEmpty(), "closing cancels the pending refresh");
    }

    @Test
    void refresh_lockFileRemovedByOthers_reportsLostAndCheckHeldThrows() throws IOException {
        Locker.RepoLock lock = locker.lock(false);
        AtomicReference<String> told = new AtomicReference<>();
        lock.onLost(told::set);
        backend.remove(FileType.LOCK, lock.id().hex()); // restic unlock --remove-all

        scheduler.runNext();

        assertTrue(told.get().startsWith("lost the repository lock"), told.get());
        assertTrue(told.get().contains("removed"), told.get());
        RepositoryLockedException e = assertThrows(RepositoryLockedException.class, lock::checkHeld);
        assertEquals(told.get(), e.getMessage());
        assertEquals(List.of(), locks(), "no new lock is written behind the other's back");
        assertTrue(scheduler.tasks.isEmpty(), "no more refreshes");
        lock.close();
    }

    @Test
    void refresh_backendFailsUntilNearlyStale_retriesThenReportsLost() throws IOException {
        Locker.RepoLock lock = locker.lock(false);
        AtomicReference<String> told = new AtomicReference<>();
        lock.onLost(told::set);
        backend.failing = true;

        clock.now = clock.now.plus(Locker.REFRESH_EVERY);
        scheduler.runNext();
        assertEquals(null, told.get(), "one failed refresh is retried");
        assertEquals(Locker.RETRY_EVERY, scheduler.delays.get(1));
        lock.checkHeld();

        clock.now = clock.now.plus(Locker.STALE_AFTER.minus(Locker.LOST_MARGIN));
        scheduler.runNext();
        assertTrue(told.get().startsWith("lost the repository lock"), told.get());
        assertTrue(told.get().contains("backend unavailable"), told.get());
        assertThrows(RepositoryLockedException.class, lock::checkHeld);
        backend.failing = false;
        lock.close();
        assertEquals(List.of(), locks(), "closing removes the last written lock");
    }

    @Test
    void onLost_registeredAfterTheLoss_isToldAtOnce() throws IOException {
        Locker.RepoLock lock = locker.lock(false);
        backend.remove(FileType.LOCK, lock.id().hex());
        scheduler.runNext();
        AtomicReference<String> told = new AtomicReference<>();
        lock.onLost(told::set);
        assertTrue(told.get().startsWith("lost the repository lock"), String.valueOf(told.get()));
    }
}
