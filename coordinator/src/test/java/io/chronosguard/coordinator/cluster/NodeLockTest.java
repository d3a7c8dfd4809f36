package io.chronosguard.coordinator.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class NodeLockTest {
    @TempDir
    Path dir;
    LocalBackend backend;
    Repository repo;
    /** Scheduled work, run by the test: the lock's refreshes and the node lock's delayed release. */
    final List<Runnable> scheduled = new ArrayList<>();
    final Locker.Scheduler manual = (task, delay) -> {
        scheduled.add(task);
        return () -> scheduled.remove(task);
    };
    NodeLock lock;

    @BeforeEach
    void setUp() throws IOException {
        backend = new LocalBackend(dir.resolve("repo"));
        repo = new RepositoryInit(new SecureRandom(), Clock.systemUTC(), Host.current()).init(backend,
                "pw".toCharArray(), 2, new KdfParams(1024, 8, 1));
        Locker locker = new Locker(repo, Clock.systemUTC(), Host.current(), manual);
        lock = new NodeLock(() -> locker.lock(false), manual, Duration.ofSeconds(2));
    }

    List<String> locks() throws IOException {
        return backend.list(FileType.LOCK);
    }

    @Test
    void enterExit_lastUserGone_lockFileRemovedAfterLinger() throws IOException {
        assertEquals(List.of(), locks(), "no lock before any work");
        lock.enter();
        lock.enter();
        assertEquals(1, locks().size(), "one lock file per node, however many users");
        lock.exit();
        lock.exit();
        assertEquals(1, locks().size(), "kept for the linger (a next task often follows)");
        // the refresh and the release are scheduled; the release is the last one
        scheduled.remove(scheduled.size() - 1).run();
        assertEquals(List.of(), locks(), "between jobs the node holds no lock");
        assertFalse(lock.held());
    }

    @Test
    void enter_duringLinger_keepsTheSameLock() throws IOException {
        lock.enter();
        List<String> first = locks();
        lock.exit();
        lock.enter();
        assertEquals(first, locks());
        assertEquals(1, scheduled.size(), "the pending release was cancelled; only the refresh is left");
    }

    @Test
    void enter_afterLockLost_throwsTheLostMessageAndIsJobFatal() throws IOException {
        lock.enter();
        backend.remove(FileType.LOCK, locks().get(0)); // restic unlock --remove-all
        scheduled.get(0).run(); // the refresh finds its lock file gone
        assertTrue(lock.lost().orElseThrow().startsWith(NodeLock.LOST), lock.lost().toString());
        RepositoryLockedException e = assertThrows(RepositoryLockedException.class, lock::enter);
        assertTrue(NodeLock.isLost(e), e.getMessage());
        assertFalse(NodeLock.isLost(new RepositoryLockedException("repository x is already locked exclusively")));
        lock.exit();
        scheduled.remove(scheduled.size() - 1).run();
        lock.enter(); // once every user is gone, the next job takes a fresh lock
        assertTrue(lock.lost().isEmpty());
        assertEquals(1, locks().size());
        lock.close();
        assertEquals(List.of(), locks());
    }
}
