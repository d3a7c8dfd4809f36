/**
 * Forgetting snapshots by a retention policy, with restic 0.14's semantics: the same flags
 * keep the same snapshots for the same reasons. {@link io.chronosguard.engine.forget.RetentionPolicy}
 * and {@link io.chronosguard.engine.forget.ForgetPlanner} are pure and take the current time from
 * an injected clock; {@link io.chronosguard.engine.forget.Forgetter} loads snapshots and deletes
 * snapshot files. Freeing the data is prune's job, not this package's.
 */
package io.chronosguard.engine.forget;
