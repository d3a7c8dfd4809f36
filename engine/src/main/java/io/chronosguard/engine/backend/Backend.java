package io.chronosguard.engine.backend;

import java.io.IOException;
import java.util.List;

/**
 * A plain store of write-once files, addressed by type and name. Guarantees: {@link #save}
 * is atomic (a reader sees the whole file or none of it, never a partial one under its
 * name) and a saved file is readable at once by the same process. Names of all types but
 * {@link FileType#CONFIG} are 64 hex characters; listings skip anything else. Retry,
 * caching and dry-run are decorators around a store, not part of it.
 */
public interface Backend extends AutoCloseable {

    /** Where the store lives, for messages. */
    String location();

    /** Whether a repository seems to be here at all (a config file exists). */
    boolean exists() throws IOException;

    /** Names of all files of {@code type}. */
    List<String> list(FileType type) throws IOException;

    /** Whole file. {@link java.nio.file.NoSuchFileException} when absent. */
    byte[] load(FileType type, String name) throws IOException;

    /** {@code length} bytes at {@code offset}; fewer only if the file is shorter. */
    byte[] load(FileType type, String name, long offset, int length) throws IOException;

    /** Size in bytes of one file. */
    long size(FileType type, String name) throws IOException;

    /** Stores a new file atomically. */
    void save(FileType type, String name, byte[] data) throws IOException;

    /** Stores {@code data[off, off+len)} as a new file atomically; stores override it to skip the copy. */
    default void save(FileType type, String name, byte[] data, int off, int len) throws IOException {
        save(type, name, java.util.Arrays.copyOfRange(data, off, off + len));
    }

    void remove(FileType type, String name) throws IOException;

    /**
     * Whether the location is free for a new repository: nothing there yet (a local folder
     * that is absent or empty, a bucket prefix with no objects, ...).
     */
    default boolean isUnused() throws IOException {
        return !exists();
    }

    /** Prepares the layout of a new repository (folders where the store has them). */
    default void createLayout() throws IOException {
    }

    @Override
    default void close() throws IOException {
    }
}
