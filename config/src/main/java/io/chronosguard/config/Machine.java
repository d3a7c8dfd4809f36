package io.chronosguard.config;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The facts about this machine that defaults depend on: the home directory (for {@code ~/}
 * and the state directory) and the processor count (for {@code workers}). Tests pass their own.
 */
public record Machine(Path home, int processors) {
    public Machine {
        Objects.requireNonNull(home, "home");
        if (processors < 1) {
            throw new IllegalArgumentException("processors must be at least 1, got " + processors);
        }
    }

    /** This JVM's {@code user.home} and available processors. */
    public static Machine current() {
        return new Machine(Path.of(System.getProperty("user.home")),
                Runtime.getRuntime().availableProcessors());
    }
}
