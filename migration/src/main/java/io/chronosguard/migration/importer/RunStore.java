package io.chronosguard.migration.importer;

import io.chronosguard.migration.legacy.MappedRun;
import java.util.List;
import java.util.Set;

/**
 * Where imported runs go: the history catalog in production. The importer needs only this,
 * so the catalog call stays in one adapter and tests can watch what would be written.
 */
public interface RunStore {
    /** Fingerprints of every legacy run already stored. */
    Set<String> fingerprints();

    /**
     * Stores {@code runs} in one transaction, all or nothing; runs whose fingerprint is
     * already stored are counted, not stored again.
     */
    Stored store(List<MappedRun> runs);

    /** What {@link #store} did. */
    record Stored(int inserted, int alreadyPresent) {
    }
}
