package io.chronosguard.config.daemon;

import java.util.List;

/** A daemon configuration that cannot be used: every problem, each starting with its field path. */
public final class DaemonConfigException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final List<String> problems;

    public DaemonConfigException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One line each, like {@code sources[1].schedule: bad cron expression "x": ...}. */
    public List<String> problems() {
        return problems;
    }
}
