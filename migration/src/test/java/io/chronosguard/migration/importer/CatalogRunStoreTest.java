package io.chronosguard.migration.importer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.migration.legacy.MappedRun;
import io.chronosguard.migration.legacy.Samples;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The adapter on a real (SQLite) catalog; MigrateIT covers PostgreSQL through the CLI. */
class CatalogRunStoreTest {
    @TempDir
    Path tmp;

    @Test
    void store_samples_everyFieldReachesTheCatalog() throws IOException {
        Plan plan = new Migration(Samples.NEW_YORK).read(Samples.file(Samples.HISTORY));
        try (Catalog catalog = Catalog.open("jdbc:sqlite:" + tmp.resolve("c.db"))) {
            CatalogRunStore store = new CatalogRunStore(catalog);

            assertEquals(new RunStore.Stored(50, 0), store.store(plan.runs()));
            assertEquals(new RunStore.Stored(0, 50), store.store(plan.runs()));

            assertEquals(plan.runs().stream().map(MappedRun::fingerprint).collect(Collectors.toSet()),
                    store.fingerprints());
            List<RunRecord> history = catalog.history(HistoryQuery.all());
            MappedRun newest = plan.runs().get(plan.runs().size() - 1);
            RunRecord stored = history.get(0);
            assertEquals("legacy", stored.source());
            assertEquals(newest.fingerprint(), stored.legacyFingerprint());
            assertEquals(newest.startedAt(), stored.startedAt());
            assertEquals(newest.finishedAt(), stored.finishedAt());
            assertEquals(newest.outcome().wire(), stored.outcome());
            assertEquals(newest.bytes(), stored.bytes());
            assertEquals(newest.files(), stored.files());
            assertEquals(newest.durationSeconds(), stored.durationSeconds());
            assertEquals(newest.errorCount(), stored.errorCount());
            assertEquals(newest.rawJson(), stored.legacyRawJson());
            assertEquals(newest.originFile(), stored.originFile());
            assertEquals(Set.of("full", "development", "documents", "minimal"), history.stream()
                    .map(RunRecord::profile).filter(p -> p != null).collect(Collectors.toSet()));
        }
    }
}
