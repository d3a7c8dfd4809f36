package io.chronosguard.engine.prune;

/** The steps of a prune, in the order they run; the last five change the repository. */
public enum PrunePhase {
    LOAD_INDEX,
    FIND_USED_BLOBS,
    PLAN,
    DELETE_UNREFERENCED_PACKS,
    REPACK,
    WRITE_NEW_INDEX,
    DELETE_OLD_INDEX,
    DELETE_PACKS
}
