package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.diff.Change;
import io.chronosguard.engine.diff.DiffStats;
import io.chronosguard.engine.diff.Differ;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.PrintStream;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code diff A B [--metadata] [--json]}: what changed from snapshot A to snapshot B, as restic prints it. */
@Command(name = "diff", description = {"Show what changed from snapshot A to snapshot B.",
    "  +  added    -  removed    M  content modified    T  type changed",
    "  U  mode, mtime, owner, link target or xattrs changed (only with --metadata)"})
final class DiffCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Parameters(index = "0", paramLabel = "A", description = "Snapshot to compare from (id, prefix or latest).")
    String from;

    @Parameters(index = "1", paramLabel = "B", description = "Snapshot to compare to.")
    String to;

    @Option(names = "--metadata", description = "Also show entries whose metadata changed (U).")
    boolean metadata;

    @Option(names = "--json", description = "One JSON object per line, shaped like restic's diff --json.")
    boolean json;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        PrintStream out = ctx.out();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            Snapshots.Entry a = Snapshots.find(repo, from);
            Snapshots.Entry b = Snapshots.find(repo, to);
            if (!json) {
                out.printf("comparing snapshot %s to %s:%n%n", a.id().shortHex(), b.id().shortHex());
            }
            Consumer<Change> printer = json ? c -> out.println(changeJson(c)) : c -> out.printf("%-5s%s%n",
                    c.kind().modifier(), c.displayPath());
            DiffStats stats = new Differ(BlobLoader.of(repo), metadata, printer)
                    .diff(Id.parse(a.snapshot().tree()), Id.parse(b.snapshot().tree()));
            if (json) {
                out.println(statsJson(stats));
            } else {
                printSummary(out, stats);
            }
        }
        return ExitCode.OK;
    }

    private static ObjectNode changeJson(Change c) {
        ObjectNode o = ResticJson.mapper().createObjectNode();
        o.put("message_type", "change");
        o.put("path", c.displayPath());
        o.put("modifier", c.kind().modifier());
        return o;
    }

    private ObjectNode statsJson(DiffStats s) {
        ObjectNode o = ResticJson.mapper().createObjectNode();
        o.put("message_type", "statistics");
        o.put("source_snapshot", from);
        o.put("target_snapshot", to);
        o.put("changed_files", s.changedFiles());
        o.set("added", countsJson(s.added()));
        o.set("removed", countsJson(s.removed()));
        return o;
    }

    private static ObjectNode countsJson(DiffStats.Counts c) {
        ObjectNode o = ResticJson.mapper().createObjectNode();
        o.put("files", c.files());
        o.put("dirs", c.dirs());
        o.put("others", c.others());
        o.put("data_blobs", c.dataBlobs());
        o.put("tree_blobs", c.treeBlobs());
        o.put("bytes", c.bytes());
        return o;
    }

    private static void printSummary(PrintStream out, DiffStats s) {
        DiffStats.Counts add = s.added();
        DiffStats.Counts rem = s.removed();
        out.println();
        out.printf("Files:       %5d new, %5d removed, %5d changed%n", add.files(), rem.files(), s.changedFiles());
        out.printf("Dirs:        %5d new, %5d removed%n", add.dirs(), rem.dirs());
        out.printf("Others:      %5d new, %5d removed%n", add.others(), rem.others());
        out.printf("Data Blobs:  %5d new, %5d removed%n", add.dataBlobs(), rem.dataBlobs());
        out.printf("Tree Blobs:  %5d new, %5d removed%n", add.treeBlobs(), rem.treeBlobs());
        out.printf("  Added:   %-5s%n", Sizes.format(add.bytes()));
        out.printf("  Removed: %-5s%n", Sizes.format(rem.bytes()));
    }
}
