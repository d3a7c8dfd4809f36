package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.Snapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The pure part of {@code forget}: filters, groups and applies a policy to snapshots already
 * loaded, with the current time and zone from an injected clock. No I/O.
 */
public final class ForgetPlanner {
    private ForgetPlanner() {
    }

    /**
     * Filters {@code snapshots}, groups them and applies {@code policy} to each group. An empty
     * policy yields no groups (restic then removes nothing and reports nothing). Snapshots
     * made at the same moment are ordered by id, so ties are broken the same way every run
     * (restic's order there depends on which file its parallel loader read first).
     */
    public static ForgetPlan byPolicy(List<Snapshots.Entry> snapshots, SnapshotFilter filter, GroupBy groupBy,
                                      RetentionPolicy policy, Clock clock) {
        if (policy.isEmpty()) {
            return new ForgetPlan(policy, groupBy, List.of(), List.of());
        }
        List<Snapshots.Entry> sorted = new ArrayList<>(snapshots);
        sorted.sort(Comparator.comparing(Snapshots.Entry::id));
        Map<GroupKey, List<Snapshots.Entry>> groups = new TreeMap<>();
        for (Snapshots.Entry e : sorted) {
            if (filter.matches(e.snapshot())) {
                groups.computeIfAbsent(groupBy.keyOf(e.snapshot()), k -> new ArrayList<>()).add(e);
            }
        }
        List<ForgetPlan.Group> out = new ArrayList<>();
        groups.forEach((key, members) -> out.add(new ForgetPlan.Group(key, policy.apply(members, clock))));
        return new ForgetPlan(policy, groupBy, out, List.of());
    }

    /**
     * The newest snapshot passing {@code filter}, as restic resolves {@code latest}; of several
     * made at the same moment, the one with the highest id.
     */
    public static Optional<Snapshots.Entry> latest(List<Snapshots.Entry> snapshots, SnapshotFilter filter) {
        return snapshots.stream()
                .filter(e -> filter.matches(e.snapshot()))
                .max(Comparator.comparing((Snapshots.Entry e) -> e.snapshot().parsedTime().toInstant())
                        .thenComparing(Snapshots.Entry::id));
    }
}
