package io.chronosguard.web.ws;

import io.chronosguard.web.dto.ProgressUpdate;

/**
 * Where the WebSocket reads live progress from. Producers (the cluster's progress hub)
 * replace an immutable {@link ProgressUpdate} whenever something changes, as often as they
 * like; each connected client polls {@link #current()} a few times a second and is sent the
 * state only when its {@code seq} changed. So a slow or stalled browser misses intermediate
 * states (conflation) and can never hold up a backup.
 */
@FunctionalInterface
public interface ProgressSource {
    /** The latest state. Called from stream threads: must be cheap, thread-safe and never block. */
    ProgressUpdate current();
}
