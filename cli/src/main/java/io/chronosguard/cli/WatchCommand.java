package io.chronosguard.cli;

import io.chronosguard.config.Settings;
import io.chronosguard.config.daemon.DaemonConfig;
import io.chronosguard.config.daemon.Source;
import io.chronosguard.coordinator.cluster.ClusterNode;
import io.chronosguard.coordinator.cluster.NodeConfig;
import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.coordinator.daemon.Daemon;
import io.chronosguard.coordinator.daemon.Versioned;
import io.chronosguard.engine.daemon.DaemonEvents;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Repository;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Continuous backup in the foreground: a one-node cluster whose only source is the paths
 * given, watched; prints each snapshot it makes, until Ctrl-C.
 */
@Command(name = "watch", description = "Back up PATHs continuously: a snapshot a delay after each burst of changes"
        + " (a one-node daemon in the foreground; Ctrl-C stops it).")
final class WatchCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @ParentCommand
    ChronosGuardCommand parent;

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Folders to watch and back up (as one snapshot).")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--delay", paramLabel = "D", description = "Quiet time after the last change before the backup:"
            + " 500ms, 2s, 1m (default 60s).")
    String delay = "60s";

    @Option(names = "--workers", paramLabel = "N", description = "Directory workers (default: workers setting).")
    Integer workers;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = parent.ctx();
        Settings s = ctx.settings();
        Duration quiet = parseDelay(delay);
        List<String> roots = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p) || !Files.isReadable(p)) {
                throw new CliException(ExitCode.USAGE, p + " is not a readable folder");
            }
            roots.add(p.toAbsolutePath().normalize().toString());
        }
        int n = workers != null ? workers : s.workers();
        if (n < 1) {
            throw new CliException(ExitCode.USAGE, "--workers must be at least 1, got " + n);
        }
        Repository repo = ctx.openRepository();
        int port = freePort();
        NodeServices.Tuning tuning = new NodeServices.Tuning((int) s.packSizeBytes(),
                BlobSaver.Compression.valueOf(s.compression().name()), Duration.ofSeconds(60), 400,
                Duration.ofSeconds(1));
        NodeConfig cfg = new NodeConfig("127.0.0.1", port, List.of("127.0.0.1:" + port), n, roots,
                ctx.repositoryLocation(), Duration.ofSeconds(7), Duration.ofSeconds(20), tuning);
        ClusterNode node = NodeCommand.start(cfg, repo, new HostPort("127.0.0.1", port), ctx);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> node.leave(Duration.ofSeconds(20)), "chronosguard-leave"));
        NodeCommand.awaitUp(node, cfg.seeds(), Duration.ofSeconds(20));
        DaemonConfig config = new DaemonConfig(List.of(new Source("watch", roots, List.of(), new Source.Watch(quiet),
                null, null)), null, null);
        // newer than anything kept: the paths given now are what this run watches
        Daemon.start(node, s.stateDir().resolve("watch"), new Versioned(System.currentTimeMillis(), config),
                new Printer(ctx.out(), ctx.err()));
        ctx.out().println("watching " + String.join(", ", roots) + "; a snapshot " + quiet.toMillis()
                + " ms after the last change (Ctrl-C stops)");
        ctx.out().flush();
        node.terminated().toCompletableFuture().join();
        return ExitCode.OK;
    }

    static Duration parseDelay(String text) {
        Matcher m = DURATION.matcher(text.strip());
        if (!m.matches()) {
            throw new CliException(ExitCode.USAGE, "--delay \"" + text + "\" is not a duration (examples: 500ms, 2s,"
                    + " 1m)");
        }
        long v = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d = switch (unit) {
            case "ms" -> Duration.ofMillis(v);
            case "m" -> Duration.ofMinutes(v);
            case "h" -> Duration.ofHours(v);
            default -> Duration.ofSeconds(v);
        };
        if (d.toMillis() < 100) {
            throw new CliException(ExitCode.USAGE, "--delay must be at least 100ms, got " + text);
        }
        return d;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** One line per snapshot on stdout; failures and fall-backs on stderr. */
    private record Printer(PrintStream out, PrintStream err) implements DaemonEvents {
        @Override
        public void snapshotMade(String source, String jobId, String snapshotId) {
            out.println("snapshot " + snapshotId.substring(0, 8) + " saved");
            out.flush();
        }

        @Override
        public void jobFailed(String source, String jobId, String reason) {
            err.println("backup failed: " + reason);
        }

        @Override
        public void watchFellBack(String source, String reason) {
            err.println("watch: " + reason);
        }
    }
}
