package io.chronosguard.cli;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import java.util.List;

/**
 * The hand-over from {@code forget --prune} to prune: the only place forget knows about
 * prune. ChronosGuard has no prune yet, so {@link #require} refuses {@code --prune} before
 * forget opens the repository or deletes anything. When prune exists, {@link #require} returns
 * a step and {@link #run} calls it; {@code ForgetCommand} needs no change.
 */
final class PruneStep {
    private PruneStep() {
    }

    /** A prune step to run after forget, or a usage error while prune is unavailable. */
    static PruneStep require() {
        throw new CliException(ExitCode.USAGE, "--prune is not available yet: ChronosGuard has no prune command so far."
                + " Run forget without --prune; the data of forgotten snapshots stays in the repository"
                + " until a prune (for now `restic prune`) removes it");
    }

    /**
     * Prunes after forget removed {@code removed}, under the exclusive lock forget holds;
     * {@code dryRun} when forget only reported.
     */
    void run(CliContext ctx, Repository repo, List<Id> removed, boolean dryRun) {
        throw new IllegalStateException("prune is not implemented");
    }
}
