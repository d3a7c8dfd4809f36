package io.chronosguard.migration.importer;

import io.chronosguard.migration.legacy.MappedRun;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A RunStore in memory that records every call, for importer tests. */
final class MemoryRunStore implements RunStore {
    final Map<String, MappedRun> runs = new LinkedHashMap<>();
    final List<Integer> storeCalls = new ArrayList<>();

    @Override
    public Set<String> fingerprints() {
        return Set.copyOf(runs.keySet());
    }

    @Override
    public Stored store(List<MappedRun> batch) {
        storeCalls.add(batch.size());
        int inserted = 0;
        for (MappedRun r : batch) {
            if (runs.putIfAbsent(r.fingerprint(), r) == null) {
                inserted++;
            }
        }
        return new Stored(inserted, batch.size() - inserted);
    }
}
