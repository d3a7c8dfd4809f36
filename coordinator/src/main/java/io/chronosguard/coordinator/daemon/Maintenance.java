package io.chronosguard.coordinator.daemon;

import io.chronosguard.config.daemon.Source;
import io.chronosguard.engine.RepositoryLockedException;
import io.chronosguard.engine.daemon.SourceRetention;
import io.chronosguard.engine.prune.PruneListener;
import io.chronosguard.engine.prune.PruneOptions;
import io.chronosguard.engine.prune.PrunePlan;
import io.chronosguard.engine.prune.Pruner;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * The scheduler's blocking work, run on the node's blocking dispatcher. Retention and prune
 * both take the exclusive lock, as {@code restic forget} and {@code restic prune} do in 0.14:
 * idle nodes hold no lock, but a job's nodes hold shared ones until a short linger after it
 * ends, so taking the lock is tried again every {@code wait}, {@code attempts} times, before
 * the failure goes to the scheduler (reported through {@code DaemonEvents.maintenanceFailed};
 * nothing was changed). Meanwhile the scheduler starts no job of its own.
 */
final class Maintenance {
    /** Pauses between lock attempts (tests pass one that does not sleep). */
    interface Pause {
        void pause(Duration d) throws InterruptedException;
    }

    static final int ATTEMPTS = 30;
    static final Duration WAIT = Duration.ofSeconds(1);

    private final Repository repo;
    private final Clock clock;
    private final int attempts;
    private final Duration wait;
    private final Pause pause;

    Maintenance(Repository repo, Clock clock) {
        this(repo, clock, ATTEMPTS, WAIT, d -> Thread.sleep(d.toMillis()));
    }

    Maintenance(Repository repo, Clock clock, int attempts, Duration wait, Pause pause) {
        this.repo = repo;
        this.clock = clock;
        this.attempts = attempts;
        this.wait = wait;
        this.pause = pause;
    }

    /** The ids of the snapshots removed. */
    List<String> retain(Source s, String hostname) {
        return exclusive(() -> SourceRetention.apply(repo, s, hostname, clock).stream().map(Id::hex).toList());
    }

    /** A one-line summary of what prune did. */
    String prune() {
        return exclusive(() -> {
            Pruner pruner = new Pruner(repo, PruneOptions.defaults(), PruneListener.NONE);
            PrunePlan plan = pruner.plan(List.of());
            pruner.execute(plan);
            return plan.changesAnything() ? "removed " + plan.remove().size() + " and repacked "
                    + plan.repack().size() + " pack(s)" : "nothing to prune";
        });
    }

    private <T> T exclusive(Supplier<T> work) {
        Locker locker = new Locker(repo, clock, Host.current());
        for (int attempt = 1; ; attempt++) {
            Locker.RepoLock lock;
            try {
                lock = locker.lock(true);
            } catch (RepositoryLockedException e) {
                if (attempt >= attempts) {
                    throw new RepositoryLockedException(e.getMessage() + " (tried " + attempts + " times, "
                            + wait.multipliedBy(attempts - 1L).toSeconds() + " s)");
                }
                try {
                    pause.pause(wait);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                continue;
            }
            try (lock) {
                return work.get();
            }
        }
    }
}
