package io.chronosguard.engine.daemon;

import io.chronosguard.config.daemon.Source;
import io.chronosguard.engine.forget.ForgetListener;
import io.chronosguard.engine.forget.ForgetPlan;
import io.chronosguard.engine.forget.Forgetter;
import io.chronosguard.engine.forget.GroupBy;
import io.chronosguard.engine.forget.Period;
import io.chronosguard.engine.forget.RetentionDuration;
import io.chronosguard.engine.forget.RetentionPolicy;
import io.chronosguard.engine.forget.SnapshotFilter;
import io.chronosguard.engine.forget.TagList;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import java.time.Clock;
import java.util.List;

/**
 * A source's retention policy applied to its own snapshots: those of {@code hostname} with
 * exactly the source's paths, grouped by host and paths as {@code restic forget} does by
 * default. Removes snapshot files only; prune reclaims their data on its own schedule.
 */
public final class SourceRetention {
    private SourceRetention() {
    }

    /** The engine's policy for the config's rules. */
    public static RetentionPolicy policy(Source.Retention r) {
        RetentionPolicy.Builder b = RetentionPolicy.builder().last(r.last()).keep(Period.HOURLY, r.hourly())
                .keep(Period.DAILY, r.daily()).keep(Period.WEEKLY, r.weekly()).keep(Period.MONTHLY, r.monthly())
                .keep(Period.YEARLY, r.yearly());
        if (r.within() != null) {
            b.within(RetentionDuration.parse(r.within()));
        }
        r.tags().forEach(t -> b.keepTag(TagList.parse(t)));
        return b.build();
    }

    /** Applies {@code source}'s retention (none: nothing is removed); returns the removed snapshot ids. */
    public static List<Id> apply(Repository repo, Source source, String hostname, Clock clock) {
        if (source.retention() == null) {
            return List.of();
        }
        RetentionPolicy policy = policy(source.retention());
        if (policy.isEmpty()) {
            return List.of();
        }
        Forgetter f = new Forgetter(repo, clock, ForgetListener.NONE);
        ForgetPlan plan = f.planByPolicy(new SnapshotFilter(List.of(hostname), List.of(), source.paths()),
                GroupBy.DEFAULT, policy);
        return plan.toRemove().isEmpty() ? List.of() : f.remove(plan);
    }
}
