package io.chronosguard.engine.copy;

import io.chronosguard.engine.repo.Id;
import java.util.List;

/**
 * What a copy did.
 *
 * @param copied     source snapshot id → the new snapshot's id in the destination
 * @param skipped    source snapshot id → the destination snapshot that already copies it
 * @param blobs      tree and data blobs stored in the destination
 * @param addedBytes sealed bytes of those blobs (what the destination grew by, pack headers aside)
 */
public record CopyResult(List<Pair> copied, List<Pair> skipped, long blobs, long addedBytes) {
    /** A source snapshot and its counterpart in the destination. */
    public record Pair(Id source, Id destination) {
    }

    public CopyResult {
        copied = List.copyOf(copied);
        skipped = List.copyOf(skipped);
    }
}
