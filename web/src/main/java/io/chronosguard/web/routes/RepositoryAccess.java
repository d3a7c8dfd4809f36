package io.chronosguard.web.routes;

import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * How a long-running server reads one repository. Each use holds a shared (non-exclusive)
 * restic lock, as every restic read command does, so a concurrent {@code prune} waits;
 * overlapping requests share one lock file and the last to finish removes it, so an idle
 * server holds none. Before each use the index files are listed, and when another process
 * has added or removed some since, a fresh view (re-reading the index on first use) replaces
 * the old one — so snapshots made while the server runs can be browsed and downloaded.
 */
public final class RepositoryAccess {
    private final Repository opened;
    private final Clock clock;
    private final Host host;
    private Repository current;
    private Set<Id> indexIds;
    private int leases;
    private Locker.RepoLock lock;

    public RepositoryAccess(Repository opened, Clock clock, Host host) {
        this.opened = opened;
        this.clock = clock;
        this.host = host;
        this.current = opened;
    }

    /** Runs {@code work} under a shared lock, on an up-to-date view of the repository. */
    public <T> T read(Function<Repository, T> work) {
        try (Lease lease = open()) {
            return work.apply(lease.repository());
        }
    }

    /** A shared lock and a view, for work that outlives one call (a streamed download). */
    public synchronized Lease open() {
        if (leases == 0) {
            lock = new Locker(opened, clock, host).lock(false);
        }
        leases++;
        try {
            Set<Id> ids = new HashSet<>(opened.list(FileType.INDEX));
            // the first use too: the repository given may have loaded its index long before
            // (a cluster node's, in use by its workers since start-up), and others wrote since
            if (indexIds == null || !ids.equals(indexIds)) {
                current = Repository.of(opened.backend(), opened.key());
            }
            indexIds = ids;
            return new Lease(current);
        } catch (RuntimeException e) {
            release();
            throw e;
        }
    }

    private synchronized void release() {
        leases--;
        if (leases == 0) {
            Locker.RepoLock l = lock;
            lock = null;
            l.close();
        }
    }

    /** A view of the repository held open under the shared lock until closed (once). */
    public final class Lease implements AutoCloseable {
        private final Repository repo;
        private boolean closed;

        private Lease(Repository repo) {
            this.repo = repo;
        }

        public Repository repository() {
            return repo;
        }

        @Override
        public void close() {
            synchronized (RepositoryAccess.this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release();
        }
    }
}
