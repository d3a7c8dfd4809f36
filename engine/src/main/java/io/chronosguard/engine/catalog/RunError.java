package io.chronosguard.engine.catalog;

import java.util.Objects;

/** One problem a run hit: the path concerned (null when the run as a whole failed) and why. */
public record RunError(String path, String reason) {
    public RunError {
        Objects.requireNonNull(reason, "reason");
    }
}
