package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.LegacyRun;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * {@code backup} records every run in the catalog (checked with SQL) and {@code history}
 * lists them, on SQLite and on a real PostgreSQL server.
 */
class HistoryIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path repo;
    private Path src;

    private void repositoryAndSource() throws IOException {
        repo = tmp.resolve("repo");
        new Restic(repo).ok("init");
        src = tmp.resolve("src");
        Files.createDirectories(src.resolve("sub"));
        Files.writeString(src.resolve("a.txt"), "alpha\n");
        Files.writeString(src.resolve("sub/b.txt"), "bravo bravo\n");
        Files.write(src.resolve("sub/c.bin"), new byte[5000]);
    }

    private static Cli.Result cg(Database db, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of("--catalog", db.url()));
        all.addAll(List.of(args));
        Cli.Result r = Cli.run(env, all.toArray(String[]::new));
        if (db.password() != null) {
            assertFalse(r.out().contains(db.password()) || r.err().contains(db.password()),
                    "the catalog password was printed:\n" + r.out() + r.err());
        }
        return r;
    }

    private static Map<String, String> password(String pw) {
        return Map.of("CHRONOSGUARD_PASSWORD", pw);
    }

    private static JsonNode lastLine(String out) throws IOException {
        String[] lines = out.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void backup_everyRunRecorded_andListedByHistory(Database db) throws IOException {
        repositoryAndSource();
        Cli.Result ok = cg(db, password(Restic.PASSWORD), "-r", repo.toString(), "backup", "--json", "--tag", "t1",
                src.toString());
        assertEquals(0, ok.exit(), ok.err());
        assertEquals("", ok.err());
        JsonNode sum = lastLine(ok.out());
        Cli.Result dry = cg(db, password(Restic.PASSWORD), "-r", repo.toString(), "backup", "--dry-run", "--json",
                src.toString());
        assertEquals(0, dry.exit(), dry.err());
        Cli.Result wrong = cg(db, password("not the password"), "-r", repo.toString(), "backup", src.toString());
        assertEquals(12, wrong.exit(), wrong.err());

        List<Map<String, Object>> rows = db.rows("SELECT id, source, outcome, dry_run, snapshot_id, files_new,"
                + " files_total, bytes, data_added, error_count, host, paths, tags, finished_at, duration_s"
                + " FROM runs ORDER BY id");
        assertEquals(3, rows.size(), rows.toString());
        Map<String, Object> first = rows.get(0);
        assertEquals("chronosguard", first.get("source"));
        assertEquals("success", first.get("outcome"));
        assertFalse(bool(first.get("dry_run")));
        assertEquals(sum.get("snapshot_id").asText(), first.get("snapshot_id"));
        assertEquals(sum.get("files_new").asLong(), num(first.get("files_new")));
        assertEquals(3L, num(first.get("files_total")));
        assertEquals(sum.get("total_bytes_processed").asLong(), num(first.get("bytes")));
        assertEquals(sum.get("data_added").asLong(), num(first.get("data_added")));
        assertEquals(0L, num(first.get("error_count")));
        assertTrue(first.get("paths").toString().contains(src.toString()), first.toString());
        assertEquals("[\"t1\"]", first.get("tags"));
        assertTrue(first.get("finished_at") != null && first.get("duration_s") != null, first.toString());

        Map<String, Object> second = rows.get(1);
        assertEquals("success", second.get("outcome"));
        assertTrue(bool(second.get("dry_run")));
        assertNull(second.get("snapshot_id"));

        Map<String, Object> third = rows.get(2);
        assertEquals("failed", third.get("outcome"));
        assertEquals(1L, num(third.get("error_count")));
        List<Map<String, Object>> errors = db.rows("SELECT path, reason FROM run_errors WHERE run_id = ?",
                third.get("id"));
        assertEquals(1, errors.size());
        assertNull(errors.get(0).get("path"));
        assertTrue(errors.get(0).get("reason").toString().contains("password"), errors.toString());

        Cli.Result history = cg(db, Map.of(), "history", "--json");
        assertEquals(0, history.exit(), history.err());
        JsonNode runs = JSON.readTree(history.out());
        assertEquals(3, runs.size());
        assertEquals("failed", runs.get(0).get("outcome").asText(), "newest first");
        assertTrue(runs.get(0).get("errors").get(0).get("reason").asText().contains("password"));
        JsonNode oldest = runs.get(2);
        assertEquals(num(first.get("id")), oldest.get("id").asLong());
        assertEquals(sum.get("snapshot_id").asText(), oldest.get("snapshot_id").asText());
        assertEquals("chronosguard", oldest.get("source").asText());
        assertFalse(oldest.get("dry_run").asBoolean());
        assertEquals(sum.get("data_added").asLong(), oldest.get("data_added").asLong());
        assertTrue(oldest.get("started_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z"),
                oldest.toString());
        assertTrue(oldest.get("finished_at").asText().endsWith("Z"));
        assertTrue(oldest.get("duration_s").isNumber());
        assertFalse(runs.get(1).has("snapshot_id"), "a dry run has no snapshot");

        Cli.Result failedOnly = cg(db, Map.of(), "history", "--json", "--outcome", "failed");
        assertEquals(1, JSON.readTree(failedOnly.out()).size(), failedOnly.out());
        Cli.Result table = cg(db, Map.of(), "history");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().contains(sum.get("snapshot_id").asText().substring(0, 8)), table.out());
        assertTrue(table.out().strip().endsWith("3 runs"), table.out());
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void history_legacyRuns_inUtcAndFiltered(Database db) throws IOException {
        try (Catalog c = Catalog.open(db.url())) {
            c.importLegacy(List.of(
                    legacy("x1", "2023-10-29T00:30:00Z", "success"),
                    legacy("x2", "2023-10-29T01:30:00.250Z", "failed"),
                    legacy("x3", "2024-03-31T02:15:00Z", "partial")));
        }
        // Credentials from the environment, not the URL.
        Map<String, String> env = new HashMap<>();
        String catalog = db.url();
        if (db.isPostgres()) {
            env.put("CHRONOSGUARD_CATALOG_USER", db.user());
            env.put("CHRONOSGUARD_CATALOG_PASSWORD", db.password());
            catalog = db.bareUrl();
        }
        Cli.Result r = Cli.run(env, "--catalog", catalog, "history", "--json");
        assertEquals(0, r.exit(), r.err());
        JsonNode runs = JSON.readTree(r.out());
        assertEquals(List.of("2024-03-31T02:15:00Z", "2023-10-29T01:30:00.250Z", "2023-10-29T00:30:00Z"),
                List.of(runs.get(0).get("started_at").asText(), runs.get(1).get("started_at").asText(),
                        runs.get(2).get("started_at").asText()));
        JsonNode x3 = runs.get(0);
        assertEquals("legacy", x3.get("source").asText());
        assertEquals("partial", x3.get("outcome").asText());
        assertEquals(1234L, x3.get("bytes").asLong());
        assertEquals(60.5, x3.get("duration_s").asDouble());
        assertEquals("x3", x3.get("legacy_entry").get("id").asText());
        assertFalse(x3.has("snapshot_id"));

        assertEquals(2, JSON.readTree(Cli.run(env, "--catalog", catalog, "history", "--json", "--since",
                "2023-10-29T01:00:00Z").out()).size());
        assertEquals(1, JSON.readTree(Cli.run(env, "--catalog", catalog, "history", "--json", "--limit", "1").out())
                .size());
        assertEquals(3, JSON.readTree(Cli.run(env, "--catalog", catalog, "history", "--json", "--source", "legacy")
                .out()).size());
        assertEquals(0, JSON.readTree(Cli.run(env, "--catalog", catalog, "history", "--json", "--source",
                "chronosguard").out()).size());
        Cli.Result table = Cli.run(env, "--catalog", catalog, "history");
        assertTrue(table.out().contains("2023-10-29 01:30:00  legacy"), table.out());
    }

    private static LegacyRun legacy(String id, String started, String outcome) {
        Instant t = Instant.parse(started);
        return new LegacyRun("fp-" + id, t, t.plusMillis(60_500), outcome, false, 12L, 1234L, 60.5, 0L, "home",
                "{\"id\":\"" + id + "\"}", "backup_history.json");
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void history_badFilters_exit2NamingTheValue(Database db) {
        assertUsage(cg(db, Map.of(), "history", "--since", "yesterday"), "invalid --since 'yesterday'");
        assertUsage(cg(db, Map.of(), "history", "--outcome", "done"), "invalid --outcome 'done'");
        assertUsage(cg(db, Map.of(), "history", "--source", "python"), "invalid --source 'python'");
        assertUsage(cg(db, Map.of(), "history", "--limit", "-1"), "invalid --limit -1");
    }

    private static void assertUsage(Cli.Result r, String expected) {
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("chronosguard: " + expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void history_unreachableServer_exit2OneLineWithoutPassword() throws IOException {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/cg?user=cg&password=s3cret-pw";
        Cli.Result r = Cli.run(Map.of(), "--catalog", url, "history");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("chronosguard: cannot open catalog jdbc:postgresql://127.0.0.1:"), r.err());
        assertTrue(r.err().contains("password=***"), r.err());
        assertFalse(r.err().contains("s3cret-pw"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.PostgresOnly.class)
    void history_wrongDatabasePassword_exit2OneLineWithoutIt(Database db) {
        Map<String, String> env = Map.of("CHRONOSGUARD_CATALOG_USER", db.user(),
                "CHRONOSGUARD_CATALOG_PASSWORD", "wrong-" + db.password());
        Cli.Result r = Cli.run(env, "--catalog", db.bareUrl(), "history");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("chronosguard: cannot open catalog " + db.bareUrl() + ": "), r.err());
        assertTrue(r.err().contains("password authentication failed"), r.err());
        assertFalse(r.err().contains(db.password()), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void history_unsupportedOrMalformedCatalogUrl_exit2() {
        Cli.Result mysql = Cli.run(Map.of(), "--catalog", "jdbc:mysql://db/cg?password=pw123", "history");
        assertEquals(2, mysql.exit(), mysql.err());
        assertEquals("chronosguard: unsupported catalog URL jdbc:mysql://db/cg?password=***: use"
                + " jdbc:sqlite:/path/catalog.db or jdbc:postgresql://host/db", mysql.err().strip());
        Cli.Result malformed = Cli.run(Map.of(), "--catalog", "postgres://cg:pw123@db/cg", "history");
        assertEquals(2, malformed.exit(), malformed.err());
        assertTrue(malformed.err().contains("catalog = \"postgres://cg:***@db/cg\" (from flag --catalog)"),
                malformed.err());
        assertFalse(malformed.err().contains("pw123"), malformed.err());
    }

    @Test
    void history_sqliteFolderMissing_exit2NamingIt() {
        String url = "jdbc:sqlite:" + tmp.resolve("missing/catalog.db");
        Cli.Result r = Cli.run(Map.of(), "--catalog", url, "history");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().startsWith("chronosguard: cannot open catalog " + url + ": "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void backup_catalogUnreachable_warnsOnceAndSucceeds() throws IOException {
        repositoryAndSource();
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/cg?password=s3cret-pw";
        Cli.Result r = Cli.run(password(Restic.PASSWORD), "--catalog", url, "-r", repo.toString(), "backup",
                src.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("chronosguard: warning: this run is not recorded in the history catalog:"
                + " cannot open catalog"), r.err());
        assertFalse(r.err().contains("s3cret-pw"), r.err());
        assertTrue(r.out().contains("snapshot "), r.out());
        assertEquals(1, new Restic(repo).ok("snapshots", "--json").split("\"id\"").length - 1);
    }

    @Test
    void backup_defaultCatalog_isSqliteInStateDir() throws IOException {
        repositoryAndSource();
        Path state = tmp.resolve("state");
        Map<String, String> env = new HashMap<>(password(Restic.PASSWORD));
        env.put("CHRONOSGUARD_STATE_DIR", state.toString());
        assertEquals(0, Cli.run(env, "-r", repo.toString(), "backup", src.toString()).exit());
        Database db = new Database("sqlite", "jdbc:sqlite:" + state.resolve("catalog.db"), null, null);
        assertEquals(1, db.count("SELECT COUNT(*) FROM runs WHERE outcome = 'success' AND source = 'chronosguard'"));
        Cli.Result viaFlag = Cli.run(Map.of(), "--state-dir", state.toString(), "history", "--json");
        assertEquals(1, JSON.readTree(viaFlag.out()).size(), viaFlag.out() + viaFlag.err());
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    /** SQLite returns booleans as 0/1 integers, PostgreSQL as Boolean. */
    private static boolean bool(Object o) {
        return o instanceof Boolean b ? b : ((Number) o).intValue() != 0;
    }
}
