package io.chronosguard.engine.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CatalogTest {
    private static final Instant T0 = Instant.parse("2024-03-10T01:30:00.123456Z");

    @TempDir
    Path dir;
    private String url;
    private Catalog catalog;

    @BeforeEach
    void open() {
        url = Catalog.defaultUrl(dir.resolve("state"));
        catalog = Catalog.open(url);
    }

    @AfterEach
    void close() {
        catalog.close();
    }

    static LegacyRun legacy(String fingerprint, Instant started, String outcome) {
        return new LegacyRun(fingerprint, started, started.plusSeconds(60), outcome, false, 10L, 2048L, 60.0, 0L,
                "home", "{\"fp\":\"" + fingerprint + "\"}", "backup_history.json");
    }

    private long count(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void defaultUrl_missingStateDir_createsItAndPointsAtCatalogDb() {
        assertTrue(Files.isDirectory(dir.resolve("state")));
        assertEquals("jdbc:sqlite:" + dir.resolve("state").toAbsolutePath().resolve("catalog.db"), url);
        assertTrue(Files.isRegularFile(dir.resolve("state/catalog.db")));
    }

    @Test
    void open_twice_migratesOnceAndKeepsData() throws SQLException {
        catalog.importLegacy(List.of(legacy("a", T0, "success")));
        catalog.close();
        catalog = Catalog.open(url);
        catalog.close();
        catalog = Catalog.open(url);
        assertEquals(1, catalog.history(HistoryQuery.all()).size());
        assertEquals(1, count("SELECT COUNT(*) FROM flyway_schema_history WHERE success = 1 AND version = '1'"));
    }

    @Test
    void importLegacy_repeatsInListAndAcrossImports_countAsDuplicates() throws SQLException {
        ImportOutcome first = catalog.importLegacy(List.of(legacy("a", T0, "success"), legacy("b", T0, "failed"),
                legacy("a", T0, "success")));
        assertEquals(new ImportOutcome(2, 1), first);
        ImportOutcome second = catalog.importLegacy(List.of(legacy("b", T0, "failed"), legacy("c", T0, "partial")));
        assertEquals(new ImportOutcome(1, 1), second);
        assertEquals(Set.of("a", "b", "c"), catalog.legacyFingerprints());
        assertEquals(3, count("SELECT COUNT(*) FROM runs WHERE source = 'legacy'"));
    }

    @Test
    void importLegacy_oneBadRow_storesNothing() throws SQLException {
        catalog.importLegacy(List.of(legacy("old", T0, "success")));
        List<LegacyRun> batch = List.of(legacy("x", T0, "success"), legacy("y", T0, "exploded"),
                legacy("z", T0, "success"));
        CatalogException e = assertThrows(CatalogException.class, () -> catalog.importLegacy(batch));
        assertTrue(e.getMessage().contains("legacy run 2 of 3 (fingerprint y)"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(1, count("SELECT COUNT(*) FROM runs"));
        assertEquals(Set.of("old"), catalog.legacyFingerprints());
    }

    @Test
    void importLegacy_keepsEveryField() {
        LegacyRun sparse = new LegacyRun("s", T0, null, "unknown", true, null, null, null, null, null, "{}", null);
        catalog.importLegacy(List.of(legacy("full", T0.plusSeconds(5), "partial"), sparse));
        List<RunRecord> runs = catalog.history(HistoryQuery.all());
        RunRecord full = runs.get(0);
        assertEquals("legacy", full.source());
        assertEquals(T0.plusSeconds(5), full.startedAt());
        assertEquals(T0.plusSeconds(65), full.finishedAt());
        assertEquals("partial", full.outcome());
        assertEquals(10L, full.files());
        assertEquals(2048L, full.bytes());
        assertEquals(60.0, full.durationSeconds());
        assertEquals(0L, full.errorCount());
        assertEquals("home", full.profile());
        assertEquals("{\"fp\":\"full\"}", full.legacyRawJson());
        assertEquals("backup_history.json", full.originFile());
        assertEquals("full", full.legacyFingerprint());
        RunRecord s = runs.get(1);
        assertTrue(s.dryRun());
        assertNull(s.finishedAt());
        assertNull(s.files());
        assertNull(s.bytes());
        assertNull(s.durationSeconds());
        assertNull(s.errorCount());
        assertNull(s.profile());
        assertEquals(List.of(), s.paths());
    }

    @Test
    void history_filtersAndLimit_newestFirst() {
        catalog.importLegacy(List.of(legacy("1", T0, "success"), legacy("2", T0.plusSeconds(3600), "failed"),
                legacy("3", T0.plusSeconds(7200), "success")));
        long own = catalog.startRun(new RunStart(T0.plusSeconds(10_000), false, "h", List.of("/a"), List.of(), List.of()));
        catalog.finishRun(own, finish(Outcome.SUCCESS, List.of()));

        assertEquals(List.of(own), ids(HistoryQuery.all()).subList(0, 1));
        assertEquals(4, ids(HistoryQuery.all()).size());
        assertEquals(2, ids(new HistoryQuery(T0.plusSeconds(3600), null, "legacy", 0)).size());
        assertEquals(3, ids(new HistoryQuery(null, "success", null, 0)).size());
        assertEquals(1, ids(new HistoryQuery(null, "SUCCESS", "chronosguard", 0)).size());
        assertEquals(2, ids(new HistoryQuery(null, null, null, 2)).size());
        List<RunRecord> all = catalog.history(HistoryQuery.all());
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).startedAt().isAfter(all.get(i - 1).startedAt()));
        }
    }

    @Test
    void history_pages_withOffsetAndCount() {
        List<LegacyRun> runs = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            runs.add(legacy("p" + i, T0.plusSeconds(i), i % 2 == 0 ? "success" : "failed"));
        }
        catalog.importLegacy(runs);
        List<String> all = fingerprints(HistoryQuery.all());
        assertEquals(List.of("p6", "p5", "p4", "p3", "p2", "p1", "p0"), all);
        assertEquals(List.of("p4", "p3", "p2"), fingerprints(new HistoryQuery(null, null, null, 3, 2)));
        assertEquals(List.of("p1", "p0"), fingerprints(new HistoryQuery(null, null, null, 0, 5)));
        assertEquals(List.of("p2", "p0"), fingerprints(new HistoryQuery(null, "success", null, 2, 2)));
        assertEquals(7, catalog.count(HistoryQuery.all()));
        assertEquals(4, catalog.count(new HistoryQuery(null, "success", "legacy", 1, 3)));
        assertEquals(3, catalog.count(new HistoryQuery(T0.plusSeconds(4), null, null, 0)));
    }

    private List<String> fingerprints(HistoryQuery q) {
        return catalog.history(q).stream().map(RunRecord::legacyFingerprint).toList();
    }

    @Test
    void historyQuery_unknownOutcomeOrSource_namesIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new HistoryQuery(null, "done", null, 0));
        assertTrue(e.getMessage().contains("'done'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new HistoryQuery(null, null, "python", 0));
        assertTrue(e.getMessage().contains("'python'"), e.getMessage());
    }

    private List<Long> ids(HistoryQuery q) {
        return catalog.history(q).stream().map(RunRecord::id).toList();
    }

    private static RunFinish finish(Outcome outcome, List<RunError> errors) {
        return new RunFinish(T0.plusSeconds(20_000), outcome, 3, 2, 1, 4096, 1000, 12.5, "ab12", 0, errors);
    }

    @Test
    void startAndFinishRun_recordsCountsErrorsAndOutcome() throws SQLException {
        long id = catalog.startRun(new RunStart(T0, true, "host1", List.of("/home", "/etc"), List.of("daily"),
                List.of("node-a")));
        RunRecord running = catalog.run(id).orElseThrow();
        assertEquals("running", running.outcome());
        assertNull(running.finishedAt());
        assertEquals(List.of("/home", "/etc"), running.paths());

        catalog.addErrors(id, List.of(new RunError("/home/x", "permission denied")));
        catalog.finishRun(id, finish(Outcome.PARTIAL, List.of(new RunError("/etc/shadow", "permission denied"))));
        RunRecord r = catalog.run(id).orElseThrow();
        assertEquals("chronosguard", r.source());
        assertEquals("partial", r.outcome());
        assertTrue(r.dryRun());
        assertEquals(T0, r.startedAt());
        assertEquals(T0.plusSeconds(20_000), r.finishedAt());
        assertEquals(3L, r.filesNew());
        assertEquals(2L, r.filesChanged());
        assertEquals(1L, r.filesUnmodified());
        assertEquals(6L, r.files());
        assertEquals(4096L, r.bytes());
        assertEquals(1000L, r.dataAdded());
        assertEquals(12.5, r.durationSeconds());
        assertEquals("ab12", r.snapshotId());
        assertEquals("host1", r.host());
        assertEquals(List.of("daily"), r.tags());
        assertEquals(List.of("node-a"), r.nodes());
        assertEquals(2L, r.errorCount());
        assertEquals(List.of(new RunError("/home/x", "permission denied"),
                new RunError("/etc/shadow", "permission denied")), r.errors());
        assertEquals(2, count("SELECT COUNT(*) FROM run_errors WHERE run_id = " + id));
    }

    @Test
    void finishRun_unknownId_failsAndStoresNoErrors() throws SQLException {
        CatalogException e = assertThrows(CatalogException.class,
                () -> catalog.finishRun(999, finish(Outcome.SUCCESS, List.of())));
        assertTrue(e.getMessage().contains("999"), e.getMessage());
        assertEquals(0, count("SELECT COUNT(*) FROM run_errors"));
    }

    @Test
    void finishRun_legacyRun_isRefused() {
        catalog.importLegacy(List.of(legacy("l", T0, "success")));
        long legacyId = catalog.history(HistoryQuery.all()).get(0).id();
        assertThrows(CatalogException.class, () -> catalog.finishRun(legacyId, finish(Outcome.FAILED, List.of())));
        assertEquals("success", catalog.run(legacyId).orElseThrow().outcome());
    }

    @Test
    void directoryResultsAndNodes_roundTrip() {
        long id = catalog.startRun(new RunStart(T0, false, "h", List.of("/"), List.of(), List.of("n1", "n2")));
        List<DirectoryResult> dirs = List.of(new DirectoryResult("/a", "n1", 5, 500, "done"),
                new DirectoryResult("/b", "n2", 0, 0, "reassigned"));
        catalog.addDirectoryResults(id, dirs);
        assertEquals(dirs, catalog.directoryResults(id));

        catalog.upsertNode("n1", "127.0.0.1:2552", "{\"roots\":[\"/a\"]}", T0);
        catalog.upsertNode("n1", "127.0.0.1:2553", "{\"roots\":[]}", T0.plusSeconds(30));
        catalog.upsertNode("n2", "127.0.0.1:2554", "{}", T0.plusSeconds(5));
        List<NodeRecord> nodes = catalog.nodes();
        assertEquals(List.of(new NodeRecord("n1", "127.0.0.1:2553", "{\"roots\":[]}", T0, T0.plusSeconds(30)),
                new NodeRecord("n2", "127.0.0.1:2554", "{}", T0.plusSeconds(5), T0.plusSeconds(5))), nodes);
    }

    @Test
    void finishClusterRun_recordsTotalsNodesDirectoriesAndErrorsTogether() {
        long id = catalog.startRun(new RunStart(T0, false, "h", List.of("/src"), List.of(), List.of("coord")));
        catalog.addDirectoryResults(id, List.of(new DirectoryResult("/src/a", "n1", 0, 0, "reassigned")));
        catalog.finishClusterRun(id, new ClusterRunFinish(T0.plusSeconds(9), Outcome.PARTIAL, 7, 700, 300, 9.0,
                "cd34", List.of("n1", "n2"), 1, List.of(new RunError("/src/a/x", "gone")),
                List.of(new DirectoryResult("/src/a", "n2", 7, 700, "done"))));
        RunRecord r = catalog.run(id).orElseThrow();
        assertEquals("partial", r.outcome());
        assertEquals(7L, r.files());
        assertNull(r.filesNew(), "a cluster job does not tell new from changed files");
        assertEquals(700L, r.bytes());
        assertEquals(300L, r.dataAdded());
        assertEquals("cd34", r.snapshotId());
        assertEquals(List.of("n1", "n2"), r.nodes());
        assertEquals(1L, r.reassignedTasks());
        assertEquals(1L, r.errorCount());
        assertEquals(List.of(new DirectoryResult("/src/a", "n1", 0, 0, "reassigned"),
                new DirectoryResult("/src/a", "n2", 7, 700, "done")), catalog.directoryResults(id));
    }

    @Test
    void finishClusterRun_badDirectoryRow_storesNothing() {
        long id = catalog.startRun(new RunStart(T0, false, "h", List.of("/src"), List.of(), List.of("coord")));
        assertThrows(CatalogException.class, () -> catalog.finishClusterRun(id + 1, new ClusterRunFinish(T0,
                Outcome.SUCCESS, 1, 1, 1, 1.0, null, List.of(), 0, List.of(new RunError("/x", "e")),
                List.of(new DirectoryResult("/src", "n1", 1, 1, "done")))));
        assertEquals("running", catalog.run(id).orElseThrow().outcome());
        assertEquals(List.of(), catalog.directoryResults(id));
    }

    @Test
    void abandonRun_onlyARunningRun_endsWithItsReasonAndUnknownCounts() {
        long running = catalog.startRun(new RunStart(T0, false, "h", List.of("/src"), List.of(), List.of("coord")));
        long done = catalog.startRun(new RunStart(T0, false, "h", List.of("/src"), List.of(), List.of("coord")));
        catalog.finishRun(done, finish(Outcome.SUCCESS, List.of()));

        assertTrue(catalog.abandonRun(running, Outcome.UNKNOWN, T0.plusSeconds(5), "coordinator gone"));
        assertFalse(catalog.abandonRun(done, Outcome.UNKNOWN, T0.plusSeconds(5), "coordinator gone"));
        assertFalse(catalog.abandonRun(running, Outcome.FAILED, T0.plusSeconds(6), "again"));
        RunRecord r = catalog.run(running).orElseThrow();
        assertEquals("unknown", r.outcome());
        assertEquals(T0.plusSeconds(5), r.finishedAt());
        assertNull(r.files());
        assertEquals(List.of(new RunError(null, "coordinator gone")), r.errors());
        assertEquals(1L, r.errorCount());
        assertEquals("success", catalog.run(done).orElseThrow().outcome());
    }

    @Test
    void addDirectoryResults_unknownRun_isRefusedByForeignKey() {
        assertThrows(CatalogException.class, () -> catalog.addDirectoryResults(42,
                List.of(new DirectoryResult("/a", "n1", 1, 1, "done"))));
    }

    @Test
    void startRun_fromManyThreads_everyRunStoredOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> ids = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Instant t = T0.plusSeconds(i);
                ids.add(pool.submit(() -> {
                    long id = catalog.startRun(new RunStart(t, false, "h", List.of("/"), List.of(), List.of()));
                    catalog.finishRun(id, finish(Outcome.SUCCESS, List.of(new RunError("/p", "r"))));
                    return id;
                }));
            }
            Set<Long> distinct = new java.util.HashSet<>();
            for (Future<Long> f : ids) {
                distinct.add(f.get());
            }
            assertEquals(40, distinct.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, count("SELECT COUNT(*) FROM runs WHERE outcome = 'success'"));
        assertEquals(40, count("SELECT COUNT(*) FROM run_errors"));
    }

    @Test
    void open_newFileFromManyThreadsAtOnce_allSucceedWithOneSchema() throws Exception {
        String fresh = "jdbc:sqlite:" + dir.resolve("fresh.db");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        try {
            List<Future<Integer>> opened = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                opened.add(pool.submit(() -> {
                    go.await();
                    try (Catalog c = Catalog.open(fresh)) {
                        return c.history(HistoryQuery.all()).size();
                    }
                }));
            }
            go.countDown();
            for (Future<Integer> f : opened) {
                assertEquals(0, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        try (Connection c = DriverManager.getConnection(fresh); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1'")) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
    }

    @Test
    void open_unsupportedUrl_namesItWithoutPassword() {
        CatalogException e = assertThrows(CatalogException.class,
                () -> Catalog.open("jdbc:mysql://db/cg?user=u&password=hunter2"));
        assertTrue(e.getMessage().contains("jdbc:mysql://db/cg?user=u&password=***"), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void open_inMemorySqlite_refused() {
        for (String bad : List.of("jdbc:sqlite::memory:", "jdbc:sqlite:", "jdbc:sqlite:file:x?mode=memory")) {
            CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(bad));
            assertTrue(e.getMessage().startsWith("catalog URL " + bad + " is an in-memory SQLite database"),
                    e.getMessage());
        }
    }

    @Test
    void open_sqliteInMissingFolder_failsNamingTheUrl() {
        String bad = "jdbc:sqlite:" + dir.resolve("no/such/dir/catalog.db");
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(bad));
        assertTrue(e.getMessage().startsWith("cannot open catalog " + bad + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void open_postgresqlNothingListening_failsNamingTheUrlWithoutPassword() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String bad = "jdbc:postgresql://127.0.0.1:" + port + "/cg?user=u&password=hunter2";
        CatalogException e = assertThrows(CatalogException.class, () -> Catalog.open(bad));
        assertTrue(e.getMessage().startsWith("cannot open catalog jdbc:postgresql://127.0.0.1:" + port
                + "/cg?user=u&password=***: "), e.getMessage());
        assertFalse(e.getMessage().contains("hunter2"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test
    void timestamps_keepMicrosecondsInUtcText() throws SQLException {
        catalog.importLegacy(List.of(legacy("t", Instant.parse("2024-03-10T01:30:00.123456789Z"), "success")));
        assertEquals(Instant.parse("2024-03-10T01:30:00.123456Z"), catalog.history(HistoryQuery.all()).get(0).startedAt());
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT started_at FROM runs")) {
            rs.next();
            assertEquals("2024-03-10T01:30:00.123456Z", rs.getString(1));
        }
    }

    @Test
    void schemaVersionConstantIsTheNewestMigrationScript() throws Exception {
        int newest = 0;
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                var m = java.util.regex.Pattern.compile("V(\\d+)__.*\\.sql").matcher(f.getFileName().toString());
                if (m.matches()) {
                    newest = Math.max(newest, Integer.parseInt(m.group(1)));
                }
            }
        }
        assertEquals(newest, Catalog.SCHEMA_VERSION, "Catalog.SCHEMA_VERSION must name the newest db/migration script");
    }
}
