package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.stats.RepoStats;
import io.chronosguard.engine.stats.StatsCollector;
import io.chronosguard.engine.stats.StatsMode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code stats [SNAPSHOT...] [--mode MODE] [--json]}: restic's statistics, same modes and numbers. */
@Command(name = "stats", description = {"Show statistics for snapshots (default: all of them).",
    "  restore-size       entries and bytes a restore writes (default)",
    "  files-by-contents  entries unique by content",
    "  blobs-per-file     blobs unique per file",
    "  raw-data           blobs stored, compression and deduplication ratios"})
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Parameters(arity = "0..*", paramLabel = "SNAPSHOT", description = "Snapshot ids, prefixes or latest.")
    List<String> snapshots = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "restore-size",
            description = "restore-size, files-by-contents, blobs-per-file or raw-data.")
    String mode;

    @Option(names = "--json", description = "Print one JSON object shaped like restic's stats --json.")
    boolean json;

    @Override
    public Integer call() {
        StatsMode m = StatsMode.fromId(mode);
        CliContext ctx = parent.ctx();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            Map<Id, Snapshots.Entry> chosen = new LinkedHashMap<>();
            if (snapshots.isEmpty()) {
                Snapshots.all(repo).forEach(e -> chosen.put(e.id(), e));
            } else {
                for (String spec : snapshots) {
                    Snapshots.Entry e = Snapshots.find(repo, spec);
                    chosen.putIfAbsent(e.id(), e);
                }
            }
            if (!json) {
                ctx.out().println("scanning...");
            }
            StatsCollector collector = new StatsCollector(BlobLoader.of(repo), m);
            for (Snapshots.Entry e : chosen.values()) {
                collector.add(Id.parse(e.snapshot().tree()));
            }
            RepoStats s = collector.result();
            if (json) {
                ctx.out().println(toJson(s));
            } else {
                print(ctx.out(), s);
            }
        }
        return ExitCode.OK;
    }

    static ObjectNode toJson(RepoStats s) {
        ObjectNode o = ResticJson.mapper().createObjectNode();
        o.put("total_size", s.totalSize());
        o.put("total_file_count", s.totalFileCount());
        if (s.totalBlobCount() > 0) {
            o.put("total_blob_count", s.totalBlobCount());
        }
        o.put("snapshots_count", s.snapshotsCount());
        if (s.mode() == StatsMode.RAW_DATA) {
            o.put("total_uncompressed_size", s.totalUncompressedSize());
            putIfPositive(o, "compression_ratio", s.compressionRatio());
            putIfPositive(o, "compression_progress", s.compressionProgress());
            putIfPositive(o, "compression_space_saving", s.compressionSpaceSaving());
            o.put("restore_size", s.restoreSize());
            putIfPositive(o, "dedup_ratio", s.dedupRatio());
        }
        return o;
    }

    private static void putIfPositive(ObjectNode o, String field, double v) {
        if (v > 0) {
            o.put(field, v);
        }
    }

    private static void print(PrintStream out, RepoStats s) {
        out.printf("Stats in %s mode:%n", s.mode().id());
        out.printf("     Snapshots processed:  %d%n", s.snapshotsCount());
        if (s.totalBlobCount() > 0) {
            out.printf("        Total Blob Count:  %d%n", s.totalBlobCount());
        }
        if (s.totalFileCount() > 0) {
            out.printf("        Total File Count:  %d%n", s.totalFileCount());
        }
        out.printf("              Total Size:  %s%n", Sizes.format(s.totalSize()));
        if (s.mode() != StatsMode.RAW_DATA) {
            return;
        }
        out.printf(" Total Uncompressed Size:  %s%n", Sizes.format(s.totalUncompressedSize()));
        if (s.compressionRatio() > 0) {
            out.printf(Locale.ROOT, "       Compression Ratio:  %.2fx%n", s.compressionRatio());
            out.printf(Locale.ROOT, "    Compression Progress:  %.2f%%%n", s.compressionProgress());
            out.printf(Locale.ROOT, "Compression Space Saving:  %.2f%%%n", s.compressionSpaceSaving());
        }
        out.printf("            Restore Size:  %s%n", Sizes.format(s.restoreSize()));
        out.printf(Locale.ROOT, "     Deduplication Ratio:  %.2fx%n", s.dedupRatio());
    }
}
