package io.chronosguard.engine.catalog;

import java.util.Locale;

/** Who made a run: ChronosGuard itself, or the legacy tool (imported from its JSON files). */
public enum RunSource {
    CHRONOSGUARD, LEGACY;

    /** The name stored in the database and printed by {@code history}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The source named {@code s} (any case); an {@link IllegalArgumentException} naming it otherwise. */
    public static RunSource parse(String s) {
        for (RunSource r : values()) {
            if (r.wire().equalsIgnoreCase(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown source '" + s + "': use chronosguard or legacy");
    }
}
