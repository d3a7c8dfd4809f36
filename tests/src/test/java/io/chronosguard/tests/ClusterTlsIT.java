package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster transport over TLS with mutual authentication, with certificates made here by the
 * JDK's {@code keytool} exactly as the README tells: a CA, two node certificates it signs, and
 * a rogue node whose certificate another CA signed. Nodes are separate JVMs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterTlsIT {
    static final String STORE_PASSWORD = "store-secret-1234";

    @TempDir
    static Path tmp;
    Path certs;

    @BeforeAll
    void makeCertificates() throws Exception {
        certs = Files.createDirectories(tmp.resolve("certs"));
        ca("ca");
        ca("rogue-ca");
        // the truststore every trusted node shares: only our CA's certificate
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", "ca.crt", "-keystore", "truststore.p12",
                "-storetype", "PKCS12", "-storepass:env", "PW");
        node("node1", "ca");
        node("node2", "ca");
        node("rogue", "rogue-ca");
    }

    /** A self-signed CA: its key pair in NAME.p12 and its certificate in NAME.crt. */
    private void ca(String name) throws Exception {
        keytool("-genkeypair", "-alias", name, "-dname", "CN=" + name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-ext", "bc:c", "-validity", "2", "-keystore", name + ".p12", "-storetype", "PKCS12",
                "-storepass:env", "PW");
        keytool("-exportcert", "-rfc", "-alias", name, "-file", name + ".crt", "-keystore", name + ".p12",
                "-storepass:env", "PW");
    }

    /** A node key pair whose certificate {@code ca} signs, in NAME.p12 with the CA's certificate before it. */
    private void node(String name, String ca) throws Exception {
        keytool("-genkeypair", "-alias", "node", "-dname", "CN=" + name, "-keyalg", "EC", "-groupname", "secp256r1",
                "-validity", "2", "-keystore", name + ".p12", "-storetype", "PKCS12", "-storepass:env", "PW");
        keytool("-certreq", "-alias", "node", "-file", name + ".csr", "-keystore", name + ".p12", "-storepass:env", "PW");
        keytool("-gencert", "-alias", ca, "-infile", name + ".csr", "-outfile", name + ".crt", "-rfc", "-validity", "2",
                "-ext", "eku=serverAuth,clientAuth", "-keystore", ca + ".p12", "-storepass:env", "PW");
        keytool("-importcert", "-noprompt", "-alias", ca, "-file", ca + ".crt", "-keystore", name + ".p12",
                "-storepass:env", "PW");
        keytool("-importcert", "-alias", "node", "-file", name + ".crt", "-keystore", name + ".p12",
                "-storepass:env", "PW");
    }

    private void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(certs.toFile()).redirectErrorStream(true);
        pb.environment().put("PW", STORE_PASSWORD); // -storepass:env: the password stays out of argv
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "keytool hung");
        assertEquals(0, p.exitValue(), "keytool " + String.join(" ", args) + ":\n" + out);
    }

    private Map<String, String> tls(String keystore) {
        Map<String, String> env = new HashMap<>();
        env.put("CHRONOSGUARD_TLS_ENABLED", "true");
        env.put("CHRONOSGUARD_TLS_KEYSTORE", certs.resolve(keystore + ".p12").toString());
        env.put("CHRONOSGUARD_TLS_TRUSTSTORE", certs.resolve("truststore.p12").toString());
        env.put("CHRONOSGUARD_TLS_KEYSTORE_PASSWORD", STORE_PASSWORD);
        env.put("CHRONOSGUARD_TLS_TRUSTSTORE_PASSWORD", STORE_PASSWORD);
        return env;
    }

    @Test
    void cluster_tlsTrustedNodesFormAndBackUp_untrustedNodeCannotJoin() throws Exception {
        Path src = tmp.resolve("src");
        SourceTree.create(src, 3);
        Path repo = NodeProcesses.initRepository(tmp);
        try (NodeProcesses ps = new NodeProcesses(tmp, repo)) {
            int p1 = NodeProcesses.freePort();
            NodeProcesses.NodeProc n1 = ps.start(p1, p1, 2, tls("node1"));
            NodeProcesses.NodeProc n2 = ps.start(NodeProcesses.freePort(), p1, 2, tls("node2"));
            ps.awaitMembers(n1, 2, Duration.ofSeconds(90));
            ps.awaitMembers(n2, 2, Duration.ofSeconds(90));

            Cli.Result r = Cli.run(NodeProcesses.clientEnv(), "backup", "--server", n1.api(), "--json", src.toString());
            assertEquals(0, r.exit(), r.out() + r.err() + ps.logs());
            JsonNode sum = ClusterProcessesIT.lastLine(r);
            Path target = tmp.resolve("restore");
            new Restic(repo).ok("restore", sum.get("snapshot_id").asText(), "--target", target.toString());
            TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));

            // a node whose certificate another CA signed: the seeds refuse its handshake, so it
            // never becomes a member and gives up after its join timeout
            NodeProcesses.NodeProc rogue = ps.start(NodeProcesses.freePort(), p1, 1, tls("rogue"),
                    "--join-timeout", "8");
            assertTrue(rogue.process().waitFor(120, TimeUnit.SECONDS), "the untrusted node neither joined nor gave up");
            String log = Files.readString(rogue.log());
            assertTrue(rogue.process().exitValue() != 0, "the untrusted node exited 0:\n" + log);
            assertTrue(log.contains("could not join the cluster"), log);
            JsonNode nodes = BackupIT.JSON.readTree(ps.get(n1, "/api/nodes").body()).path("nodes");
            assertEquals(2, nodes.size(), "the cluster lists the untrusted node: " + nodes);
            assertTrue(n1.process().isAlive() && n2.process().isAlive(), ps.logs());
        }
    }

    /**
     * The launcher resolves TLS from its own config file and hands it to the nodes it starts
     * through their environment: they talk tls-tcp and the backup completes.
     */
    @Test
    void cluster_tlsFromConfigFile_nodesTalkTlsAndBackUp() throws Exception {
        Path src = tmp.resolve("src-launcher");
        SourceTree.create(src, 4);
        Path repo = NodeProcesses.initRepository(tmp.resolve("launcher"));
        Path conf = Files.writeString(tmp.resolve("tls.conf"), "cluster.tls.enabled = true\n"
                + "cluster.tls.keystore = \"" + certs.resolve("node1.p12") + "\"\n"
                + "cluster.tls.truststore = \"" + certs.resolve("truststore.p12") + "\"\n");
        Map<String, String> env = withPassword(Map.of("CHRONOSGUARD_TLS_KEYSTORE_PASSWORD", STORE_PASSWORD,
                "CHRONOSGUARD_TLS_TRUSTSTORE_PASSWORD", STORE_PASSWORD));
        Cli.Result r = Cli.run(env, "-r", repo.toString(), "--config", conf.toString(), "cluster", "--nodes", "2",
                "--workers", "1", "--http", "127.0.0.1:" + NodeProcesses.freePort(), "--json", src.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("node logs in (\\S+)\\)").matcher(r.err());
        assertTrue(m.find(), r.err());
        String log = Files.readString(Path.of(m.group(1)).resolve("node-1.log"));
        assertTrue(log.contains("cluster transport is TLS with mutual authentication (keystore "
                + certs.resolve("node1.p12") + ")"), "node 1 did not get the TLS settings:\n" + log);
        assertFalse(log.contains(STORE_PASSWORD), log);
        new Restic(repo).ok("check");
    }

    @Test
    void node_tlsWithWrongKeystorePassword_oneLineNamingTheSetting() throws Exception {
        Path repo = NodeProcesses.initRepository(tmp.resolve("bad"));
        Map<String, String> env = tls("node1");
        env.put("CHRONOSGUARD_TLS_KEYSTORE_PASSWORD", "not-the-password");
        Cli.Result r = Cli.run(withPassword(env), "-r", repo.toString(), "node", "--bind",
                "127.0.0.1:" + NodeProcesses.freePort(), "--seed", "127.0.0.1:1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("cluster.tls.keystore " + certs.resolve("node1.p12")), r.err());
        assertFalse(r.err().contains("not-the-password"), r.err());
        assertFalse(r.err().contains("\tat "), "a stack trace: " + r.err());

        env = tls("node1");
        env.put("CHRONOSGUARD_TLS_TRUSTSTORE", certs.resolve("missing.p12").toString());
        r = Cli.run(withPassword(env), "-r", repo.toString(), "node", "--bind",
                "127.0.0.1:" + NodeProcesses.freePort(), "--seed", "127.0.0.1:1");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("cluster.tls.truststore " + certs.resolve("missing.p12") + ": no such readable file"),
                r.err());
    }

    private static Map<String, String> withPassword(Map<String, String> env) {
        Map<String, String> all = new HashMap<>(env);
        all.put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        return all;
    }
}
