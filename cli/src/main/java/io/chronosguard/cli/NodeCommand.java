package io.chronosguard.cli;

import io.chronosguard.config.Settings;
import io.chronosguard.coordinator.cluster.ClusterNode;
import io.chronosguard.coordinator.cluster.NodeConfig;
import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.coordinator.progress.ProgressHub;
import io.chronosguard.coordinator.daemon.Daemon;
import io.chronosguard.coordinator.daemon.Versioned;
import io.chronosguard.engine.alert.Alerter;
import io.chronosguard.engine.alert.DaemonAlerts;
import io.chronosguard.engine.daemon.DaemonEvents;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.Dashboard;
import io.chronosguard.web.WebServer;
import io.chronosguard.web.metrics.MetricsRoutes;
import io.chronosguard.web.node.ConfigRoutes;
import io.chronosguard.web.node.NodeRoutes;
import io.chronosguard.web.node.ClusterProgressSource;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Runs one cluster node in the foreground until Ctrl-C / SIGTERM, which leaves the cluster gracefully. */
@Command(name = "node", description = "Run a cluster node (directory workers, monitor, coordinator candidate,"
        + " optional HTTP API) in the foreground.")
final class NodeCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = "--bind", required = true, paramLabel = "HOST:PORT", description = "Cluster address of this node.")
    String bind;

    @Option(names = "--seed", required = true, paramLabel = "HOST:PORT",
            description = "A seed node (repeatable); the first node lists itself.")
    List<String> seeds = new ArrayList<>();

    @Option(names = "--workers", paramLabel = "N", description = "Directory workers (default: workers setting).")
    Integer workers;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "Serve the HTTP API here.")
    String http;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = "A folder this node may read (repeatable; default /).")
    List<Path> sourceRoots = new ArrayList<>();

    @Option(names = "--lease", paramLabel = "SECONDS", description = "Task lease (default 60).")
    int leaseSeconds = 60;

    @Option(names = "--daemon-config", paramLabel = "FILE",
            description = "Sources, schedules, retention and alert targets (HOCON or JSON); a later PUT /api/config wins.")
    Path daemonConfig;

    @Option(names = "--join-timeout", paramLabel = "SECONDS",
            description = "Give up when no seed answers within this time (default 20).")
    int joinTimeoutSeconds = 20;

    @Override
    public Integer call() throws Exception {
        CliContext ctx = parent.ctx();
        Settings s = ctx.settings();
        HostPort self = HostPort.parse("--bind", bind);
        List<String> seedList = new ArrayList<>();
        for (String seed : seeds) {
            seedList.add(HostPort.parse("--seed", seed).toString());
        }
        HostPort api = http == null ? null : HostPort.parse("--http", http);
        List<String> roots = new ArrayList<>();
        for (Path r : sourceRoots.isEmpty() ? List.of(Path.of("/")) : sourceRoots) {
            if (!Files.isDirectory(r) || !Files.isReadable(r)) {
                throw new CliException(ExitCode.USAGE, "--source-root " + r + " is not a readable folder");
            }
            roots.add(r.toAbsolutePath().normalize().toString());
        }
        if (joinTimeoutSeconds < 1) {
            throw new CliException(ExitCode.USAGE, "--join-timeout must be at least 1 second, got " + joinTimeoutSeconds);
        }
        if (leaseSeconds < 5) {
            throw new CliException(ExitCode.USAGE, "--lease must be at least 5 seconds, got " + leaseSeconds);
        }
        int n = workers != null ? workers : s.workers();
        if (n < 1) {
            throw new CliException(ExitCode.USAGE, "--workers must be at least 1, got " + n);
        }
        ensureFree("cluster", self);
        if (api != null) {
            ensureFree("HTTP", api);
        }
        Versioned daemonInitial = DaemonSetup.read(daemonConfig, ctx.configFile());
        Repository repo = ctx.openRepository();
        NodeServices.Tuning tuning = NodeServices.Tuning.defaults().withLease(Duration.ofSeconds(leaseSeconds));
        tuning = new NodeServices.Tuning((int) s.packSizeBytes(), BlobSaver.Compression.valueOf(s.compression().name()),
                tuning.leaseDuration(), tuning.splitThreshold(), tuning.idlePoll());
        NodeConfig cfg = new NodeConfig(self.host(), self.port(), seedList, n, roots, ctx.repositoryLabel(),
                Duration.ofSeconds(7), Duration.ofSeconds(joinTimeoutSeconds), tuning);
        ClusterNode node = start(cfg, repo, self, ctx);
        if (s.clusterTls().enabled()) {
            ctx.err().println("node " + self + ": cluster transport is TLS with mutual authentication (keystore "
                    + s.clusterTls().keystore().orElseThrow() + ")");
        }
        Thread hook = new Thread(() -> {
            ctx.err().println("node " + node.capabilities().node() + ": stop requested, leaving the cluster");
            node.leave(Duration.ofSeconds(20));
        }, "chronosguard-leave");
        Runtime.getRuntime().addShutdownHook(hook);
        awaitUp(node, seedList, Duration.ofSeconds(joinTimeoutSeconds));
        Alerter alerter = Observability.watch(ctx, node);
        Daemon daemon = Daemon.start(node, s.stateDir(), daemonInitial,
                alerter.enabled() ? new DaemonAlerts(alerter, node.capabilities().node()) : DaemonEvents.NONE);
        if (api != null) {
            try {
                serve(ctx, node, repo, api, daemon);
            } catch (Exception e) {
                node.leave(Duration.ofSeconds(10));
                throw new CliException(ExitCode.FAILED, "cannot serve HTTP on " + api + ": " + rootMessage(e));
            }
        }
        ctx.out().println("node " + node.capabilities().node() + " is up with " + n + " workers"
                + (api != null ? "; dashboard and API at http://" + api + "/" : ""));
        ctx.out().flush();
        node.terminated().toCompletableFuture().join();
        ctx.err().println("node " + node.capabilities().node() + " stopped (" + node.stopReason() + ")");
        return ExitCode.OK;
    }

    /**
     * One HTTP server: the dashboard's route sets (repository, history, picker, progress, page)
     * and the node's job routes, under one {@link ApiAuth} (a generated admin token is printed
     * once when {@code CHRONOSGUARD_API_TOKEN} is unset).
     */
    static void serve(CliContext ctx, ClusterNode node, Repository repo, HostPort api, Daemon daemon)
            throws Exception {
        Settings s = ctx.settings();
        ApiAuth auth = ApiAuth.fromEnvironment(ctx.env(), ctx.out());
        ExecutorService blocking = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "web-io");
            t.setDaemon(true);
            return t;
        });
        ProgressHub hub = node.startProgressHub(Duration.ofMillis(300));
        Dashboard dashboard = new Dashboard(new Dashboard.Setup(repo, ctx.repositoryLabel(),
                node.capabilities().node(), s.workers(), ctx::openCatalog,
                new ClusterProgressSource(hub, node.capabilities().node()),
                s.stateDir(), blocking, node.system()), () -> NodeRoutes.membersUp(node));
        node.terminated().thenRun(() -> {
            blocking.shutdownNow();
            dashboard.close();
        });
        WebServer.builder(node.system(), auth).host(api.host()).port(api.port())
                .add(new NodeRoutes(node)).add(new MetricsRoutes(Observability.nodeMetrics(ctx, node, hub, repo), blocking))
                .add(new ConfigRoutes(node.system(), daemon)).addAll(dashboard.routeSets()).build()
                .start().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    static ClusterNode start(NodeConfig cfg, Repository repo, HostPort self, CliContext ctx) {
        try {
            return ClusterNode.start(cfg, ctx.settings().clusterTls(), repo, Clock.systemDefaultZone(), ctx::openCatalog);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage()); // a cluster.tls.* setting: the message names it
        } catch (RuntimeException e) {
            throw new CliException(ExitCode.FAILED, "cannot start the node on " + self + ": " + rootMessage(e));
        }
    }

    /** Waits to become a member; a node whose seeds never answer stops by itself and says so. */
    static void awaitUp(ClusterNode node, List<String> seeds, Duration joinTimeout) {
        CompletableFuture<Object> up = node.up().toCompletableFuture().thenApply(v -> "up");
        CompletableFuture<Object> stopped = node.terminated().toCompletableFuture().thenApply(v -> "stopped");
        Object r;
        try {
            r = CompletableFuture.anyOf(up, stopped).get(joinTimeout.toSeconds() + 30, TimeUnit.SECONDS);
        } catch (Exception e) {
            r = "timeout";
        }
        if (!"up".equals(r)) {
            node.leave(Duration.ofSeconds(5));
            throw new CliException(ExitCode.FAILED, "could not join the cluster through seed "
                    + String.join(", ", seeds) + ": no seed node answered within "
                    + joinTimeout.toSeconds() + " s (is the first node running, and does it"
                    + " list itself as a seed?)");
        }
    }

    /** Fails clearly when {@code hp} cannot be bound (in use, or not an address of this machine). */
    static void ensureFree(String what, HostPort hp) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(hp.host(), hp.port()));
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot use " + hp + " as the " + what + " address: "
                    + e.getMessage());
        }
    }

    static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.toString();
    }
}
