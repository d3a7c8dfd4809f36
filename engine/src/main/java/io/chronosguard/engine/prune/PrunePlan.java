package io.chronosguard.engine.prune;

import io.chronosguard.engine.repo.Id;
import java.util.Set;

/**
 * What a prune will do. {@code unreferenced}: packs in the backend that no index names,
 * deleted first. {@code repack}: packs whose {@code keepBlobs} are copied into new packs
 * before the packs go. {@code remove}: packs none of whose blobs is used. {@code
 * missingUnneeded}: packs the index names but the backend lacks, none of whose blobs is
 * used: dropped from the new index. {@code keepBlobs} is empty when nothing is repacked.
 */
public record PrunePlan(Set<Id> unreferenced, Set<Id> repack, Set<Id> remove, Set<Id> missingUnneeded,
        Set<BlobHandle> keepBlobs, PruneStats stats) {

    public PrunePlan {
        unreferenced = Set.copyOf(unreferenced);
        repack = Set.copyOf(repack);
        remove = Set.copyOf(remove);
        missingUnneeded = Set.copyOf(missingUnneeded);
        keepBlobs = Set.copyOf(keepBlobs);
    }

    /** Whether the index must be rewritten: some pack it names goes away. */
    public boolean rewritesIndex() {
        return !repack.isEmpty() || !remove.isEmpty() || !missingUnneeded.isEmpty();
    }

    /** Whether running the plan would change the repository at all. */
    public boolean changesAnything() {
        return rewritesIndex() || !unreferenced.isEmpty();
    }
}
