package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.cli.ExitCode;
import java.io.IOException;
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
 * {@code migrate} through the CLI on SQLite and on a real PostgreSQL server, with the legacy
 * samples of the format notes (§11); the catalog is checked with SQL.
 */
class MigrateIT {
    /** The samples, kept with the migration module's unit tests. */
    static final Path SAMPLES = Path.of("../migration/src/test/resources/legacy-samples").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NY = "America/New_York";

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void migrate_allSamples_fiftyOneRunsInCatalog(Database db) {
        Cli.Result r = cg(db, "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY);

        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(r.out().contains("Runs found: 51 distinct, 120 duplicate sightings, 0 skipped, 2 dry runs"), r.out());
        assertTrue(r.out().contains("Imported 51 new runs (0 already in the catalog)."), r.out());
        assertTrue(r.out().contains("backup_status.running.json: state running since 2025-06-28T00:14:09.151Z"), r.out());
        assertEquals(51, db.count("SELECT COUNT(*) FROM runs WHERE source = 'legacy'"));
        assertEquals(51, db.count("SELECT COUNT(DISTINCT legacy_fingerprint) FROM runs"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM runs WHERE dry_run = ?", true));
        assertEquals(38, db.count("SELECT COUNT(DISTINCT started_at) FROM runs")); // 37 dates + run #51
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void migrate_historySample_rowsHoldUtcTimesAndRawEntry(Database db) throws IOException {
        Cli.Result r = cg(db, "migrate", "--from", SAMPLES.resolve("backup_history.json").toString(), "--legacy-zone", NY);
        assertEquals(ExitCode.OK, r.exit(), r.err());

        Map<String, Object> newest = db.rows("SELECT * FROM runs ORDER BY started_at DESC").get(0);
        assertEquals(Instant.parse("2025-06-24T23:55:13Z"), instant(newest.get("started_at")));
        assertEquals("partial", newest.get("outcome")); // "Completed", 26 of 27 folders
        assertEquals(73950404200L, ((Number) newest.get("bytes")).longValue());
        assertEquals(3L, ((Number) newest.get("error_count")).longValue());
        assertEquals(SAMPLES.resolve("backup_history.json").toString(), newest.get("origin_file"));
        JsonNode raw = JSON.readTree((String) newest.get("legacy_raw_json"));
        assertEquals(JSON.readTree(Files.readString(SAMPLES.resolve("backup_history.json"))).get("history").get(0), raw);
        Map<String, Object> oldest = db.rows("SELECT * FROM runs ORDER BY started_at").get(0);
        assertEquals(Instant.parse("2025-01-07T00:42:07Z"), instant(oldest.get("started_at"))); // EST in winter
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void migrate_twice_secondAddsNothing(Database db) {
        assertEquals(ExitCode.OK, cg(db, "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY).exit());

        Cli.Result again = cg(db, "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY, "--json");

        assertEquals(ExitCode.OK, again.exit(), again.err());
        JsonNode report = json(again.out());
        assertEquals(0, report.get("imported").asInt());
        assertEquals(51, report.get("already_in_catalog").asInt());
        assertEquals(120, report.get("duplicates").asInt());
        assertEquals(51, db.count("SELECT COUNT(*) FROM runs"));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void migrate_folderWithRejectedFile_importsNothingExitsRejected(Database db) throws IOException {
        assertEquals(ExitCode.OK, cg(db, "migrate", "--from", SAMPLES.resolve("backup_history.json").toString(),
                "--legacy-zone", NY).exit());
        Path old = Files.createDirectory(tmp.resolve("old-" + db.kind()));
        Files.copy(SAMPLES.resolve("backup_status.completed.json"), old.resolve("backup_status.json")); // 1 new run
        byte[] history = Files.readAllBytes(SAMPLES.resolve("backup_history.json"));
        Files.write(old.resolve("backup_history.json"), java.util.Arrays.copyOf(history, history.length - 40));

        Cli.Result r = cg(db, "migrate", "--from", old.toString(), "--legacy-zone", NY);

        assertEquals(ExitCode.REJECTED, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("chronosguard: " + old.resolve("backup_history.json") + ": MALFORMED_JSON: "),
                r.err());
        assertTrue(r.err().contains("; nothing imported (a folder imports all or nothing: move the file away"), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertEquals(50, db.count("SELECT COUNT(*) FROM runs"));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void migrate_verify_listsMissingThenPasses(Database db) {
        assertEquals(ExitCode.OK, cg(db, "migrate", "--from", SAMPLES.resolve("backup_history.json").toString(),
                "--legacy-zone", NY).exit());

        Cli.Result missing = cg(db, "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY, "--verify", "--json");

        assertEquals(ExitCode.FAILED, missing.exit(), missing.err());
        JsonNode report = json(missing.out());
        assertFalse(report.get("verified").asBoolean());
        assertEquals(1, report.get("missing").size());
        assertEquals("2025-06-27 20:14:09", report.get("missing").get(0).get("date").asText());
        assertEquals(50, db.count("SELECT COUNT(*) FROM runs")); // verify writes nothing

        assertEquals(ExitCode.OK, cg(db, "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY).exit());
        Cli.Result ok = cg(db, "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY, "--verify");
        assertEquals(ExitCode.OK, ok.exit(), ok.out() + ok.err());
        assertTrue(ok.out().contains("Verified: all 51 importable runs are in the catalog."), ok.out());
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void migrate_dryRun_writesNoRuns(Database db) {
        assertEquals(ExitCode.OK, cg(db, "migrate", "--from", SAMPLES.resolve("backup_status.v2.json").toString(),
                "--legacy-zone", NY).exit());

        Cli.Result r = cg(db, "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY, "--dry-run");

        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertTrue(r.out().contains("Dry run: would import 40 new runs (11 already in the catalog); nothing written."),
                r.out());
        assertEquals(11, db.count("SELECT COUNT(*) FROM runs"));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void history_afterMigrate_listsLegacyRunsInUtc(Database db) {
        assertEquals(ExitCode.OK, cg(db, "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY).exit());

        Cli.Result r = cg(db, "history", "--json");

        assertEquals(ExitCode.OK, r.exit(), r.err());
        JsonNode runs = json(r.out());
        assertEquals(51, runs.size());
        assertEquals("2025-06-28T00:14:09Z", runs.get(0).get("started_at").asText());
        assertEquals("legacy", runs.get(0).get("source").asText());
        assertEquals("2025-01-07T00:42:07Z", runs.get(50).get("started_at").asText());
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void migrate_oddEntries_skippedOrWarnedNeverAborting(Database db) throws IOException {
        // Lone surrogates (undecodable file-name bytes) and NUL are not storable as text in
        // PostgreSQL: they must arrive escaped in the raw entry and as U+FFFD in columns.
        Path f = Files.writeString(tmp.resolve("odd-" + db.kind() + ".json"), "{\"history\": ["
                + "{\"date\": \"2025-03-09 02:30:00\", \"profile\": \"caf\\udce9\", \"status\": \"Completed\"},"
                + "{\"date\": \"2025-11-02 01:30:00\", \"profile\": \"a\\u0000b\", \"size\": \"big\"},"
                + "{\"date\": \"2025-02-30 10:00:00\"},"
                + "{\"dryRun\": true},"
                + "{\"date\": \"2025-03-09T02:30:00\", \"profile\": \"caf\\udce9\", \"status\": \"Completed\"}"
                + "]}");

        Cli.Result r = cg(db, "migrate", "--from", f.toString(), "--legacy-zone", NY, "--json");

        assertEquals(ExitCode.OK, r.exit(), r.err());
        JsonNode report = json(r.out());
        assertEquals(3, report.get("imported").asInt());
        assertEquals(List.of(2, 3), indexes(report.get("skipped")));
        assertTrue(report.get("warnings").size() >= 5, report.get("warnings").toString());
        List<Map<String, Object>> rows = db.rows("SELECT started_at, profile, legacy_raw_json, bytes FROM runs"
                + " ORDER BY started_at, legacy_raw_json");
        assertEquals(Instant.parse("2025-03-09T07:30:00Z"), instant(rows.get(0).get("started_at"))); // gap: 03:30 EDT
        assertEquals("caf\ufffd", rows.get(0).get("profile"));
        assertTrue(((String) rows.get(0).get("legacy_raw_json")).contains("caf\\udce9"));
        assertEquals(Instant.parse("2025-11-02T05:30:00Z"), instant(rows.get(2).get("started_at"))); // overlap: EDT
        assertEquals("a\ufffdb", rows.get(2).get("profile"));
        assertEquals(null, rows.get(2).get("bytes"));
    }

    @Test
    void migrate_dryRunWithoutCatalog_createsNoCatalog() {
        Path state = tmp.resolve("state");

        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_STATE_DIR", state.toString()),
                "migrate", "--from", SAMPLES.toString(), "--legacy-zone", NY, "--dry-run", "--json");

        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertEquals(51, json(r.out()).get("would_import").asInt());
        assertFalse(Files.exists(state.resolve("catalog.db")));
    }

    @Test
    void migrate_badZone_usageErrorOneLine() {
        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_STATE_DIR", tmp.toString()),
                "migrate", "--from", SAMPLES.toString(), "--legacy-zone", "Mars/Olympus");

        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals("chronosguard: invalid --legacy-zone 'Mars/Olympus': not a time zone such as America/New_York,"
                + " Europe/Berlin or UTC\n", r.err());
    }

    @Test
    void migrate_missingSource_usageErrorOneLine() {
        Path nope = tmp.resolve("nope");

        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_STATE_DIR", tmp.toString()), "migrate", "--from", nope.toString());

        assertEquals(ExitCode.USAGE, r.exit());
        assertEquals("chronosguard: --from " + nope + ": no such file or folder\n", r.err());
    }

    @Test
    void migrate_emptyFile_rejectedNamingIt() throws IOException {
        Path empty = Files.createFile(tmp.resolve("backup_history.json"));

        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_STATE_DIR", tmp.resolve("state").toString()),
                "migrate", "--from", empty.toString(), "--json");

        assertEquals(ExitCode.REJECTED, r.exit());
        assertEquals("EMPTY_FILE", json(r.out()).get("files").get(0).get("rejection").asText());
        assertTrue(r.err().startsWith("chronosguard: " + empty + ": EMPTY_FILE: "), r.err());
        assertFalse(Files.exists(tmp.resolve("state/catalog.db")));
    }

    /** Runs the CLI on {@code db}; PostgreSQL credentials go in the environment, never on the command line. */
    static Cli.Result cg(Database db, String... args) {
        Map<String, String> env = new HashMap<>();
        if (db.user() != null) {
            env.put("CHRONOSGUARD_CATALOG_USER", db.user());
            env.put("CHRONOSGUARD_CATALOG_PASSWORD", db.password());
        }
        List<String> all = new ArrayList<>(List.of("--catalog", db.bareUrl()));
        all.addAll(List.of(args));
        Cli.Result r = Cli.run(env, all.toArray(String[]::new));
        if (db.password() != null) {
            assertFalse(r.out().contains(db.password()) || r.err().contains(db.password()), "password printed");
        }
        return r;
    }

    private static List<Integer> indexes(JsonNode notices) {
        List<Integer> out = new ArrayList<>();
        notices.forEach(n -> out.add(n.get("index").asInt()));
        return out;
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    /** A timestamp column as an instant: PostgreSQL gives a timestamp, SQLite ISO-8601 text. */
    private static Instant instant(Object v) {
        if (v instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (v instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        return Instant.parse(v.toString());
    }
}
