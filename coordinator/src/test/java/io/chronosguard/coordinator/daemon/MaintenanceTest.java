package io.chronosguard.coordinator.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.config.daemon.Source;
import io.chronosguard.engine.RepositoryLockedException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention and prune take restic's exclusive lock, waiting out a job's shared locks for a bounded time. */
class MaintenanceTest {
    @TempDir
    Path dir;
    LocalBackend backend;
    Repository repo;
    final List<Duration> pauses = new ArrayList<>();
    final Source source = new Source("s", List.of("/srv/s"), List.of(), null, null,
            new Source.Retention(1, 0, 0, 0, 0, 0, null, List.of()));

    @BeforeEach
    void setUp() {
        backend = new LocalBackend(dir.resolve("repo"));
        repo = new RepositoryInit(new SecureRandom(), Clock.systemUTC(), Host.current()).init(backend,
                "pw".toCharArray(), 2, new KdfParams(1024, 8, 1));
    }

    private Locker.RepoLock sharedLock() {
        return new Locker(repo, Clock.systemUTC(), Host.current()).lock(false);
    }

    @Test
    void retain_sharedLockReleasedWhileWaiting_takesTheExclusiveLockAndLeavesNone() throws IOException {
        Locker.RepoLock job = sharedLock();
        Maintenance m = new Maintenance(repo, Clock.systemUTC(), 5, Duration.ofSeconds(1), d -> {
            pauses.add(d);
            job.close(); // the job's node ends its linger
        });
        assertEquals(List.of(), m.retain(source, "host"));
        assertEquals(List.of(Duration.ofSeconds(1)), pauses, "one wait, then the lock was free");
        assertEquals(List.of(), backend.list(FileType.LOCK), "the exclusive lock is released");
    }

    @Test
    void prune_sharedLockKept_failsAfterBoundedAttemptsChangingNothing() throws IOException {
        try (Locker.RepoLock job = sharedLock()) {
            Maintenance m = new Maintenance(repo, Clock.systemUTC(), 3, Duration.ofMillis(10), pauses::add);
            RepositoryLockedException e = assertThrows(RepositoryLockedException.class, m::prune);
            assertTrue(e.getMessage().contains("already locked") && e.getMessage().contains("tried 3 times"),
                    e.getMessage());
            assertEquals(2, pauses.size());
            assertEquals(List.of(job.id().hex()), backend.list(FileType.LOCK), "only the job's lock remains");
        }
    }

    @Test
    void prune_noOtherLock_runsAtOnce() throws IOException {
        Maintenance m = new Maintenance(repo, Clock.systemUTC(), 3, Duration.ofMillis(10), pauses::add);
        assertEquals("nothing to prune", m.prune());
        assertEquals(List.of(), pauses);
        assertEquals(List.of(), backend.list(FileType.LOCK));
    }
}
