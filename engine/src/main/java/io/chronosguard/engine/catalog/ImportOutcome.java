package io.chronosguard.engine.catalog;

/** What {@link Catalog#importLegacy} did: runs newly stored, and runs already there (or repeated). */
public record ImportOutcome(int inserted, int duplicates) {
}
