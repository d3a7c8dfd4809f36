package io.chronosguard.migration.legacy;

import java.util.Locale;

/** What a legacy file turned out to be, from its content (§9.1). */
public enum FileKind {
    /** {@code backup_history.json}: {"history": [...]} and nothing else. */
    HISTORY,
    /** {@code backup_status.json} of any Python version: has a "directories" array. */
    STATUS,
    /** {@code profiles.json}: {"profiles": {...}} and nothing else. */
    PROFILES,
    /** The Rust rewrite's session JSON (id, directories, current_index); holds no history. */
    RUST_SESSION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
