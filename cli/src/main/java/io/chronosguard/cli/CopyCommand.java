package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.Backends;
import io.chronosguard.engine.copy.CopyListener;
import io.chronosguard.engine.copy.CopyResult;
import io.chronosguard.engine.copy.Copier;
import io.chronosguard.engine.forget.SnapshotFilter;
import io.chronosguard.engine.forget.TagList;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code copy --from-repo SRC [SNAPSHOT...]}: copies snapshots from another repository (any
 * backend, format v1 or v2) into this one, as restic 0.14's copy does; the engine's
 * {@link Copier} does the work, this parses flags, opens and locks both repositories and
 * prints restic's lines.
 */
@Command(name = "copy", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Copy snapshots from the repository --from-repo into this one (-r), re-encrypting them with this"
                + " repository's key and compression.",
            "Blobs already here are not copied again, and snapshots already copied (same original, same fields)"
                + " are skipped, so running it again copies only what is new."})
final class CopyCommand implements Callable<Integer> {
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = "--from-repo", paramLabel = "SRC",
            description = "Source repository location (or CHRONOSGUARD_FROM_REPOSITORY).")
    String fromRepo;

    @Option(names = "--from-password-file", paramLabel = "FILE",
            description = "File whose first line is the source's password (or CHRONOSGUARD_FROM_PASSWORD_FILE;"
                    + " else CHRONOSGUARD_FROM_PASSWORD; else a prompt).")
    Path fromPasswordFile;

    @Option(names = {"-H", "--host"}, paramLabel = "HOST",
            description = "Only consider snapshots of this host when no SNAPSHOT is given (repeatable).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAGLIST",
            description = "Only consider snapshots with all these tags (repeatable: any of the lists).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--path", paramLabel = "PATH",
            description = "Only consider snapshots that include this absolute path (repeatable: all of them).")
    List<String> paths = new ArrayList<>();

    @Option(names = "--json", description = "One JSON line per snapshot and a final summary line.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "SNAPSHOT", description = "Source snapshots: id, unique prefix or latest"
            + " (default: all that match the filters).")
    List<String> snapshots = new ArrayList<>();

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        String from = fromRepo != null ? fromRepo : ctx.env().get("CHRONOSGUARD_FROM_REPOSITORY");
        if (from == null || from.isBlank()) {
            throw new CliException(ExitCode.USAGE, "no source repository given: use --from-repo SRC or set"
                    + " CHRONOSGUARD_FROM_REPOSITORY");
        }
        SnapshotFilter filter = new SnapshotFilter(hosts, tags.stream().map(TagList::parse).toList(), paths);
        try (Repository dst = ctx.openRepository(); Repository src = openSource(ctx, from, fromPasswordFile);
                Locker.RepoLock srcLock = ctx.lock(src, false); Locker.RepoLock dstLock = ctx.lock(dst, false)) {
            var s = ctx.settings();
            Copier copier = new Copier(src, dst, (int) s.packSizeBytes(),
                    BlobSaver.Compression.valueOf(s.compression().name()), Math.min(s.workers(), 8),
                    json ? new JsonLines(ctx.out()) : new Lines(ctx.out(), ctx.err()));
            CopyResult r = copier.copy(snapshots, filter);
            if (json) {
                ObjectNode o = ResticJson.mapper().createObjectNode();
                o.put("message_type", "summary");
                o.put("snapshots_copied", r.copied().size());
                o.put("snapshots_skipped", r.skipped().size());
                o.put("blobs_copied", r.blobs());
                o.put("data_added", r.addedBytes());
                ctx.out().println(o);
            }
        }
        return ExitCode.OK;
    }

    private static Repository openSource(CliContext ctx, String from, Path passwordFile) {
        Backend backend;
        try {
            backend = Backends.open(from, ctx.env(), ctx.storeOptions(), ctx.backendOptions());
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--from-repo: " + e.getMessage());
        }
        char[] pw = ctx.fromPassword(passwordFile);
        try {
            return Repository.open(backend, pw);
        } finally {
            Arrays.fill(pw, '\0');
        }
    }

    /** restic's Go rendering of a time: {@code 2024-05-01 08:00:00.5 +0000 UTC}. */
    static String goTime(OffsetDateTime t) {
        String frac = t.getNano() == 0 ? "" : ("." + String.format("%09d", t.getNano())).replaceAll("0+$", "");
        String offset = t.getOffset().getId().equals("Z") ? "+00:00" : t.getOffset().getId();
        String numeric = offset.replace(":", "");
        return GO_TIME.format(t) + frac + " " + numeric + " " + (t.getOffset().getTotalSeconds() == 0 ? "UTC" : numeric);
    }

    /** restic 0.14's lines. */
    private record Lines(PrintStream out, PrintStream err) implements CopyListener {
        @Override
        public void snapshotSelected(Snapshots.Entry src) {
            out.println();
            out.println("snapshot " + src.id().shortHex() + " of [" + String.join(" ", src.snapshot().paths()) + "] at "
                    + goTime(src.snapshot().parsedTime()));
        }

        @Override
        public void skipped(Snapshots.Entry src, Id existing) {
            out.println("skipping source snapshot " + src.id().shortHex() + ", was already copied to snapshot "
                    + existing.shortHex());
        }

        @Override
        public void copyStarted(Snapshots.Entry src) {
            out.println("  copy started, this may take a while...");
        }

        @Override
        public void saved(Snapshots.Entry src, Id saved) {
            out.println("snapshot " + saved.shortHex() + " saved");
        }

        @Override
        public void specIgnored(String spec, String reason) {
            err.println("chronosguard: warning: ignoring \"" + spec + "\": " + reason);
        }
    }

    /** One JSON object per snapshot: copied or skipped, with both ids. */
    private record JsonLines(PrintStream out) implements CopyListener {
        @Override
        public void skipped(Snapshots.Entry src, Id existing) {
            line("snapshot_skipped", src, existing);
        }

        @Override
        public void saved(Snapshots.Entry src, Id saved) {
            line("snapshot_copied", src, saved);
        }

        @Override
        public void specIgnored(String spec, String reason) {
            ObjectNode o = ResticJson.mapper().createObjectNode();
            o.put("message_type", "ignored");
            o.put("snapshot", spec);
            o.put("reason", reason);
            out.println(o);
        }

        private void line(String type, Snapshots.Entry src, Id dst) {
            ObjectNode o = ResticJson.mapper().createObjectNode();
            o.put("message_type", type);
            o.put("source_id", src.id().hex());
            o.put("snapshot_id", dst.hex());
            out.println(o);
        }
    }
}
