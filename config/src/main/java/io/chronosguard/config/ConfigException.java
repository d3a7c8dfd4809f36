package io.chronosguard.config;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration is invalid. Carries every problem found, not just the first; the message
 * lists them one per line, ready to show to the user as is.
 */
public final class ConfigException extends RuntimeException {
    private final List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String message(List<Problem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        String head = problems.size() == 1
                ? "1 configuration problem:"
                : problems.size() + " configuration problems:";
        return problems.stream()
                .map(Problem::describe)
                .collect(Collectors.joining("\n  ", head + "\n  ", ""));
    }
}
