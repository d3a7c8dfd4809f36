package io.chronosguard.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A real restic REST server for the tests: {@code rclone serve restic} (Debian's rclone,
 * installed by {@code ./run-tests}) on a folder, on 127.0.0.1 at a port rclone picks, with
 * basic auth when a user is given.
 */
final class RcloneRestServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("Serving restic REST API on (http://127\\.0\\.0\\.1:\\d+/)");

    private final ServerProcess process;
    private final String url;

    static final String USER = "alice";
    static final String PASSWORD = "s3cret-pass";
    private static RcloneRestServer shared;

    /**
     * The server of this test JVM, serving a temporary folder to {@link #USER} /
     * {@link #PASSWORD}; started on first use, stopped (its folder deleted) when the JVM ends.
     * Each test class uses repository names of its own.
     */
    static synchronized RcloneRestServer shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("cg-rclone");
                shared = start(dir, USER, PASSWORD);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.close();
                    Trees.delete(dir);
                }, "rclone-stop"));
            } catch (IOException e) {
                throw new AssertionError("cannot start rclone serve restic for the tests: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    /** {@code rest:http://USER:PASSWORD@127.0.0.1:PORT/NAME/}. */
    String withCredentials(String name) {
        return "rest:" + url.replace("http://", "http://" + USER + ":" + PASSWORD + "@") + name + "/";
    }

    private RcloneRestServer(ServerProcess process, String url) {
        this.process = process;
        this.url = url;
    }

    /** Serves {@code dir}; with a non-null {@code user}, only to {@code user}/{@code password}. */
    static RcloneRestServer start(Path dir, String user, String password) throws IOException {
        return start(dir, user, password, 0);
    }

    /** Serves {@code dir} on {@code port} (0: one rclone picks), e.g. again after {@link #kill()}. */
    static RcloneRestServer start(Path dir, String user, String password, int port) throws IOException {
        Files.createDirectories(dir);
        List<String> cmd = new ArrayList<>(List.of("rclone", "serve", "restic", "--config", "",
                "--addr", "127.0.0.1:" + port, dir.toString()));
        if (user != null) {
            cmd.addAll(List.of("--user", user, "--pass", password));
        }
        ServerProcess p = ServerProcess.start(cmd, READY);
        return new RcloneRestServer(p, p.await().group(1));
    }

    /** {@code http://127.0.0.1:PORT/}. */
    String url() {
        return url;
    }

    /** The port, e.g. to know one that nobody listens on once this is closed. */
    int port() {
        return java.net.URI.create(url).getPort();
    }

    /** SIGKILL, as a crashing server dies: no connection is closed cleanly. */
    void kill() {
        process.kill();
    }

    @Override
    public void close() {
        process.close();
    }
}
