package io.chronosguard.cli;

import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code prune}: removes data no snapshot uses, as restic 0.14's prune, under an exclusive lock. */
@Command(name = "prune", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Remove data that no snapshot uses: delete unused packs, repack partly used ones"
                + " (as --max-unused and --max-repack-size allow), and rewrite the index.",
            "Refuses (exit 13) and changes nothing when data that snapshots use is missing."})
final class PruneCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = {"-n", "--dry-run"}, description = "Change nothing; print what would be done.")
    boolean dryRun;

    @Option(names = "--json", description = "Print the plan and its numbers as one JSON object.")
    boolean json;

    @Mixin
    PruneFlags flags = new PruneFlags();

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        PruneStep step = PruneStep.require(ctx, flags, json);
        // like restic, even a dry run takes the exclusive lock: its plan is only right while nobody writes
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, true)) {
            step.run(ctx, repo, List.of(), dryRun);
        }
        return ExitCode.OK;
    }
}
