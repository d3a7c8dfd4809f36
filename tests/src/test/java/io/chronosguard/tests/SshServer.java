package io.chronosguard.tests;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real OpenSSH server for the tests: Debian's {@code /usr/sbin/sshd} (openssh-server,
 * installed by {@code ./run-tests}) with its own host key, its own config (no PAM, keys
 * only, internal-sftp) on 127.0.0.1 at a free port, and a client key it accepts. Unprivileged
 * sshd can only log in its own user, and the system accounts a root CI could drop to are
 * locked, so as root it runs as root with {@code PermitRootLogin prohibit-password}.
 *
 * <p>{@link #home()} is a HOME for the client with {@code .ssh/id_ed25519} and
 * {@code .ssh/known_hosts} holding this server's key, so nothing of the real user's
 * {@code ~/.ssh} is read or changed.
 */
final class SshServer implements AutoCloseable {
    private ServerProcess process;
    private final Path dir;
    private final int port;

    private static SshServer shared;

    /**
     * The server of this test JVM, started on first use and stopped (its folder deleted) when
     * the JVM ends; repositories go in each test's own folder.
     */
    static synchronized SshServer shared() {
        if (shared == null) {
            try {
                Path dir = Files.createTempDirectory("cg-sshd");
                shared = start(dir);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    shared.close();
                    Trees.delete(dir);
                }, "sshd-stop"));
            } catch (IOException | InterruptedException e) {
                throw new AssertionError("cannot start sshd for the tests: " + e.getMessage(), e);
            }
        }
        return shared;
    }

    private SshServer(ServerProcess process, Path dir, int port) {
        this.process = process;
        this.dir = dir;
        this.port = port;
    }

    private static SshServer start(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("home/.ssh"));
        keygen(dir.resolve("host_key"));
        keygen(dir.resolve("client_key"));
        Files.copy(dir.resolve("client_key.pub"), dir.resolve("authorized_keys"));
        Files.copy(dir.resolve("client_key"), dir.resolve("home/.ssh/id_ed25519"));
        Files.setPosixFilePermissions(dir.resolve("home/.ssh/id_ed25519"), PosixFilePermissions.fromString("rw-------"));
        if (isRoot()) {
            Files.createDirectories(Path.of("/run/sshd")); // sshd's privilege-separation folder, as its service makes it
        }
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = freePort();
            Path config = dir.resolve("sshd_config");
            Files.writeString(config, String.join("\n",
                    "ListenAddress 127.0.0.1", "Port " + port, "HostKey " + dir.resolve("host_key"), "PidFile none",
                    "UsePAM no", "StrictModes no", "PermitRootLogin prohibit-password",
                    "AuthorizedKeysFile " + dir.resolve("authorized_keys"), "PasswordAuthentication no",
                    "KbdInteractiveAuthentication no", "PubkeyAuthentication yes", "Subsystem sftp internal-sftp",
                    "LogLevel INFO", ""));
            try {
                SshServer server = new SshServer(sshd(config, port), dir, port);
                Files.writeString(server.knownHosts(), "[127.0.0.1]:" + port + " "
                        + Files.readString(dir.resolve("host_key.pub")).trim() + "\n");
                return server;
            } catch (IOException e) {
                last = e; // most likely the port was taken between probing and binding
            }
        }
        throw last;
    }

    private static ServerProcess sshd(Path config, int port) throws IOException {
        ServerProcess p = ServerProcess.start(List.of("/usr/sbin/sshd", "-D", "-e", "-f", config.toString()),
                Pattern.compile("Server listening on 127\\.0\\.0\\.1 port " + port));
        try {
            p.await();
            return p;
        } catch (IOException e) {
            p.close();
            throw e;
        }
    }

    /** SIGKILL to sshd and its per-connection children: every session dies mid-transfer. */
    void kill() {
        process.kill();
    }

    /** Stops the server (if {@link #kill()} has not), dropping every session, and starts it again on the same port. */
    void restart() throws IOException {
        process.close();
        process = sshd(dir.resolve("sshd_config"), port);
    }

    private static void keygen(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "chronosguard-test",
                "-f", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed: " + out);
        }
    }

    static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    int port() {
        return port;
    }

    /** The user the client logs in as. */
    String user() {
        return System.getProperty("user.name");
    }

    /** The client's private key (also {@code home()/.ssh/id_ed25519}). */
    Path clientKey() {
        return dir.resolve("client_key");
    }

    /** The server's private host key: a valid key that authorized_keys does not list. */
    Path hostKey() {
        return dir.resolve("host_key");
    }

    /** A HOME whose {@code .ssh} holds the client key and this server's host key. */
    Path home() {
        return dir.resolve("home");
    }

    Path knownHosts() {
        return home().resolve(".ssh/known_hosts");
    }

    /** {@code sftp://USER@127.0.0.1:PORT//PATH} for an absolute {@code path}. */
    String url(Path path) {
        return "sftp://" + user() + "@127.0.0.1:" + port + "/" + path;
    }

    /** restic's {@code -o sftp.command=...} reaching this server with the client key, checking its host key. */
    List<String> resticOptions() {
        return List.of("sftp.command=ssh -i " + clientKey() + " -p " + port + " -o UserKnownHostsFile=" + knownHosts()
                + " -o StrictHostKeyChecking=yes -o BatchMode=yes -o IdentitiesOnly=yes " + user() + "@127.0.0.1 -s sftp");
    }

    /** Everything sshd logged. */
    String log() {
        return process.output();
    }

    @Override
    public void close() {
        process.close();
    }
}
