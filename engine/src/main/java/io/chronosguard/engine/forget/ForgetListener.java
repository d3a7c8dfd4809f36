package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.Id;

/**
 * What {@link Forgetter} reports while it works. Every hook defaults to doing nothing, so the
 * engine knows nothing about terminals or JSON; the CLI prints warnings from these.
 */
public interface ForgetListener {
    ForgetListener NONE = new ForgetListener() {
    };

    /** A snapshot file could not be read; like restic, forget leaves it out and goes on. */
    default void snapshotUnreadable(Id id, String problem) {
    }

    /** A snapshot named on the command line was not found or not readable, and is skipped. */
    default void specIgnored(String spec, String reason) {
    }

    /** Snapshots were named explicitly, so the host/tag/path filters do not apply. */
    default void filtersIgnored() {
    }

    /** A snapshot file was deleted. */
    default void removed(Id id) {
    }
}
