/**
 * Storage of repository files. A {@link io.chronosguard.engine.backend.Backend} is a plain
 * store of write-once files; decorators add behaviour around any store: retry with backoff,
 * bandwidth and connection limits (stacked in one place, {@link
 * io.chronosguard.engine.backend.BackendStack}, so every store gets the same), and dry run.
 */
package io.chronosguard.engine.backend;
