package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import java.util.List;
import java.util.TreeSet;

/**
 * What a forget run is going to remove, and why. Made either by a policy, one {@link Group} per
 * group of snapshots, or from snapshots named explicitly, which are all removed.
 *
 * @param policy   the policy applied; {@code null} for explicitly named snapshots
 * @param groupBy  how snapshots were grouped
 * @param groups   the policy's outcome per group, in {@link GroupKey} order; none when the policy
 *                 is empty or snapshots were named
 * @param explicit the named snapshots, in the order given, without duplicates
 */
public record ForgetPlan(RetentionPolicy policy, GroupBy groupBy, List<Group> groups, List<Snapshots.Entry> explicit) {

    public ForgetPlan {
        groups = List.copyOf(groups);
        explicit = List.copyOf(explicit);
    }

    /** One group and what the policy decided for it. */
    public record Group(GroupKey key, RetentionOutcome outcome) {
    }

    public static ForgetPlan explicit(List<Snapshots.Entry> named) {
        return new ForgetPlan(null, GroupBy.NONE, List.of(), named);
    }

    public boolean byPolicy() {
        return policy != null;
    }

    /** Every snapshot to remove, sorted by id. */
    public List<Id> toRemove() {
        TreeSet<Id> ids = new TreeSet<>();
        groups.forEach(g -> g.outcome().remove().forEach(e -> ids.add(e.id())));
        explicit.forEach(e -> ids.add(e.id()));
        return List.copyOf(ids);
    }
}
