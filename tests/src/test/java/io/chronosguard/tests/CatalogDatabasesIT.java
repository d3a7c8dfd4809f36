package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.CatalogException;
import io.chronosguard.engine.catalog.CheckpointTask;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.ImportOutcome;
import io.chronosguard.engine.catalog.LegacyRun;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunFinish;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.engine.catalog.RunStart;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

/** The catalog API on both databases, checked with SQL. */
class CatalogDatabasesIT {
    private static final Instant T0 = Instant.parse("2023-10-29T00:30:00Z");

    private static LegacyRun legacy(String fp, Instant start, String outcome, String raw) {
        return new LegacyRun(fp, start, start.plusSeconds(90), outcome, false, 7L, 700L, 90.0, 1L, "docs", raw,
                "backup_history.json");
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void open_twice_migratesOnceAndKeepsRows(Database db) {
        try (Catalog c = Catalog.open(db.url())) {
            c.importLegacy(List.of(legacy("a", T0, "success", "{}")));
        }
        try (Catalog c = Catalog.open(db.url())) {
            assertEquals(1, c.history(HistoryQuery.all()).size());
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM flyway_schema_history WHERE version = '1' AND success = ?", true));
        assertEquals(1, db.count("SELECT COUNT(*) FROM runs"));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void importLegacy_duplicatesAndBadRow_allOrNothing(Database db) {
        try (Catalog c = Catalog.open(db.url())) {
            assertEquals(new ImportOutcome(2, 1), c.importLegacy(List.of(legacy("a", T0, "success", "{}"),
                    legacy("a", T0, "success", "{}"), legacy("b", T0.plusSeconds(60), "failed", "{}"))));
            List<LegacyRun> bad = List.of(legacy("c", T0, "success", "{}"), legacy("d", T0, "exploded", "{}"));
            CatalogException e = assertThrows(CatalogException.class, () -> c.importLegacy(bad));
            assertTrue(e.getMessage().contains("legacy run 2 of 2 (fingerprint d)"), e.getMessage());
            assertFalse(e.getMessage().contains(db.password() == null ? "\n" : db.password()), e.getMessage());
            assertEquals(new ImportOutcome(1, 1), c.importLegacy(List.of(legacy("b", T0, "failed", "{}"),
                    legacy("c", T0, "success", "{}"))));
        }
        assertEquals(List.of("a", "b", "c"), db.rows("SELECT legacy_fingerprint FROM runs ORDER BY legacy_fingerprint")
                .stream().map(r -> r.get("legacy_fingerprint")).toList());
        assertEquals(3, db.count("SELECT COUNT(*) FROM runs WHERE source = 'legacy' AND files_total = 7"
                + " AND bytes = 700 AND origin_file = 'backup_history.json'"));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void runLifecycle_storedInTables(Database db) {
        long id;
        try (Catalog c = Catalog.open(db.url())) {
            id = c.startRun(new RunStart(T0, false, "h1", List.of("/src"), List.of("t"), List.of()));
            c.finishRun(id, new RunFinish(T0.plusSeconds(5), Outcome.PARTIAL, 1, 2, 3, 100, 50, 5.0, "ff00", 0,
                    List.of(new RunError("/src/x", "permission denied"))));
            assertEquals(T0, c.run(id).orElseThrow().startedAt());
        }
        var row = db.rows("SELECT outcome, files_new, files_changed, files_unmodified, files_total, bytes, data_added,"
                + " snapshot_id, error_count, source FROM runs WHERE id = ?", id).get(0);
        assertEquals("partial", row.get("outcome"));
        assertEquals(6L, ((Number) row.get("files_total")).longValue());
        assertEquals(50L, ((Number) row.get("data_added")).longValue());
        assertEquals("ff00", row.get("snapshot_id"));
        assertEquals(1L, ((Number) row.get("error_count")).longValue());
        assertEquals("chronosguard", row.get("source"));
        assertEquals("permission denied", db.rows("SELECT reason FROM run_errors WHERE run_id = ? AND path = '/src/x'",
                id).get(0).get("reason"));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void checkpoint_writtenReadInOrderAndDeleted(Database db) {
        try (Catalog c = Catalog.open(db.url())) {
            long id = c.startRun(new RunStart(T0, false, "h1", List.of("/src"), List.of(), List.of("pekko://n@h:1")));
            c.startCheckpoint(id, "job-1", "repo-a", null);
            c.addCheckpointTasks(id, List.of(new CheckpointTask(1, "/src/b", "m", null, "n2", "{\"b\":1}"),
                    new CheckpointTask(0, "/src", null, null, "n1", "{\"a\":0}")));
            assertThrows(CatalogException.class, () -> c.addCheckpointTasks(id, List.of(
                    new CheckpointTask(2, "/src/c", null, null, "n1", "{}"),
                    new CheckpointTask(1, "/src/dup", null, null, "n1", "{}"))), "a repeated seq is refused");
            List<CheckpointTask> tasks = c.checkpointTasks(id);
            assertEquals(List.of("/src", "/src/b"), tasks.stream().map(CheckpointTask::path).toList(),
                    "in seq order, and the refused batch left nothing");
            assertEquals("m", tasks.get(1).from());
            assertEquals(1, c.checkpoints("repo-a").size());
            assertEquals(2, c.checkpoints("repo-a").get(0).tasks());
            assertEquals(List.of(), c.checkpoints("repo-b"));
            c.recordTaskCounts(id, 2, 5);
            assertEquals(List.of(2L, 5L), List.of(c.taskCounts(id)));
            c.deleteCheckpoint(id);
            assertEquals(List.of(), c.checkpoints("repo-a"));
        }
        assertEquals(0, db.count("SELECT COUNT(*) FROM job_checkpoint"));
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void history_pagesAndCounts(Database db) {
        try (Catalog c = Catalog.open(db.url())) {
            List<LegacyRun> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                runs.add(legacy("p" + i, T0.plusSeconds(i), i < 2 ? "failed" : "success", "{}"));
            }
            c.importLegacy(runs);
            assertEquals(List.of("p1", "p0"), c.history(new HistoryQuery(null, null, null, 0, 4)).stream()
                    .map(RunRecord::legacyFingerprint).toList());
            assertEquals(List.of("p3", "p2"), c.history(new HistoryQuery(null, "success", null, 5, 2)).stream()
                    .map(RunRecord::legacyFingerprint).toList());
            assertEquals(4, c.count(new HistoryQuery(null, "success", null, 1, 1)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @ArgumentsSource(Databases.class)
    void runs_recordedFromManyThreads_eachStoredOnce(Database db) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try (Catalog c = Catalog.open(db.url())) {
            List<Future<Long>> ids = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                Instant t = T0.plusSeconds(i);
                ids.add(pool.submit(() -> {
                    long id = c.startRun(new RunStart(t, false, "h", List.of("/"), List.of(), List.of("n")));
                    c.addErrors(id, List.of(new RunError("/a", "x")));
                    c.finishRun(id, new RunFinish(t.plusSeconds(1), Outcome.SUCCESS, 1, 0, 0, 1, 1, 1.0, null, 0,
                            List.of(new RunError("/b", "y"))));
                    c.upsertNode("n", "127.0.0.1:" + (2000 + id), "{}", t);
                    return id;
                }));
            }
            java.util.Set<Long> distinct = new java.util.HashSet<>();
            for (Future<Long> f : ids) {
                distinct.add(f.get());
            }
            assertEquals(30, distinct.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(30, db.count("SELECT COUNT(*) FROM runs WHERE outcome = 'success' AND error_count = 2"));
        assertEquals(60, db.count("SELECT COUNT(*) FROM run_errors"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM nodes"));
    }
}
