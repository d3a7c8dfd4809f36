package io.chronosguard.engine.forget;

import static io.chronosguard.engine.forget.Fixtures.at;
import static io.chronosguard.engine.forget.Fixtures.snap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Filtering, grouping and applying a policy per group. */
class ForgetPlannerTest {
    private static final Clock NOW = Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC);

    private final List<Snapshots.Entry> all = new ArrayList<>();

    private Snapshots.Entry add(String time, String host, List<String> tags, List<String> paths) {
        Snapshots.Entry e = snap(all.size(), at(time), host, tags, paths);
        all.add(e);
        return e;
    }

    private static RetentionPolicy last(int n) {
        return RetentionPolicy.builder().last(n).build();
    }

    @Test
    void byPolicy_defaultGrouping_appliesPolicyPerHostAndPaths() {
        Snapshots.Entry a1 = add("2024-01-01 00:00:00", "a", List.of(), List.of("/x"));
        Snapshots.Entry a2 = add("2024-01-02 00:00:00", "a", List.of(), List.of("/x"));
        Snapshots.Entry b1 = add("2024-01-01 00:00:00", "b", List.of(), List.of("/x"));
        Snapshots.Entry a3 = add("2024-01-03 00:00:00", "a", List.of(), List.of("/y", "/x"));
        Snapshots.Entry a4 = add("2024-01-04 00:00:00", "a", List.of(), List.of("/x", "/y"));

        ForgetPlan plan = ForgetPlanner.byPolicy(all, SnapshotFilter.ALL, GroupBy.DEFAULT, last(1), NOW);

        assertEquals(List.of(new GroupKey("a", List.of("/x"), null), new GroupKey("a", List.of("/x", "/y"), null),
                new GroupKey("b", List.of("/x"), null)), plan.groups().stream().map(ForgetPlan.Group::key).toList());
        assertEquals(List.of(a2), plan.groups().get(0).outcome().keep());
        assertEquals(List.of(a1), plan.groups().get(0).outcome().remove());
        assertEquals(List.of(a4), plan.groups().get(1).outcome().keep(), "path order does not split groups");
        assertEquals(List.of(b1), plan.groups().get(2).outcome().keep());
        assertEquals(sorted(a1.id(), a3.id()), plan.toRemove());
    }

    @Test
    void byPolicy_noGrouping_oneGroupForAll() {
        add("2024-01-01 00:00:00", "a", List.of(), List.of("/x"));
        Snapshots.Entry newest = add("2024-01-02 00:00:00", "b", List.of(), List.of("/y"));

        ForgetPlan plan = ForgetPlanner.byPolicy(all, SnapshotFilter.ALL, GroupBy.NONE, last(1), NOW);

        assertEquals(1, plan.groups().size());
        assertEquals(new GroupKey("", null, null), plan.groups().get(0).key());
        assertEquals(List.of(newest), plan.groups().get(0).outcome().keep());
    }

    @Test
    void byPolicy_groupByTags_untaggedFormTheirOwnGroup() {
        add("2024-01-01 00:00:00", "a", List.of("x", "y"), List.of("/p"));
        add("2024-01-02 00:00:00", "a", List.of("y", "x"), List.of("/p"));
        add("2024-01-03 00:00:00", "a", List.of(), List.of("/p"));

        ForgetPlan plan = ForgetPlanner.byPolicy(all, SnapshotFilter.ALL, GroupBy.parse("tags"), last(1), NOW);

        assertEquals(List.of(new GroupKey("", null, null), new GroupKey("", null, List.of("x", "y"))),
                plan.groups().stream().map(ForgetPlan.Group::key).toList());
        assertEquals(1, plan.toRemove().size());
    }

    @Test
    void byPolicy_filter_leavesOtherSnapshotsAlone() {
        Snapshots.Entry kept = add("2024-01-02 00:00:00", "a", List.of("db"), List.of("/x"));
        Snapshots.Entry gone = add("2024-01-01 00:00:00", "a", List.of("db"), List.of("/x"));
        add("2023-01-01 00:00:00", "a", List.of("web"), List.of("/x"));
        add("2023-01-01 00:00:00", "b", List.of("db"), List.of("/x"));
        SnapshotFilter filter = new SnapshotFilter(List.of("a"), List.of(TagList.parse("db")), List.of("/x"));

        ForgetPlan plan = ForgetPlanner.byPolicy(all, filter, GroupBy.DEFAULT, last(1), NOW);

        assertEquals(List.of(kept), plan.groups().get(0).outcome().keep());
        assertEquals(List.of(gone.id()), plan.toRemove());
    }

    @Test
    void byPolicy_emptyPolicy_plansNothing() {
        add("2024-01-01 00:00:00", "a", List.of(), List.of("/x"));

        ForgetPlan plan = ForgetPlanner.byPolicy(all, SnapshotFilter.ALL, GroupBy.DEFAULT,
                RetentionPolicy.builder().build(), NOW);

        assertTrue(plan.byPolicy());
        assertTrue(plan.groups().isEmpty());
        assertTrue(plan.toRemove().isEmpty());
    }

    @Test
    void byPolicy_equalTimes_lowestIdCountsAsNewest_whateverTheInputOrder() {
        for (int i = 0; i < 5; i++) {
            add("2024-01-01 00:00:00", "a", List.of(), List.of("/x"));
        }
        Snapshots.Entry lowest = all.stream().min(Comparator.comparing(Snapshots.Entry::id)).orElseThrow();
        List<Snapshots.Entry> reversed = new ArrayList<>(all);
        java.util.Collections.reverse(reversed);

        for (List<Snapshots.Entry> input : List.of(all, reversed)) {
            ForgetPlan plan = ForgetPlanner.byPolicy(input, SnapshotFilter.ALL, GroupBy.DEFAULT, last(1), NOW);
            assertEquals(List.of(lowest), plan.groups().get(0).outcome().keep());
        }
    }

    @Test
    void latest_newestMatchingFilter() {
        add("2024-01-03 00:00:00", "b", List.of(), List.of("/x"));
        Snapshots.Entry want = add("2024-01-02 00:00:00", "a", List.of(), List.of("/x"));
        add("2024-01-01 00:00:00", "a", List.of(), List.of("/x"));

        assertEquals(want, ForgetPlanner.latest(all, new SnapshotFilter(List.of("a"), List.of(), List.of()))
                .orElseThrow());
        assertTrue(ForgetPlanner.latest(all, new SnapshotFilter(List.of("c"), List.of(), List.of())).isEmpty());
    }

    @Test
    void explicit_removesEveryNamedSnapshot() {
        Snapshots.Entry a = add("2024-01-01 00:00:00", "a", List.of(), List.of("/x"));
        Snapshots.Entry b = add("2024-01-02 00:00:00", "a", List.of(), List.of("/x"));

        ForgetPlan plan = ForgetPlan.explicit(List.of(b, a));

        assertEquals(false, plan.byPolicy());
        assertEquals(sorted(a.id(), b.id()), plan.toRemove());
    }

    private static List<Id> sorted(Id... ids) {
        Set<Id> s = new TreeSet<>(List.of(ids));
        return List.copyOf(s);
    }
}
