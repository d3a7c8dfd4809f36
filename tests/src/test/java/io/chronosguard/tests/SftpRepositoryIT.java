package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories on a real OpenSSH server: our CLI finds its key and the server's host key in
 * HOME's {@code .ssh} (or in -o options, or through an ssh config alias), restic reaches the
 * same server through {@code ssh}, and both read each other's repositories. A key the server
 * refuses and a host key we do not know are refused with one line saying what to do.
 */
class SftpRepositoryIT extends NetworkRepositoryContract {
    @TempDir
    static Path dir;
    private final SshServer server = SshServer.shared();

    private Path repoPath(String name) {
        return dir.resolve("repos").resolve(name);
    }

    @Override
    protected String location(String name) {
        return server.url(repoPath(name));
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("HOME", server.home().toString());
    }

    @Override
    protected Restic restic(String name) {
        return new Restic("sftp:" + server.user() + "@127.0.0.1:" + repoPath(name), Restic.PASSWORD,
                server.resticOptions(), Map.of());
    }

    @Override
    protected Cli.Result runWithWrongCredential(String name, String... command) {
        // the server's own host key is a valid private key that authorized_keys does not list
        return ours(location(name), prepend(command, "-o", "sftp.key=" + server.hostKey()));
    }

    private static String[] prepend(String[] command, String... first) {
        List<String> all = new java.util.ArrayList<>(List.of(first));
        all.addAll(List.of(command));
        return all.toArray(String[]::new);
    }

    @Override
    protected String unreachableLocation() throws IOException {
        return "sftp://" + server.user() + "@127.0.0.1:" + NodeProcesses.freePort() + "//nobody";
    }

    @Override
    protected String displayed(String name) {
        return location(name);
    }

    @Override
    protected String secret() {
        return "PRIVATE KEY";
    }

    @Test
    void unknownHostKey_refusedWithHowToAddIt() throws IOException {
        Path empty = Files.createFile(tmp.resolve("known_hosts"));
        Cli.Result r = ours(location("unknown-host"), "-o", "sftp.known-hosts=" + empty, "snapshots");
        assertOneLineError(r, "is not in " + empty);
        assertTrue(r.err().contains("ssh-keyscan -p " + server.port() + " 127.0.0.1"), r.err());
    }

    @Test
    void changedHostKey_refusedNamingBothFingerprints() throws IOException {
        // known_hosts names this server with another key (the client's public key stands in)
        Path forged = tmp.resolve("known_hosts_changed");
        Files.writeString(forged, "[127.0.0.1]:" + server.port() + " "
                + Files.readString(server.clientKey().resolveSibling("client_key.pub")).trim() + "\n");
        Cli.Result r = ours(location("changed-host"), "-o", "sftp.known-hosts=" + forged, "snapshots");
        assertOneLineError(r, "differs from the one in " + forged);
    }

    @Test
    void sshConfigAlias_shortFormWithExplicitKnownHosts() throws IOException {
        restic("aliased").ok("init");
        Path config = tmp.resolve("ssh_config");
        Files.writeString(config, "Host cg-test\n  HostName 127.0.0.1\n  Port " + server.port() + "\n  User "
                + server.user() + "\n  IdentityFile " + server.clientKey() + "\n");
        Path bareHome = Files.createDirectories(tmp.resolve("bare-home")); // no keys, no known_hosts here
        Cli.Result r = Cli.run(Map.of("HOME", bareHome.toString(), "CHRONOSGUARD_PASSWORD", Restic.PASSWORD),
                "-r", "sftp:cg-test:" + repoPath("aliased"), "-o", "sftp.config=" + config,
                "-o", "sftp.known-hosts=" + server.knownHosts(), "snapshots", "--json");
        assertEquals(0, r.exit(), r.err());
        assertEquals("[]", r.out().strip());
    }

    @Test
    void badOption_usageErrorNamingIt() {
        Cli.Result noValue = ours(location("opts"), "-o", "sftp.key", "snapshots");
        assertEquals(2, noValue.exit(), noValue.err());
        assertTrue(noValue.err().strip().equals("chronosguard: -o sftp.key: expected KEY=VALUE, e.g. -o"
                + " sftp.key=/home/me/.ssh/backup_ed25519"), noValue.err());
        // given before the subcommand, with another -o after it: both count
        Cli.Result unknown = ours(location("opts"), "-o", "sftp.colour=blue", "snapshots", "-o",
                "sftp.known-hosts=" + server.knownHosts());
        assertEquals(2, unknown.exit(), unknown.err());
        assertTrue(unknown.err().strip().startsWith("chronosguard: unknown option -o sftp.colour: known are sftp.key"),
                unknown.err());
    }

    @Test
    void sshAgent_itsKeysLogIn() throws Exception {
        restic("agent").ok("init");
        Path socket = tmp.resolve("agent.sock");
        try (ServerProcess agent = ServerProcess.start(List.of("ssh-agent", "-D", "-a", socket.toString()),
                java.util.regex.Pattern.compile("SSH_AUTH_SOCK="))) {
            agent.await();
            ProcessBuilder add = new ProcessBuilder("ssh-add", server.clientKey().toString()).redirectErrorStream(true);
            add.environment().put("SSH_AUTH_SOCK", socket.toString());
            Process p = add.start();
            String addOut = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0, addOut);
            Path home = Files.createDirectories(tmp.resolve("agent-home/.ssh")).getParent(); // no key files here
            Files.copy(server.knownHosts(), home.resolve(".ssh/known_hosts"));
            Cli.Result r = Cli.run(Map.of("HOME", home.toString(), "SSH_AUTH_SOCK", socket.toString(),
                    "CHRONOSGUARD_PASSWORD", Restic.PASSWORD), "-r", location("agent"), "snapshots", "--json");
            assertEquals(0, r.exit(), r.err());
            assertEquals("[]", r.out().strip());
        }
    }
}
