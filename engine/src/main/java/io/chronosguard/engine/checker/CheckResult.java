package io.chronosguard.engine.checker;

import java.util.List;

/** Everything the checker found, and how much it looked at. */
public record CheckResult(List<Problem> problems, int snapshots, int trees, int packsRead) {
    public CheckResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.stream().noneMatch(p -> p.severity() == Problem.Severity.ERROR);
    }
}
