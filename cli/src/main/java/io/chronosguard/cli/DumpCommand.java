package io.chronosguard.cli;

import io.chronosguard.engine.dump.ArchiveFormat;
import io.chronosguard.engine.dump.DumpSummary;
import io.chronosguard.engine.dump.Dumper;
import io.chronosguard.engine.dump.Selection;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dump SNAPSHOT PATH [--archive tar|zip] [--target FILE]}: a file's bytes, or a
 * directory ({@code /} for the whole snapshot) as an archive, to stdout or a file.
 */
@Command(name = "dump", description = {"Output a snapshot's file, or a directory as a tar or zip archive.",
    "PATH \"/\" dumps the whole snapshot; archive entries carry the full snapshot path."})
final class DumpCommand implements Callable<Integer> {
    private static final int BUFFER = 1 << 16;

    @ParentCommand
    ChronosGuardCommand parent;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot id, unique prefix, or latest.")
    String snapshot;

    @Parameters(index = "1", paramLabel = "PATH", description = "File or directory inside the snapshot.")
    String path;

    @Option(names = {"-a", "--archive"}, paramLabel = "FORMAT", defaultValue = "tar",
            description = "Archive format for directories: tar (default) or zip.")
    ArchiveFormat archive;

    @Option(names = {"-t", "--target"}, paramLabel = "FILE", description = "Write here instead of stdout.")
    Path target;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            Snapshots.Entry e = Snapshots.find(repo, snapshot);
            Dumper dumper = new Dumper(BlobLoader.of(repo));
            Selection sel = dumper.select(Id.parse(e.snapshot().tree()), path);
            if (!sel.isFile() && !sel.isDirectory()) {
                throw new CliException(ExitCode.USAGE, sel.path() + " is a " + sel.kind()
                        + (sel.node().linktarget() != null ? " to " + sel.node().linktarget() : "")
                        + "; only files and directories can be dumped");
            }
            if (target == null) {
                toStdout(ctx, dumper, sel);
            } else {
                toFile(ctx, dumper, sel);
            }
        }
        return ExitCode.OK;
    }

    private void toStdout(CliContext ctx, Dumper dumper, Selection sel) {
        if (sel.isDirectory() && ctx.out() == System.out && System.console() != null) {
            throw new CliException(ExitCode.USAGE, "standard output is a terminal: redirect it, or use --target FILE,"
                    + " to receive the " + archive.extension() + " archive of " + sel.path());
        }
        try {
            OutputStream out = new BufferedOutputStream(ctx.out(), BUFFER);
            DumpSummary s = write(dumper, sel, out);
            out.flush();
            warnSkipped(ctx, s);
        } catch (IOException ex) {
            throw new CliException(ExitCode.IO, "cannot write to standard output: " + ex.getMessage());
        }
        if (ctx.out().checkError()) {
            throw new CliException(ExitCode.IO, "cannot write to standard output (closed pipe?)");
        }
    }

    private void toFile(CliContext ctx, Dumper dumper, Selection sel) {
        boolean done = false;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(target), BUFFER)) {
            DumpSummary s = write(dumper, sel, out);
            done = true;
            warnSkipped(ctx, s);
            if (s == null) {
                ctx.out().println("wrote " + sel.path() + " to " + target);
            } else {
                ctx.out().printf("wrote %d files, %d directories, %d symlinks, %d hard links, %d other (%s)"
                        + " to %s%n",
                        s.files(), s.dirs(), s.symlinks(), s.hardLinks(), s.specials(), Sizes.format(s.bytes()), target);
            }
        } catch (IOException ex) {
            throw new CliException(ExitCode.IO, "cannot write " + target + ": " + ex.getMessage());
        } finally {
            if (!done) {
                deleteQuietly(target);
            }
        }
    }

    /** Returns null for a single file, which has nothing to summarise. */
    private DumpSummary write(Dumper dumper, Selection sel, OutputStream out) throws IOException {
        if (sel.isFile()) {
            dumper.writeFile(sel, out);
            return null;
        }
        return dumper.writeArchive(sel, archive, out);
    }

    private static void warnSkipped(CliContext ctx, DumpSummary s) {
        if (s != null) {
            s.skipped().forEach(msg -> ctx.err().println("chronosguard: warning: skipped " + msg));
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // The write already failed; that error is the one to report.
        }
    }
}
