package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.config.Settings;
import io.chronosguard.engine.archiver.Backup;
import io.chronosguard.engine.archiver.BackupRequest;
import io.chronosguard.engine.archiver.BackupStats;
import io.chronosguard.engine.archiver.BackupSummary;
import io.chronosguard.engine.archiver.Excluder;
import io.chronosguard.engine.archiver.TeeListener;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code backup PATH...}: a new snapshot of the given paths. */
@Command(name = "backup", description = "Back up files and folders into a new snapshot.")
final class BackupCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to back up.")
    List<Path> paths;

    @Option(names = "--json", description = "JSON status lines and a final summary line on stdout.")
    boolean json;

    @Option(names = "--tag", paramLabel = "TAG", description = "Tag the snapshot (repeatable; commas separate).")
    List<String> tags = new ArrayList<>();

    @Option(names = {"-H", "--host"}, paramLabel = "HOST", description = "Host name to record (default: this host).")
    String host;

    @Option(names = "--parent", paramLabel = "SNAPSHOT", description = "Parent snapshot (default: latest with same host and paths).")
    String parentSnapshot;

    @Option(names = {"-f", "--force"}, description = "Read every file, ignoring the parent snapshot.")
    boolean force;

    @Option(names = {"-n", "--dry-run"}, description = "Do everything but write to the repository.")
    boolean dryRun;

    @Option(names = {"-e", "--exclude"}, paramLabel = "PATTERN", description = "Exclude paths matching PATTERN (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--exclude-file", paramLabel = "FILE", description = "Read exclude patterns from FILE (repeatable).")
    List<Path> excludeFiles = new ArrayList<>();

    @Option(names = "--exclude-caches", description = "Skip folders tagged with a CACHEDIR.TAG file.")
    boolean excludeCaches;

    @Option(names = {"-x", "--one-file-system"}, description = "Stay on the file system of each path.")
    boolean oneFileSystem;

    @Option(names = "--threads", paramLabel = "N", description = "Parallel workers (default: workers setting).")
    Integer threads;

    @Option(names = "--server", paramLabel = "URL",
            description = "Run the backup on the cluster whose node API is at URL (token: CHRONOSGUARD_API_TOKEN).")
    String server;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        List<String> patterns = new ArrayList<>(excludes);
        for (Path f : excludeFiles) {
            try {
                patterns.addAll(Excluder.readPatternFile(f));
            } catch (IOException e) {
                throw new CliException(ExitCode.USAGE, "cannot read exclude file " + f + ": " + e.getMessage());
            }
        }
        if (server != null) {
            return new ServerBackup(server, ctx.env(), ctx.out(), ctx.err(), json).run(paths,
                    tags.stream().flatMap(t -> Arrays.stream(t.split(","))).map(String::strip).toList(), host,
                    patterns);
        }
        Settings s = ctx.settings();
        List<String> tagList = tags.stream().flatMap(t -> Arrays.stream(t.split(","))).map(String::strip)
                .filter(t -> !t.isEmpty()).toList();
        Host me = Host.current();
        BlobSaver.Compression compression = BlobSaver.Compression.valueOf(s.compression().name());
        BackupRequest req = new BackupRequest(paths, tagList, host != null ? host : me.hostname(),
                Optional.ofNullable(parentSnapshot), force, new Excluder(patterns, excludeCaches, oneFileSystem),
                compression, threads != null ? Math.max(1, threads) : s.workers(), (int) s.packSizeBytes());
        boolean terminal = System.console() != null && ctx.out() == System.out;
        Clock clock = Clock.systemDefaultZone();
        List<String> absolute = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
        try (RunRecording rec = RunRecording.start(ctx, clock, dryRun, req.hostname(), absolute, tagList)) {
            try {
                BackupSummary sum = backup(ctx, req, me, clock, terminal, rec);
                rec.completed(sum, dryRun);
                report(ctx, sum);
                return sum.incomplete() ? ExitCode.INCOMPLETE : ExitCode.OK;
            } catch (RuntimeException e) {
                rec.failed(e);
                Observability.backupFailed(ctx, req.hostname(), absolute, e);
                throw e;
            }
        }
    }

    private BackupSummary backup(CliContext ctx, BackupRequest req, Host me, Clock clock, boolean terminal,
            RunRecording rec) {
        try (Repository repo = ctx.openRepository(dryRun); Locker.RepoLock lock = dryRun ? null : ctx.lock(repo, false);
                BackupProgress progress = new BackupProgress(ctx.out(), ctx.err(), json, terminal)) {
            Backup backup = new Backup(repo, clock, me);
            BackupStats stats = new BackupStats(new TeeListener(progress, rec));
            rec.watch(stats);
            progress.start(stats);
            return backup.run(req, stats);
        }
    }

    private void report(CliContext ctx, BackupSummary sum) {
        if (json) {
            ObjectNode o = ResticJson.mapper().createObjectNode();
            o.put("message_type", "summary");
            o.put("files_new", sum.filesNew());
            o.put("files_changed", sum.filesChanged());
            o.put("files_unmodified", sum.filesUnmodified());
            o.put("dirs_new", sum.dirsNew());
            o.put("dirs_changed", sum.dirsChanged());
            o.put("dirs_unmodified", sum.dirsUnmodified());
            o.put("data_blobs", sum.dataBlobs());
            o.put("tree_blobs", sum.treeBlobs());
            o.put("data_added", sum.dataAdded());
            o.put("total_files_processed", sum.totalFilesProcessed());
            o.put("total_bytes_processed", sum.totalBytesProcessed());
            o.put("total_duration", sum.duration().toMillis() / 1000.0);
            o.put("duration_s", sum.duration().toMillis() / 1000.0);
            o.put("error_count", sum.errors().size());
            o.put("dry_run", dryRun);
            if (!dryRun) {
                o.put("snapshot_id", sum.snapshotId().hex());
            }
            if (sum.parentId() != null) {
                o.put("parent_id", sum.parentId().hex());
            }
            ctx.out().println(o);
            return;
        }
        var out = ctx.out();
        out.printf("Files:       %d new, %d changed, %d unmodified%n", sum.filesNew(), sum.filesChanged(), sum.filesUnmodified());
        out.printf("Dirs:        %d new, %d changed, %d unmodified%n", sum.dirsNew(), sum.dirsChanged(), sum.dirsUnmodified());
        out.printf("Added to the repository: %s (%d data blobs, %d tree blobs)%n", Units.bytes(sum.dataAdded()),
                sum.dataBlobs(), sum.treeBlobs());
        out.printf("processed %d files, %s in %s%n", sum.totalFilesProcessed(), Units.bytes(sum.totalBytesProcessed()),
                Units.duration(sum.duration().toSeconds()));
        if (dryRun) {
            out.println("dry run: nothing was written");
        } else {
            out.println("snapshot " + sum.snapshotId().shortHex() + " saved");
        }
        if (sum.incomplete()) {
            ctx.err().println("chronosguard: snapshot is incomplete: " + sum.errors().size()
                    + " paths could not be read (listed above)");
        }
    }
}
