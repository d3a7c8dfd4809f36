package io.chronosguard.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The top command: options every subcommand shares, and the list of subcommands. */
@Command(name = "chronosguard", mixinStandardHelpOptions = true, version = "ChronosGuard 0.1.0",
        description = "Parallel, distributed backup into restic-format (v2) repositories.",
        footer = {"", "Exit codes: 0 ok, 1 failed, 2 usage/config, 3 incomplete, 10 no repository,"
                + " 11 locked, 12 wrong password, 13 corrupt data, 14 not found, 15 I/O error,"
                + " 16 repository already exists (init), 17 a legacy file was rejected (migrate)."})
public final class ChronosGuardCommand implements Runnable {
    /**
     * The subcommands, in the order help lists them. Not in the annotation: picocli would
     * build every one's model by reflection at start-up; {@link CommandTree} adds only the
     * one a command line names.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(InitCommand.class, BackupCommand.class, SnapshotsCommand.class,
            LsCommand.class, CatCommand.class, RestoreCommand.class, KeyCommand.class, ForgetCommand.class,
            PruneCommand.class, DumpCommand.class, DiffCommand.class, StatsCommand.class, HistoryCommand.class,
            MigrateCommand.class, ServeCommand.class, NodeCommand.class, ClusterCommand.class, CopyCommand.class,
            WatchCommand.class, CheckCommand.class, CommandLine.HelpCommand.class);

    private final CliContext ctx;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public ChronosGuardCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    CliContext ctx() {
        return ctx;
    }

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "Config file (HOCON or JSON).")
    void config(Path file) {
        ctx.configFile(file);
    }

    @Option(names = {"-r", "--repo"}, scope = ScopeType.INHERIT, paramLabel = "REPO",
            description = "Repository location (or CHRONOSGUARD_REPOSITORY).")
    void repo(String repo) {
        ctx.flag("--repo", repo);
    }

    @Option(names = {"-o", "--option"}, scope = ScopeType.INHERIT, paramLabel = "KEY=VALUE",
            description = "A backend option, repeatable (as restic's -o): sftp.key=FILE, sftp.known-hosts=FILE,"
                    + " sftp.config=FILE.")
    void options(java.util.List<String> keyValues) {
        ctx.backendOptions(keyValues);
    }

    @Option(names = "--password-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "File whose first line is the password (or CHRONOSGUARD_PASSWORD_FILE;"
                    + " else CHRONOSGUARD_PASSWORD; else a prompt).")
    void passwordFile(Path file) {
        ctx.flag("--password-file", file);
    }

    @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Folder for local state, e.g. the catalog (or CHRONOSGUARD_STATE_DIR;"
                    + " default $XDG_DATA_HOME/chronosguard).")
    void stateDir(Path dir) {
        ctx.flag("--state-dir", dir);
    }

    @Option(names = "--catalog", scope = ScopeType.INHERIT, paramLabel = "JDBC_URL",
            description = "History catalog (or CHRONOSGUARD_CATALOG): jdbc:postgresql://host/db, or"
                    + " jdbc:sqlite:FILE; default SQLite in the state folder.")
    void catalog(String url) {
        ctx.flag("--catalog", url);
    }

    @Option(names = "--limit-upload", scope = ScopeType.INHERIT, paramLabel = "KiB/s",
            description = "Limit uploads to the repository to this rate (or CHRONOSGUARD_LIMIT_UPLOAD; default unlimited).")
    void limitUpload(String kibs) {
        ctx.flag("--limit-upload", kibs);
    }

    @Option(names = "--limit-download", scope = ScopeType.INHERIT, paramLabel = "KiB/s",
            description = "Limit downloads from the repository to this rate (or CHRONOSGUARD_LIMIT_DOWNLOAD; default unlimited).")
    void limitDownload(String kibs) {
        ctx.flag("--limit-download", kibs);
    }

    @Option(names = "--connections", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Calls to the repository's store in flight at most (or CHRONOSGUARD_CONNECTIONS;"
                    + " default 5 for network stores, unlimited for a local folder).")
    void connections(String n) {
        ctx.flag("--connections", n);
    }

    @Option(names = "--retries", scope = ScopeType.INHERIT, paramLabel = "N",
            description = "Retries of a store call that failed transiently, with growing waits"
                    + " (or CHRONOSGUARD_RETRIES; default 10, about two minutes; 0 never retries).")
    void retries(String n) {
        ctx.flag("--retries", n);
    }

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show stack traces and debug logs.")
    void debug(boolean on) {
        ctx.debug(on);
    }

    @Override
    public void run() {
        spec.commandLine().usage(ctx.out());
    }
}
