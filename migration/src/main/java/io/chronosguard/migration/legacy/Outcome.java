package io.chronosguard.migration.legacy;

import java.util.Locale;

/** A legacy run's outcome in the catalog's vocabulary (§9.10). */
public enum Outcome {
    SUCCESS, PARTIAL, FAILED, CANCELLED, UNKNOWN;

    /** The lower-case name the catalog and the JSON report use. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
