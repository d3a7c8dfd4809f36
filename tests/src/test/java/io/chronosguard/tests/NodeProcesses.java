package io.chronosguard.tests;

import java.io.IOException;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cluster nodes as separate JVMs ({@code java -cp <this classpath> io.chronosguard.cli.Main node ...}),
 * each on free loopback ports, with output in files; {@link #close} kills whatever is left.
 */
final class NodeProcesses implements AutoCloseable {
    static final String TOKEN = "test-token-0123456789";
    static final String VIEWER_TOKEN = "viewer-token-9876543210";

    record NodeProc(Process process, int port, int httpPort, Path log) {
        String api() {
            return "http://127.0.0.1:" + httpPort;
        }
    }

    private final Path dir;
    private final String repo;
    private final Map<String, String> env;
    private final List<NodeProc> nodes = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    NodeProcesses(Path dir, Path repo) {
        this(dir, repo.toString(), Map.of());
    }

    /** Nodes on a repository at any location ({@code s3:http://...}), with extra environment (its credentials). */
    NodeProcesses(Path dir, String repo, Map<String, String> env) {
        this.dir = dir;
        this.repo = repo;
        this.env = env;
    }

    /** A fresh repository, made by restic, at {@code dir/repo}. */
    static Path initRepository(Path dir) {
        Path repo = dir.resolve("repo");
        new Restic(repo).ok("init");
        return repo;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static List<String> javaNode(String... args) {
        // 512 MiB: a daemon node that ran ~10 jobs and a prune ran out of 256 MiB on some runs
        // (the test classpath, s3proxy and all, is bigger than a real node's)
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.chronosguard.cli.Main", "node"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Starts a node seeded by {@code seedPort} (its own port for the first), always with an HTTP API. */
    NodeProc start(int port, int seedPort, int workers) throws IOException {
        return start(port, seedPort, workers, List.of());
    }

    /** As {@link #start(int, int, int)}, with {@code extra} node arguments (e.g. {@code --source-root DIR}). */
    NodeProc start(int port, int seedPort, int workers, List<String> extra) throws IOException {
        return start(port, seedPort, workers, Map.of(), extra.toArray(String[]::new));
    }

    /**
     * The same with {@code nodeEnv} added to the node's environment (e.g. its cluster TLS settings)
     * and {@code extra} arguments after the usual ones.
     */
    NodeProc start(int port, int seedPort, int workers, Map<String, String> nodeEnv, String... extra) throws IOException {
        int httpPort = freePort();
        Path log = dir.resolve("node-" + port + ".log");
        // --join-timeout as long as awaitMembers waits: on a loaded machine the first node's JVM
        // may take longer than the default 20 s to open the repository and start.
        List<String> args = new ArrayList<>(List.of("-r", repo, "--bind", "127.0.0.1:" + port,
                "--seed", "127.0.0.1:" + seedPort, "--workers", String.valueOf(workers), "--http",
                "127.0.0.1:" + httpPort, "--lease", "20"));
        if (!List.of(extra).contains("--join-timeout")) { // a test that gives its own (a node that must not join) keeps it
            args.addAll(List.of("--join-timeout", "90"));
        }
        args.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(javaNode(args.toArray(String[]::new)));
        pb.environment().putAll(env);
        pb.environment().put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        pb.environment().put("CHRONOSGUARD_API_TOKEN", TOKEN);
        pb.environment().put("CHRONOSGUARD_VIEWER_TOKEN", VIEWER_TOKEN);
        pb.environment().put("CHRONOSGUARD_STATE_DIR", dir.resolve("state").toString());
        pb.environment().putAll(nodeEnv);
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        NodeProc n = new NodeProc(pb.start(), port, httpPort, log);
        nodes.add(n);
        return n;
    }

    /** {@code count} nodes seeded by the first (the oldest member, so it hosts the coordinator), all up and serving. */
    List<NodeProc> startCluster(int count, int workers) throws Exception {
        return startCluster(count, workers, List.of());
    }

    List<NodeProc> startCluster(int count, int workers, List<String> extra) throws Exception {
        int p1 = freePort();
        List<NodeProc> out = new ArrayList<>();
        out.add(start(p1, p1, workers, extra));
        for (int i = 1; i < count; i++) {
            out.add(start(freePort(), p1, workers, extra));
        }
        for (NodeProc n : out) { // every node's API is up and sees every member
            awaitMembers(n, count, Duration.ofSeconds(90));
        }
        return out;
    }

    HttpResponse<String> get(NodeProc n, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(n.api() + path)).header("Authorization", "Bearer " + TOKEN)
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(NodeProc n, String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(n.api() + path)).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits until {@code n}'s health endpoint lists {@code members} members up. */
    void awaitMembers(NodeProc n, int members, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            if (!n.process().isAlive()) {
                throw new AssertionError("node exited: " + Files.readString(n.log()));
            }
            try {
                HttpResponse<String> r = get(n, "/api/health");
                last = r.body();
                if (r.statusCode() == 200 && BackupIT.JSON.readTree(last).get("members_up").size() >= members) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("cluster did not reach " + members + " members: " + last + "\n"
                + Files.readString(n.log()));
    }

    /** SIGTERM to every live node (they leave the cluster and drop their locks), then SIGKILL what remains. */
    @Override
    public void close() throws Exception {
        for (NodeProc n : nodes) {
            n.process().destroy();
        }
        for (NodeProc n : nodes) {
            if (!n.process().waitFor(30, TimeUnit.SECONDS)) {
                n.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** The last lines of every node's output, for failure messages. */
    String logs() {
        StringBuilder sb = new StringBuilder();
        for (NodeProc n : nodes) {
            try {
                List<String> lines = Files.readAllLines(n.log());
                sb.append("\n--- node ").append(n.port()).append(" (alive: ").append(n.process().isAlive()).append(")\n");
                lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> sb.append(l).append('\n'));
            } catch (IOException e) {
                sb.append(e);
            }
        }
        return sb.toString();
    }

    /** The lock files in the repository, by name. */
    List<String> locks() throws IOException {
        try (var files = Files.list(Path.of(repo).resolve("locks"))) { // a local repository
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** Waits until the repository holds exactly {@code expected} lock files (the nodes release theirs after a job). */
    void awaitLocks(int expected, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (locks().size() != expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " lock files, found " + locks() + logs());
            }
            Thread.sleep(100);
        }
    }

    /** A config file making the nodes compress at zstd's highest level, so a job lasts long enough to interrupt. */
    Path slowConfig() throws IOException {
        Path conf = dir.resolve("slow.conf");
        Files.writeString(conf, "compression = max\n");
        return conf;
    }

    static Map<String, String> clientEnv() {
        return Map.of("CHRONOSGUARD_API_TOKEN", TOKEN);
    }
}
