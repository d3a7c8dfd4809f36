package io.chronosguard.engine.prune;

import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;

/** A blob as prune tracks it: data and tree blobs with the same id are different blobs. */
public record BlobHandle(Id id, BlobType type) {

    @Override
    public String toString() {
        return type.json() + " blob " + id.hex();
    }
}
