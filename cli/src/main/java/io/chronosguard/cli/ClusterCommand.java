package io.chronosguard.cli;

import io.chronosguard.config.BackendLimits;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.config.ClusterTlsSettings;
import io.chronosguard.coordinator.cluster.ClusterTransport;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Launches a local cluster: N {@code node} processes (separate JVMs) on loopback, the first
 * serving the HTTP API. With PATHs it runs that backup across the cluster, stops the nodes
 * and exits with the job's result; without, it runs until Ctrl-C / SIGTERM.
 */
@Command(name = "cluster", description = "Launch a local cluster of N node processes on loopback;"
        + " with PATHs, back them up across it.")
final class ClusterCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = "--nodes", required = true, paramLabel = "N", description = "How many node processes.")
    int nodes;

    @Option(names = "--workers", paramLabel = "N", description = "Directory workers per node (default: workers setting).")
    Integer workers;

    @Option(names = "--http", paramLabel = "HOST:PORT", description = "The API's address (default 127.0.0.1:8080).")
    String http;

    @Option(names = "--json", description = "With PATHs: JSON status lines and a final summary line.")
    boolean json;

    @Option(names = "--daemon-config", paramLabel = "FILE",
            description = "Handed to every node: sources, schedules, retention, alert targets (HOCON or JSON).")
    Path daemonConfig;

    @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files or folders to back up across the cluster.")
    List<Path> paths = new ArrayList<>();

    private final List<Process> started = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        CliContext ctx = parent.ctx();
        if (nodes < 1 || nodes > 16) {
            throw new CliException(ExitCode.USAGE, "--nodes must be 1..16, got " + nodes);
        }
        HostPort api = HostPort.parse("--http", http != null ? http
                : ctx.settings().httpHost() + ":" + ctx.settings().httpPort());
        String repo = ctx.repositoryLocation();
        ctx.openRepository().close(); // a wrong password or missing repository fails here, once, not in N nodes
        Map<String, String> env = new HashMap<>(ctx.env());
        tlsEnvironment(ctx.settings().clusterTls(), env);
        String token = env.get(ApiAuth.ADMIN_ENV);
        boolean generated = token == null || token.isBlank();
        if (generated) { // one token for every node, handed over in their environment (never a command line)
            token = ApiAuth.generateToken();
            env.put(ApiAuth.ADMIN_ENV, token);
        }
        Path logs = Files.createTempDirectory("chronosguard-cluster-");
        Thread hook = new Thread(this::stopAll, "chronosguard-cluster-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            int seed = freePort();
            for (int i = 0; i < nodes; i++) {
                int port = i == 0 ? seed : freePort();
                started.add(startNode(ctx, env, repo, port, seed, i == 0 ? api : null, logs.resolve("node-" + i + ".log")));
            }
            awaitUp(api, logs);
            ctx.err().println("cluster of " + nodes + " nodes is up; API at http://" + api + " (node logs in " + logs + ")");
            if (paths.isEmpty()) {
                if (generated) {
                    ctx.out().println("admin API token (generated; set " + ApiAuth.ADMIN_ENV + " to choose one): "
                            + token);
                }
                ctx.out().println("dashboard: http://" + api + "/ (Ctrl-C stops the cluster)");
                ctx.out().flush();
                started.get(0).waitFor();
                return ExitCode.OK;
            }
            return new ServerBackup("http://" + api, env, ctx.out(), ctx.err(), json).run(paths, List.of(), null, List.of());
        } finally {
            stopAll();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs stopAll itself
            }
        }
    }

    /**
     * Cluster TLS for the nodes, resolved here (a config file given to the launcher is not
     * given to them), checked once and handed over in their environment, never their argv.
     */
    private static void tlsEnvironment(ClusterTlsSettings tls, Map<String, String> env) {
        if (!tls.enabled()) {
            return;
        }
        try {
            ClusterTransport.verify(tls);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
        env.put("CHRONOSGUARD_TLS_ENABLED", "true");
        env.put("CHRONOSGUARD_TLS_KEYSTORE", tls.keystore().orElseThrow().toAbsolutePath().toString());
        env.put("CHRONOSGUARD_TLS_TRUSTSTORE", tls.truststore().orElseThrow().toAbsolutePath().toString());
        env.put("CHRONOSGUARD_TLS_KEYSTORE_PASSWORD", new String(tls.keystorePassword().orElseThrow().reveal()));
        env.put("CHRONOSGUARD_TLS_TRUSTSTORE_PASSWORD", new String(tls.truststorePassword().orElseThrow().reveal()));
    }

    private Process startNode(CliContext ctx, Map<String, String> env, String repo, int port, int seed, HostPort api, Path log) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(jvmOptions());
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "node",
                "--bind", "127.0.0.1:" + port, "--seed", "127.0.0.1:" + seed));
        for (String option : ctx.rawBackendOptions()) {
            cmd.addAll(List.of("-o", option));
        }
        if (workers != null) {
            cmd.addAll(List.of("--workers", String.valueOf(workers)));
        }
        if (api != null) {
            cmd.addAll(List.of("--http", api.toString()));
        }
        // the settings file, and with it its daemon section, reaches each node as it reached us
        ctx.configFile().ifPresent(f -> cmd.addAll(List.of("--config", f.toAbsolutePath().toString())));
        if (daemonConfig != null) {
            cmd.addAll(List.of("--daemon-config", daemonConfig.toAbsolutePath().toString()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        // the same store decorators on every node, whether set by flag, file or environment
        BackendLimits limits = ctx.settings().backend();
        pb.environment().put("CHRONOSGUARD_LIMIT_UPLOAD", Integer.toString(limits.uploadKiBs()));
        pb.environment().put("CHRONOSGUARD_LIMIT_DOWNLOAD", Integer.toString(limits.downloadKiBs()));
        pb.environment().put("CHRONOSGUARD_CONNECTIONS", Integer.toString(limits.connections()));
        pb.environment().put("CHRONOSGUARD_RETRIES", Integer.toString(limits.retries()));
        // in the environment, not argv: a REST URL may hold a password, which `ps` would show
        pb.environment().put("CHRONOSGUARD_REPOSITORY", repo);
        ctx.settings().passwordFile().ifPresent(f ->
                pb.environment().put("CHRONOSGUARD_PASSWORD_FILE", f.toAbsolutePath().toString()));
        return pb.start();
    }

    /**
     * This JVM's options (the launcher's heap, collector, JIT directives and class-data
     * archive) for the nodes too: each node is a JVM of its own, and without them each pays
     * the full start-up and C2 warm-up again. A debugger agent (it would clash on its port)
     * and a class-archive dump are left out.
     */
    static List<String> jvmOptions() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> !a.contains("jdwp") && !a.startsWith("-XX:ArchiveClassesAtExit"))
                .toList();
    }

    /** Waits for the API node to list every node as up; a node that exits early fails with its last words. */
    private void awaitUp(HostPort api, Path logs) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < started.size(); i++) {
                if (!started.get(i).isAlive()) {
                    throw new CliException(ExitCode.FAILED, "node " + i + " of the cluster exited: "
                            + lastLine(logs.resolve("node-" + i + ".log")));
                }
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create("http://" + api + "/api/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().split("pekko://", -1).length - 2 >= nodes) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new CliException(ExitCode.FAILED, "the cluster did not come up within 120 s (node logs in " + logs + ")");
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("chronosguard: ")) {
                    return lines.get(i).substring("chronosguard: ".length());
                }
            }
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the nodes one at a time, newest first, each with SIGTERM (it leaves the cluster)
     * and SIGKILL after 30 s: a node leaving while the others still run is confirmed at once,
     * whereas nodes leaving all together each wait out Pekko's exiting timeout.
     */
    private synchronized void stopAll() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy();
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
