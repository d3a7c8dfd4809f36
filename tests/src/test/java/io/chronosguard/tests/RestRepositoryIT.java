package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Repositories on a REST server ({@code rclone serve restic} with basic auth): our CLI takes
 * the credentials from the environment, restic from the URL, and both read each other's
 * repositories; a two-node cluster backs up into it.
 */
class RestRepositoryIT extends NetworkRepositoryContract {
    private static final String USER = RcloneRestServer.USER;
    private static final String PASS = RcloneRestServer.PASSWORD;
    private final RcloneRestServer server = RcloneRestServer.shared();

    @Override
    protected String location(String name) {
        return "rest:" + server.url() + name + "/";
    }

    @Override
    protected Map<String, String> env() {
        return Map.of("CHRONOSGUARD_REST_USERNAME", USER, "CHRONOSGUARD_REST_PASSWORD", PASS);
    }

    private String withCredentials(String name) {
        return server.withCredentials(name);
    }

    @Override
    protected Restic restic(String name) {
        return new Restic(withCredentials(name), Restic.PASSWORD, List.of(), Map.of());
    }

    @Override
    protected Cli.Result runWithWrongCredential(String name, String... command) {
        Map<String, String> e = new HashMap<>(env());
        e.put("CHRONOSGUARD_REST_PASSWORD", "not-the-password");
        e.put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        List<String> args = new java.util.ArrayList<>(List.of("-r", location(name)));
        args.addAll(List.of(command));
        return Cli.run(e, args.toArray(String[]::new));
    }

    @Override
    protected String unreachableLocation() throws IOException {
        return "rest:http://127.0.0.1:" + NodeProcesses.freePort() + "/nobody/";
    }

    @Override
    protected String displayed(String name) {
        return server.url().replace("http://", "rest:http://" + USER + ":***@") + name + "/";
    }

    @Override
    protected String secret() {
        return PASS;
    }

    @Test
    void credentialsInTheUrl_workAndAreNeverShown() {
        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD), "-r", withCredentials("in-url"), "init");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains(displayed("in-url")), r.out());
        assertTrue(!r.out().contains(PASS) && !r.err().contains(PASS), r.out() + r.err());
        restic("in-url").ok("check");
    }

    @Test
    void noCredentials_sayHowToGiveThem() {
        restic("closed").ok("init");
        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD), "-r", location("closed"), "snapshots");
        assertEquals(15, r.exit(), r.err());
        assertTrue(r.err().strip().lines().count() == 1 && r.err().contains("set CHRONOSGUARD_REST_USERNAME and CHRONOSGUARD_REST_PASSWORD"), r.err());
    }

    @Test
    void cluster_twoNodesBackUpIntoTheRestRepository() throws Exception {
        Path src = smallTree(tmp.resolve("src-cluster"), 3);
        String repo = location("cluster");
        ok(repo, "init");
        Cli.Result r = ok(repo, "cluster", "--nodes", "2", "--workers", "1", "--http",
                "127.0.0.1:" + NodeProcesses.freePort(), "--json", src.toString());
        String[] lines = r.out().strip().split("\n");
        JsonNode summary = BackupIT.JSON.readTree(lines[lines.length - 1]);
        assertEquals("summary", summary.path("message_type").asText(), r.out());
        Restic restic = restic("cluster");
        restic.ok("check", "--read-data");
        Path target = tmp.resolve("restored-cluster");
        restic.ok("restore", summary.path("snapshot_id").asText(), "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
    }
}
