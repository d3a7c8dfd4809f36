package io.chronosguard.tests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL server for the tests: Debian's binaries ({@code /usr/lib/postgresql/N/bin},
 * installed by {@code ./run-tests}), a cluster made by {@code initdb} in a temporary folder,
 * listening on 127.0.0.1 at a free port with password (SCRAM) authentication. One server per
 * test JVM, started on first use and stopped when the test run ends; each caller gets a
 * fresh database from {@link #createDatabase}. As root, the server runs as the
 * {@code postgres} user (PostgreSQL refuses to run as root).
 */
public final class PostgresServer implements ExtensionContext.Store.CloseableResource {
    static final String USER = "postgres";
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresServer.class);
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private final Path bin;
    private final Path root;
    private final Path data;
    private final boolean asRoot;
    private final String password;
    private final int port;
    private volatile boolean stopped;

    private PostgresServer(Path bin, Path root, boolean asRoot, String password, int port) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.asRoot = asRoot;
        this.password = password;
        this.port = port;
    }

    /** The server of this test JVM, started on first use; JUnit stops it when the whole run ends. */
    public static PostgresServer get(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent(PostgresServer.class, k -> start(), PostgresServer.class);
    }

    public int port() {
        return port;
    }

    public String password() {
        return password;
    }

    /** A JDBC URL of {@code database} without credentials. */
    public String bareUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Creates a new, empty database and returns its name. */
    public String createDatabase(String prefix) {
        String name = (prefix.replaceAll("[^A-Za-z0-9]", "_") + "_" + DATABASES.incrementAndGet()).toLowerCase();
        try (Connection c = DriverManager.getConnection(bareUrl("postgres"), USER, password);
                Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name + " STRATEGY FILE_COPY");
        } catch (SQLException e) {
            throw new AssertionError("cannot create test database " + name + ": " + e.getMessage(), e);
        }
        return name;
    }

    private static PostgresServer start() {
        Path bin = binaries();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        try {
            Path root = Files.createTempDirectory("cg-postgres");
            Path pwFile = root.resolve("pw");
            Files.writeString(pwFile, password + "\n", StandardCharsets.UTF_8);
            if (asRoot) {
                giveToPostgres(root);
                giveToPostgres(pwFile);
            }
            PostgresServer probe = new PostgresServer(bin, root, asRoot, password, 0);
            probe.run("initdb", "-D", probe.data.toString(), "-U", USER, "--pwfile=" + pwFile, "-A", "scram-sha-256",
                    "-E", "UTF8", "--locale=C", "--no-sync");
            Files.delete(pwFile);
            IOException last = null;
            for (int attempt = 0; attempt < 3; attempt++) {
                PostgresServer server = new PostgresServer(bin, root, asRoot, password, freePort());
                try {
                    server.startServer();
                    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
                    return server;
                } catch (IOException e) {
                    last = e; // most likely the port was taken between probing and binding: try another
                }
            }
            throw new AssertionError("PostgreSQL did not start", last);
        } catch (IOException e) {
            throw new AssertionError("cannot set up a PostgreSQL server for the tests: " + e.getMessage(), e);
        }
    }

    private void startServer() throws IOException {
        String options = "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1"
                + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        run("pg_ctl", "-D", data.toString(), "-l", root.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", options, "start");
    }

    /** Stops the server at once and deletes its files; safe to call twice. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            run("pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IOException e) {
            System.err.println("PostgresServer: " + e.getMessage());
        }
        Trees.delete(root);
    }

    /** Runs one of PostgreSQL's programs (as {@code postgres} when we are root), failing with its output. */
    private void run(String program, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        if (asRoot) {
            cmd.addAll(List.of("runuser", "-u", USER, "--"));
        }
        cmd.add(bin.resolve(program).toString());
        cmd.addAll(List.of(args));
        Path log = Files.createTempFile("cg-postgres-cmd", ".log");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile())
                    .directory(Path.of("/").toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException(program + " did not finish in 2 minutes");
            }
            if (p.exitValue() != 0) {
                String serverLog = Files.exists(root.resolve("server.log")) ? Files.readString(root.resolve("server.log")) : "";
                throw new IOException(program + " failed (exit " + p.exitValue() + "): " + Files.readString(log)
                        + serverLog);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(program + " interrupted", e);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** The newest of Debian's installed PostgreSQL versions. */
    private static Path binaries() {
        Path base = Path.of("/usr/lib/postgresql");
        try (Stream<Path> versions = Files.list(base)) {
            return versions.map(v -> v.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")) && Files.isExecutable(b.resolve("pg_ctl")))
                    .max(Comparator.comparingInt(b -> versionOf(b.getParent())))
                    .orElseThrow(PostgresServer::notInstalled);
        } catch (IOException e) {
            throw notInstalled();
        }
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static AssertionError notInstalled() {
        return new AssertionError("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb):"
                + " ./run-tests installs it, or apt-get install postgresql");
    }

    private static void giveToPostgres(Path p) throws IOException {
        UserPrincipalLookupService users = p.getFileSystem().getUserPrincipalLookupService();
        UserPrincipal user = users.lookupPrincipalByName(USER);
        GroupPrincipal group = users.lookupPrincipalByGroupName(USER);
        PosixFileAttributeView view = Files.getFileAttributeView(p, PosixFileAttributeView.class);
        view.setOwner(user);
        view.setGroup(group);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
