/**
 * Prune, as restic 0.14 does it: find the blobs every snapshot still reaches, classify each
 * pack (keep, delete, repack) with {@link io.chronosguard.engine.prune.PrunePlanner} (pure, unit
 * tested), then let {@link io.chronosguard.engine.prune.Pruner} carry the plan out in an order
 * that leaves a repository {@code restic check} accepts after a crash at any point: delete
 * unreferenced packs, repack, write the complete new index, delete the old index files, and
 * only then delete the packs nothing references any more.
 */
package io.chronosguard.engine.prune;
