package io.chronosguard.engine.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a run ended; {@link #RUNNING} while it has not (or when its process died before saying). */
public enum Outcome {
    RUNNING, SUCCESS, PARTIAL, FAILED, CANCELLED, UNKNOWN;

    /** The name stored in the database and printed by {@code history}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The outcome named {@code s} (any case); an {@link IllegalArgumentException} naming it and the choices otherwise. */
    public static Outcome parse(String s) {
        for (Outcome o : values()) {
            if (o.wire().equalsIgnoreCase(s)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown outcome '" + s + "': use one of "
                + Arrays.stream(values()).map(Outcome::wire).collect(Collectors.joining(", ")));
    }
}
