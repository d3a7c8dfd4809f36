package io.chronosguard.engine.archiver;

/**
 * Hooks the archiver calls while it works; all default to nothing, so the engine knows
 * nothing about terminals, JSON or actors. Called from worker threads concurrently.
 */
public interface ArchiverListener {
    ArchiverListener NONE = new ArchiverListener() { };

    /** How a file or directory compares with the parent snapshot. */
    enum Change { NEW, CHANGED, UNMODIFIED }

    /** A directory was listed; its entries now count towards the totals. */
    default void discovered(long files, long bytes) {
    }

    default void fileStarted(String path, long size) {
    }

    /** {@code n} more bytes of {@code path} were read (and chunked). */
    default void bytesRead(String path, long n) {
    }

    default void fileDone(String path, long size, Change change) {
    }

    default void dirDone(String path, Change change) {
    }

    /** A blob was stored (added) or found already stored (not added). */
    default void blobSaved(boolean data, boolean added, long plainBytes, long storedBytes) {
    }

    /** A path was skipped: it vanished, could not be read, or is not supported. */
    default void error(String path, String reason) {
    }

    /** Something worth telling that did not stop the path being saved. */
    default void warning(String path, String message) {
    }
}
