package io.chronosguard.engine.prune;

import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.IndexFile;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a complete index as new index files: every entry given, identical entries once,
 * each pack's entries in one file, a new file after as many blobs as restic 0.14 puts in
 * one (50,000; 150,000 when index files are compressed). No {@code supersedes}: the old
 * files are deleted only after all new ones are stored, so no reader ever sees an index
 * that is missing a pack.
 */
final class IndexRewriter {
    static final int MAX_BLOBS = 50_000;
    static final int MAX_BLOBS_COMPRESSED = 150_000;

    private IndexRewriter() {
    }

    /** Stores index files covering {@code entries}; returns their ids. */
    static List<Id> write(Repository repo, Collection<PackedBlob> entries) {
        int max = repo.version() >= 2 ? MAX_BLOBS_COMPRESSED : MAX_BLOBS;
        Map<Id, Set<PackedBlob>> byPack = new TreeMap<>();
        for (PackedBlob b : entries) {
            byPack.computeIfAbsent(b.pack(), k -> new LinkedHashSet<>()).add(b);
        }
        List<Id> written = new ArrayList<>();
        List<PackedBlob> batch = new ArrayList<>();
        for (Set<PackedBlob> pack : byPack.values()) {
            if (!batch.isEmpty() && batch.size() + pack.size() > max) {
                written.add(repo.saveUnpacked(FileType.INDEX, IndexFile.encode(batch)));
                batch.clear();
            }
            batch.addAll(pack);
        }
        if (!batch.isEmpty()) {
            written.add(repo.saveUnpacked(FileType.INDEX, IndexFile.encode(batch)));
        }
        return written;
    }
}
