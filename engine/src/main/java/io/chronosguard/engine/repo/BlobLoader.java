package io.chronosguard.engine.repo;

import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.format.Tree;
import java.util.Optional;

/**
 * The narrow read side that code walking snapshot contents needs (dump, diff, stats): trees,
 * data blobs, and where the index says a blob lives. {@link #of(Repository)} is the real one;
 * unit tests use an in-memory map. Implementations verify what they return (ids, MACs) and
 * throw the engine's typed errors.
 */
public interface BlobLoader {
    /** The parsed tree blob {@code id}. */
    Tree loadTree(Id id);

    /** The verified plaintext of one blob. */
    byte[] loadBlob(Id id, BlobType type);

    /** The index entry of a blob (first location), or empty when no index names it. */
    Optional<PackedBlob> lookup(Id id, BlobType type);

    /** A loader reading from {@code repo} through its master index. */
    static BlobLoader of(Repository repo) {
        return new BlobLoader() {
            @Override
            public Tree loadTree(Id id) {
                return repo.loadTree(id);
            }

            @Override
            public byte[] loadBlob(Id id, BlobType type) {
                return repo.loadBlob(id, type);
            }

            @Override
            public Optional<PackedBlob> lookup(Id id, BlobType type) {
                return repo.index().lookup(id, type);
            }
        };
    }
}
