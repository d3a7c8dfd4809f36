package io.chronosguard.engine.copy;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;

/** What {@link Copier} reports as it goes; every method defaults to doing nothing. */
public interface CopyListener {
    CopyListener NONE = new CopyListener() {
    };

    /** A source snapshot was selected and is looked at next. */
    default void snapshotSelected(Snapshots.Entry source) {
    }

    /** The destination already holds a copy of {@code source}: snapshot {@code existing}. */
    default void skipped(Snapshots.Entry source, Id existing) {
    }

    /** Copying {@code source}'s trees and data begins. */
    default void copyStarted(Snapshots.Entry source) {
    }

    /** {@code source} was copied; its copy in the destination is snapshot {@code saved}. */
    default void saved(Snapshots.Entry source, Id saved) {
    }

    /** A snapshot named on the command line was left out (no match, ambiguous...). */
    default void specIgnored(String spec, String reason) {
    }
}
