package io.chronosguard.migration.importer;

import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.ImportOutcome;
import io.chronosguard.engine.catalog.LegacyRun;
import io.chronosguard.migration.legacy.MappedRun;
import java.util.List;
import java.util.Set;

/** The history catalog as a {@link RunStore}: one {@link Catalog#importLegacy} call, one transaction. */
public final class CatalogRunStore implements RunStore {
    private final Catalog catalog;

    public CatalogRunStore(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Set<String> fingerprints() {
        return catalog.legacyFingerprints();
    }

    @Override
    public Stored store(List<MappedRun> runs) {
        ImportOutcome outcome = catalog.importLegacy(runs.stream().map(CatalogRunStore::toLegacyRun).toList());
        return new Stored(outcome.inserted(), outcome.duplicates());
    }

    static LegacyRun toLegacyRun(MappedRun r) {
        return new LegacyRun(r.fingerprint(), r.startedAt(), r.finishedAt(), r.outcome().wire(), r.dryRun(),
                r.files(), r.bytes(), r.durationSeconds(), r.errorCount(), r.profile(), r.rawJson(), r.originFile());
    }
}
