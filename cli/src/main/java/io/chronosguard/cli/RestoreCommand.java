package io.chronosguard.cli;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.restorer.RestoreListener;
import io.chronosguard.engine.restorer.RestoreOptions;
import io.chronosguard.engine.restorer.RestoreResult;
import io.chronosguard.engine.restorer.Restorer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code restore SNAPSHOT --target DIR [--include PATH]...}. */
@Command(name = "restore", description = "Restore a snapshot (or parts of it) into a folder.")
final class RestoreCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Parameters(index = "0", paramLabel = "SNAPSHOT", description = "Snapshot id, unique prefix, or latest.")
    String snapshot;

    @Option(names = {"-t", "--target"}, required = true, paramLabel = "DIR", description = "Folder to restore into.")
    Path target;

    @Option(names = {"-i", "--include"}, paramLabel = "PATH",
            description = "Snapshot path to restore (repeatable); default: everything.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--threads", paramLabel = "N", description = "Packs read at once (default: workers setting).")
    Integer threads;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        int n = threads != null ? threads : ctx.settings().workers();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            Snapshots.Entry e = Snapshots.find(repo, snapshot);
            ctx.err().println("restoring snapshot " + e.id().shortHex() + " of " + e.snapshot().paths() + " to " + target);
            RestoreListener listener = new RestoreListener() {
                @Override
                public void error(String path, String reason) {
                    ctx.err().println("error: " + path + ": " + reason);
                }
            };
            RestoreResult r = new Restorer(repo, listener)
                    .restore(Id.parse(e.snapshot().tree()), new RestoreOptions(target, includes, Math.max(1, n)));
            ctx.out().printf("restored %d files, %d directories, %d symlinks, %d other, %d bytes to %s%n",
                    r.files(), r.dirs(), r.symlinks(), r.other(), r.bytes(), target);
            if (!r.errors().isEmpty()) {
                ctx.err().println("chronosguard: restore finished with " + r.errors().size() + " errors");
                return ExitCode.FAILED;
            }
        }
        return ExitCode.OK;
    }
}
