package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.Snapshot;
import java.io.PrintStream;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code snapshots}: lists snapshots oldest first, as a table or as restic's JSON. */
@Command(name = "snapshots", description = "List snapshots.")
final class SnapshotsCommand implements Callable<Integer> {
    private static final DateTimeFormatter TABLE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = "--json", description = "Print a JSON array shaped like restic's snapshots --json.")
    boolean json;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            List<Snapshots.Entry> all = Snapshots.all(repo);
            if (json) {
                printJson(ctx.out(), all);
            } else {
                printTable(ctx.out(), all);
            }
        }
        return ExitCode.OK;
    }

    static ObjectNode toJson(Snapshots.Entry e) {
        ObjectNode node = ResticJson.mapper().valueToTree(e.snapshot());
        node.put("id", e.id().hex());
        node.put("short_id", e.id().shortHex());
        return node;
    }

    private static void printJson(PrintStream out, List<Snapshots.Entry> all) {
        ArrayNode arr = ResticJson.mapper().createArrayNode();
        all.forEach(e -> arr.add(toJson(e)));
        out.println(arr);
    }

    private static void printTable(PrintStream out, List<Snapshots.Entry> all) {
        String fmt = "%-8s  %-19s  %-12s  %-12s  %s%n";
        String header = String.format(fmt, "ID", "Time", "Host", "Tags", "Paths");
        String rule = "-".repeat(Math.max(60, header.length() - 1));
        out.print(header);
        out.println(rule);
        for (Snapshots.Entry e : all) {
            Snapshot s = e.snapshot();
            List<String> paths = s.paths().isEmpty() ? List.of("") : s.paths();
            for (int i = 0; i < paths.size(); i++) {
                boolean first = i == 0;
                out.printf(fmt, first ? e.id().shortHex() : "", first ? TABLE_TIME.format(s.parsedTime()) : "",
                        first ? nullToEmpty(s.hostname()) : "", first ? String.join(",", s.tags()) : "", paths.get(i));
            }
        }
        out.println(rule);
        out.println(all.size() + (all.size() == 1 ? " snapshot" : " snapshots"));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
