package io.chronosguard.engine.restorer;

/** Hooks the restorer calls; all default to doing nothing, so the engine knows no terminal. */
public interface RestoreListener {
    RestoreListener NONE = new RestoreListener() { };

    /** A per-item problem the restorer skipped past. */
    default void error(String path, String reason) {
    }

    /** Plaintext bytes written so far, called as packs complete. */
    default void bytesWritten(long total, long expected) {
    }
}
