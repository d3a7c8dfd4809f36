package io.chronosguard.coordinator.daemon;

import io.chronosguard.config.daemon.Source;
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
import java.util.List;

/**
 * The scheduler's blocking work, run on the node's blocking dispatcher. Retention only
 * deletes snapshot files of one source, under the non-exclusive lock the node already
 * holds: a concurrent backup never reads another snapshot file once it has its parent.
 * Prune deletes data, so it takes the exclusive lock like {@code restic prune} and fails
 * (reported, retried at its next time) while any other process holds a lock.
 */
final class Maintenance {
    private final Repository repo;
    private final Clock clock;

    Maintenance(Repository repo, Clock clock) {
        this.repo = repo;
        this.clock = clock;
    }

    /** The ids of the snapshots removed. */
    List<String> retain(Source s, String hostname) {
        return SourceRetention.apply(repo, s, hostname, clock).stream().map(Id::hex).toList();
    }

    /** A one-line summary of what prune did. */
    String prune() {
        try (Locker.RepoLock lock = new Locker(repo, clock, Host.current()).lock(true)) {
            Pruner pruner = new Pruner(repo, PruneOptions.defaults(), PruneListener.NONE);
            PrunePlan plan = pruner.plan(List.of());
            pruner.execute(plan);
            return plan.changesAnything() ? "removed " + plan.remove().size() + " and repacked " + plan.repack().size()
                    + " pack(s)" : "nothing to prune";
        }
    }
}
