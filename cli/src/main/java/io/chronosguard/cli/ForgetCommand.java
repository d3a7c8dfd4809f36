package io.chronosguard.cli;

import io.chronosguard.engine.forget.ForgetListener;
import io.chronosguard.engine.forget.ForgetPlan;
import io.chronosguard.engine.forget.Forgetter;
import io.chronosguard.engine.forget.GroupBy;
import io.chronosguard.engine.forget.Period;
import io.chronosguard.engine.forget.RetentionDuration;
import io.chronosguard.engine.forget.RetentionPolicy;
import io.chronosguard.engine.forget.SnapshotFilter;
import io.chronosguard.engine.forget.TagList;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code forget}: removes snapshots by a retention policy, or the snapshots named, with the
 * flags and semantics of restic 0.14's {@code forget}. Parses flags, then hands over to the
 * engine's {@link Forgetter} and prints its plan.
 */
@Command(name = "forget", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Remove snapshots by a retention policy, or the snapshots named (id, unique id prefix,"
                + " or latest).",
            "Snapshots are grouped (--group-by) and the --keep-* rules apply to each group on its own; a snapshot"
                + " is kept when any rule wants it. Only the snapshot files go: their data stays until a prune."},
        footer = {"", "DURATION is restic's: numbers with y (years), m (months), d (days), h (hours), e.g. 1y5m7d2h."
                + " Durations count back from the newest snapshot of the group that is not in the future.",
            "TAGLIST is tag[,tag...]: a snapshot must have all of them; give the flag again for alternatives."})
final class ForgetCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = {"-l", "--keep-last"}, paramLabel = "N", description = "Keep the N newest snapshots.")
    int last;
    @Option(names = {"-H", "--keep-hourly"}, paramLabel = "N", description = "Keep the newest snapshot of each of the N latest hours that have one.")
    int hourly;
    @Option(names = {"-d", "--keep-daily"}, paramLabel = "N", description = "Keep the newest snapshot of each of the N latest days.")
    int daily;
    @Option(names = {"-w", "--keep-weekly"}, paramLabel = "N", description = "Keep the newest snapshot of each of the N latest ISO weeks.")
    int weekly;
    @Option(names = {"-m", "--keep-monthly"}, paramLabel = "N", description = "Keep the newest snapshot of each of the N latest months.")
    int monthly;
    @Option(names = {"-y", "--keep-yearly"}, paramLabel = "N", description = "Keep the newest snapshot of each of the N latest years.")
    int yearly;
    @Option(names = "--keep-within", paramLabel = "DURATION", description = "Keep every snapshot newer than DURATION before the newest one.")
    String within = "";
    @Option(names = "--keep-within-hourly", paramLabel = "DURATION", description = "Keep the newest snapshot of each hour within DURATION.")
    String withinHourly = "";
    @Option(names = "--keep-within-daily", paramLabel = "DURATION", description = "Keep the newest snapshot of each day within DURATION.")
    String withinDaily = "";
    @Option(names = "--keep-within-weekly", paramLabel = "DURATION", description = "Keep the newest snapshot of each ISO week within DURATION.")
    String withinWeekly = "";
    @Option(names = "--keep-within-monthly", paramLabel = "DURATION", description = "Keep the newest snapshot of each month within DURATION.")
    String withinMonthly = "";
    @Option(names = "--keep-within-yearly", paramLabel = "DURATION", description = "Keep the newest snapshot of each year within DURATION.")
    String withinYearly = "";
    @Option(names = "--keep-tag", paramLabel = "TAGLIST", description = "Keep snapshots with all these tags (repeatable: any of the lists).")
    List<String> keepTags = new ArrayList<>();

    @Option(names = {"--host", "--hostname"}, paramLabel = "HOST", description = "Only consider snapshots of this host (repeatable).")
    List<String> hosts = new ArrayList<>();
    @Option(names = "--tag", paramLabel = "TAGLIST", description = "Only consider snapshots with all these tags (repeatable: any of the lists).")
    List<String> tags = new ArrayList<>();
    @Option(names = "--path", paramLabel = "PATH", description = "Only consider snapshots that include this absolute path (repeatable: all of them).")
    List<String> paths = new ArrayList<>();
    @Option(names = {"-g", "--group-by"}, paramLabel = "GROUP", defaultValue = "host,paths",
            description = "Group by host, paths and/or tags, comma-separated; '' for no grouping (default: ${DEFAULT-VALUE}).")
    String groupBy;

    @Option(names = {"-n", "--dry-run"}, description = "Delete nothing; print what would be removed.")
    boolean dryRun;
    @Option(names = "--prune", description = "Prune after removing snapshots (with the prune flags below).")
    boolean prune;
    @Mixin
    PruneFlags pruneFlags = new PruneFlags();
    @Option(names = "--json", description = "Print restic's forget JSON: one object per group with keep, remove and reasons.")
    boolean json;

    @Parameters(paramLabel = "SNAPSHOT", arity = "0..*", description = "Snapshots to remove regardless of any policy.")
    List<String> snapshots = new ArrayList<>();

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        RetentionPolicy policy = policy();
        SnapshotFilter filter = new SnapshotFilter(hosts, tagLists(tags), paths);
        GroupBy grouping = option("--group-by", () -> GroupBy.parse(groupBy));
        PruneStep pruneStep = prune ? PruneStep.require(ctx, pruneFlags, json) : null;
        Warnings warnings = new Warnings(ctx.err());
        // a dry run changes nothing, so it only needs what readers need: no exclusive lock
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, !dryRun)) {
            Forgetter forgetter = new Forgetter(repo, Clock.systemDefaultZone(), warnings);
            ForgetPlan plan = snapshots.isEmpty() ? forgetter.planByPolicy(filter, grouping, policy)
                    : forgetter.planByIds(snapshots, filter);
            report(ctx.out(), plan);
            List<Id> removed = plan.toRemove();
            if (!removed.isEmpty()) {
                if (dryRun) {
                    if (!json) {
                        ForgetReport.printWouldRemove(ctx.out(), removed);
                    }
                } else {
                    removed = forgetter.remove(plan);
                    if (!json) {
                        ctx.out().println("removed " + removed.size() + " snapshots");
                    }
                }
            }
            if (pruneStep != null && !removed.isEmpty()) {
                pruneStep.run(ctx, repo, removed, dryRun);
            }
        }
        return warnings.specIgnored ? ExitCode.NOT_FOUND : ExitCode.OK;
    }

    private void report(PrintStream out, ForgetPlan plan) {
        if (json) {
            if (!plan.groups().isEmpty()) { // like restic: no groups, no JSON
                out.println(ForgetReport.json(plan));
            }
        } else if (plan.byPolicy()) {
            out.println(plan.policy().isEmpty() ? "no policy was specified, no snapshots will be removed"
                    : "Applying Policy: " + plan.policy().describe());
            ForgetReport.printGroups(out, plan);
        } else if (!plan.explicit().isEmpty()) {
            out.println((dryRun ? "would remove " : "remove ") + plan.explicit().size() + " snapshots:");
            ForgetReport.printTable(out, plan.explicit(), null);
            out.println();
        }
    }

    private RetentionPolicy policy() {
        RetentionPolicy.Builder b = RetentionPolicy.builder().last(last).keep(Period.HOURLY, hourly)
                .keep(Period.DAILY, daily).keep(Period.WEEKLY, weekly).keep(Period.MONTHLY, monthly)
                .keep(Period.YEARLY, yearly)
                .within(duration("--keep-within", within))
                .within(Period.HOURLY, duration("--keep-within-hourly", withinHourly))
                .within(Period.DAILY, duration("--keep-within-daily", withinDaily))
                .within(Period.WEEKLY, duration("--keep-within-weekly", withinWeekly))
                .within(Period.MONTHLY, duration("--keep-within-monthly", withinMonthly))
                .within(Period.YEARLY, duration("--keep-within-yearly", withinYearly));
        tagLists(keepTags).forEach(b::keepTag);
        return option("retention policy", b::build);
    }

    private static RetentionDuration duration(String flag, String text) {
        return option(flag, () -> RetentionDuration.parse(text));
    }

    private static List<TagList> tagLists(List<String> values) {
        return values.stream().map(TagList::parse).toList();
    }

    /** Turns the engine's validation message into a usage error (exit 2) naming the flag. */
    private static <T> T option(String flag, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, flag + ": " + e.getMessage());
        }
    }

    /** Prints the engine's warnings to stderr and remembers whether a named snapshot was skipped. */
    private static final class Warnings implements ForgetListener {
        private final PrintStream err;
        boolean specIgnored;

        Warnings(PrintStream err) {
            this.err = err;
        }

        @Override
        public void snapshotUnreadable(Id id, String problem) {
            err.println("chronosguard: warning: ignoring snapshot " + id.shortHex() + ", it cannot be read: " + problem);
        }

        @Override
        public void specIgnored(String spec, String reason) {
            specIgnored = true;
            err.println("chronosguard: warning: ignoring \"" + spec + "\": " + reason);
        }

        @Override
        public void filtersIgnored() {
            err.println("chronosguard: warning: --host, --tag and --path are ignored when snapshots are named"
                    + " (they only narrow down \"latest\")");
        }
    }
}
