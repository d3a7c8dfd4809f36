/**
 * Storage of repository files. A {@link io.chronosguard.engine.backend.Backend} is a plain
 * store of write-once files; decorators add behaviour around any store.
 */
package io.chronosguard.engine.backend;
