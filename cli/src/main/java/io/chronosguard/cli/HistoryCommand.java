package io.chronosguard.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.engine.catalog.RunSource;
import java.io.PrintStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code history}: the runs in the catalog, newest first, as a table or a JSON array. */
@Command(name = "history", description = "List backup runs recorded in the catalog (ChronosGuard's and imported"
        + " legacy runs), newest first.")
final class HistoryCommand implements Callable<Integer> {
    private static final DateTimeFormatter TABLE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = "--json", description = "Print a JSON array of runs.")
    boolean json;

    @Option(names = "--since", paramLabel = "DATE", description = "Only runs started at or after DATE:"
            + " 2024-03-10 (midnight, local time), 2024-03-10T14:00 (local time) or 2024-03-10T14:00:00Z.")
    String since;

    @Option(names = "--outcome", paramLabel = "O",
            description = "Only runs that ended so: success, partial, failed, cancelled, unknown or running.")
    String outcome;

    @Option(names = "--source", paramLabel = "S", description = "Only runs by chronosguard or imported (legacy).")
    String source;

    @Option(names = "--limit", paramLabel = "N", description = "At most N runs (default: all).")
    int limit;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        HistoryQuery query = query(ZoneId.systemDefault());
        List<RunRecord> runs;
        try (Catalog catalog = ctx.openCatalog()) {
            runs = catalog.history(query);
        }
        if (json) {
            ArrayNode arr = JSON.createArrayNode();
            runs.forEach(r -> arr.add(toJson(r)));
            ctx.out().println(arr);
        } else {
            printTable(ctx.out(), runs);
        }
        return ExitCode.OK;
    }

    HistoryQuery query(ZoneId zone) {
        if (limit < 0) {
            throw new CliException(ExitCode.USAGE, "invalid --limit " + limit + ": must be 0 (all) or more");
        }
        String o = outcome == null ? null : valid("--outcome", outcome, () -> Outcome.parse(outcome).wire());
        String s = source == null ? null : valid("--source", source, () -> RunSource.parse(source).wire());
        return new HistoryQuery(since == null ? null : parseSince(since, zone), o, s, limit);
    }

    private static String valid(String flag, String value, java.util.function.Supplier<String> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "invalid " + flag + " '" + value + "': "
                    + e.getMessage().replaceFirst("^unknown \\w+ '.*?': ", ""));
        }
    }

    /** A date (midnight), a local date-time, or an instant with offset; local ones in {@code zone}. */
    static Instant parseSince(String text, ZoneId zone) {
        String t = text.strip();
        try {
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            // try the local forms below
        }
        try {
            return LocalDateTime.parse(t).atZone(zone).toInstant();
        } catch (DateTimeParseException notLocalDateTime) {
            // try a plain date
        }
        try {
            return LocalDate.parse(t).atStartOfDay(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw new CliException(ExitCode.USAGE, "invalid --since '" + text + "': use a date such as 2024-03-10,"
                    + " 2024-03-10T14:00 (local time) or 2024-03-10T14:00:00Z");
        }
    }

    static ObjectNode toJson(RunRecord r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id());
        o.put("source", r.source());
        o.put("started_at", r.startedAt().toString());
        o.put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString());
        o.put("outcome", r.outcome());
        o.put("dry_run", r.dryRun());
        o.put("files", r.files());
        o.put("files_new", r.filesNew());
        o.put("files_changed", r.filesChanged());
        o.put("files_unmodified", r.filesUnmodified());
        o.put("bytes", r.bytes());
        o.put("data_added", r.dataAdded());
        o.put("duration_s", r.durationSeconds());
        if (r.snapshotId() != null) {
            o.put("snapshot_id", r.snapshotId());
        }
        o.put("host", r.host());
        r.paths().forEach(o.putArray("paths")::add);
        r.tags().forEach(o.putArray("tags")::add);
        r.nodes().forEach(o.putArray("nodes")::add);
        o.put("reassigned_tasks", r.reassignedTasks());
        o.put("error_count", r.errorCount());
        ArrayNode errors = o.putArray("errors");
        for (RunError e : r.errors()) {
            errors.addObject().put("path", e.path()).put("reason", e.reason());
        }
        if (RunSource.LEGACY.wire().equals(r.source())) {
            o.put("profile", r.profile());
            o.put("origin_file", r.originFile());
            o.set("legacy_entry", legacyEntry(r.legacyRawJson()));
        }
        return o;
    }

    /** The legacy entry as JSON when it parses (it should: it was read as JSON), else as text. */
    private static com.fasterxml.jackson.databind.JsonNode legacyEntry(String raw) {
        if (raw == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(raw);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(raw);
        }
    }

    private static void printTable(PrintStream out, List<RunRecord> runs) {
        String fmt = "%6s  %-19s  %-12s  %-9s  %3s  %9s  %11s  %11s  %9s  %-8s  %6s%n";
        String header = String.format(fmt, "ID", "Started (UTC)", "Source", "Outcome", "Dry", "Files", "Bytes",
                "Added", "Duration", "Snapshot", "Errors");
        String rule = "-".repeat(header.length() - 1);
        out.print(header);
        out.println(rule);
        for (RunRecord r : runs) {
            out.printf(fmt, r.id(), TABLE_TIME.format(r.startedAt()), r.source(), r.outcome(), r.dryRun() ? "yes" : "",
                    orDash(r.files()), r.bytes() == null ? "-" : Units.bytes(r.bytes()),
                    r.dataAdded() == null ? "-" : Units.bytes(r.dataAdded()),
                    r.durationSeconds() == null ? "-" : Units.duration(Math.round(r.durationSeconds())),
                    r.snapshotId() == null ? "" : r.snapshotId().substring(0, Math.min(8, r.snapshotId().length())),
                    orDash(r.errorCount()));
        }
        out.println(rule);
        out.println(runs.size() + (runs.size() == 1 ? " run" : " runs"));
    }

    private static String orDash(Long n) {
        return n == null ? "-" : n.toString();
    }
}
