package io.chronosguard.cli;

import io.chronosguard.engine.prune.PruneListener;
import io.chronosguard.engine.prune.PruneOptions;
import io.chronosguard.engine.prune.PrunePhase;
import io.chronosguard.engine.prune.PrunePlan;
import io.chronosguard.engine.prune.Pruner;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import java.io.PrintStream;
import java.util.List;

/**
 * Prune as a step: {@code prune} runs it alone, {@code forget --prune} after removing
 * snapshots. {@link #require} validates the prune flags before anything is opened or
 * deleted; {@link #run} plans, prints restic's summary and carries the plan out.
 */
final class PruneStep {
    private final PruneOptions options;
    private final boolean json;

    private PruneStep(PruneOptions options, boolean json) {
        this.options = options;
        this.json = json;
    }

    /** A prune step with the options of {@code flags}, or a usage error naming the bad flag. */
    static PruneStep require(CliContext ctx, PruneFlags flags, boolean json) {
        return new PruneStep(flags.toOptions(ctx.settings()), json);
    }

    /**
     * Prunes {@code repo}, whose lock the caller holds, as if the snapshots in {@code removed}
     * were gone already (forget removed them, or would in a dry run); {@code dryRun} only reports.
     */
    void run(CliContext ctx, Repository repo, List<Id> removed, boolean dryRun) {
        PrintStream out = ctx.out();
        Progress progress = new Progress(json ? null : out, ctx.err());
        if (!removed.isEmpty()) {
            progress.say(removed.size() + " snapshots have been removed, running prune");
        }
        Pruner pruner = new Pruner(repo, options, progress, Math.max(1, ctx.settings().workers()));
        PrunePlan plan = pruner.plan(removed);
        if (json) {
            out.println(PruneReport.json(plan, dryRun));
        } else {
            PruneReport.print(out, plan.stats());
        }
        if (dryRun) {
            if (!json) {
                PruneReport.printWouldDo(out, plan);
            }
            return;
        }
        pruner.execute(plan);
        progress.say("done");
    }

    /** restic's progress lines, on stdout; silent with --json. */
    private static final class Progress implements PruneListener {
        private final PrintStream out;
        private final PrintStream err;

        Progress(PrintStream out, PrintStream err) {
            this.out = out;
            this.err = err;
        }

        void say(String line) {
            if (out != null) {
                out.println(line);
            }
        }

        @Override
        public void starting(PrunePhase phase) {
            switch (phase) {
                case LOAD_INDEX -> say("loading indexes...");
                case FIND_USED_BLOBS -> say("loading all snapshots...");
                case PLAN -> say("searching used packs...\ncollecting packs for deletion and repacking");
                case DELETE_UNREFERENCED_PACKS -> say("deleting unreferenced packs");
                case REPACK -> say("repacking packs");
                case WRITE_NEW_INDEX -> say("rebuilding index");
                case DELETE_OLD_INDEX -> say("deleting obsolete index files");
                case DELETE_PACKS -> say("removing old packs");
                default -> throw new IllegalStateException("unknown prune phase " + phase);
            }
        }

        @Override
        public void snapshotsToScan(int count) {
            say("finding data that is still in use for " + count + " snapshots");
        }

        @Override
        public void missingPackDropped(Id pack) {
            err.println("chronosguard: warning: pack " + pack.hex() + " is named by the index but missing;"
                    + " none of its blobs is used, so the new index leaves it out");
        }
    }
}
