package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.Snapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Which snapshots of one group to keep: restic 0.14's {@code ExpirePolicy}. A snapshot is kept
 * when any rule wants it: {@code last} newest ones, the newest of each of the latest n hours,
 * days, ISO weeks, months or years, everything within a duration of the newest snapshot, the
 * newest of each hour … year within a duration, or any of the {@link TagList}s. Counts must not
 * be negative: restic 0.14 has no "unlimited" value, and there a negative count silently
 * keeps nothing, so we refuse it instead.
 *
 * @param last       keep the n newest snapshots
 * @param counts     keep the newest snapshot of each of the n newest buckets of a period
 * @param within     keep every snapshot newer than this before the newest one
 * @param withinEach keep the newest snapshot of each bucket newer than the duration
 * @param keepTags   keep every snapshot that has all tags of at least one list
 */
public record RetentionPolicy(int last, Map<Period, Integer> counts, RetentionDuration within,
                              Map<Period, RetentionDuration> withinEach, List<TagList> keepTags) {

    public RetentionPolicy {
        EnumMap<Period, Integer> c = new EnumMap<>(Period.class);
        EnumMap<Period, RetentionDuration> w = new EnumMap<>(Period.class);
        for (Period p : Period.values()) {
            c.put(p, counts.getOrDefault(p, 0));
            w.put(p, withinEach.getOrDefault(p, RetentionDuration.ZERO));
        }
        counts = Collections.unmodifiableMap(c);
        withinEach = Collections.unmodifiableMap(w);
        keepTags = List.copyOf(keepTags);
        requireNotNegative("keep-last", last);
        c.forEach((p, n) -> requireNotNegative("keep-" + p.label(), n));
        requireNotNegative("keep-within", within);
        w.forEach((p, d) -> requireNotNegative("keep-within-" + p.label(), d));
    }

    private static void requireNotNegative(String rule, int n) {
        if (n < 0) {
            throw new IllegalArgumentException(rule + " must not be negative, got " + n
                    + " (restic 0.14 has no \"unlimited\" count and would keep nothing; give a large number instead)");
        }
    }

    private static void requireNotNegative(String rule, RetentionDuration d) {
        if (d.hasNegativePart()) {
            throw new IllegalArgumentException(rule + " must not have negative parts, got " + d
                    + " (a duration reaching past the newest snapshot would keep nothing)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public int count(Period p) {
        return counts.get(p);
    }

    public RetentionDuration within(Period p) {
        return withinEach.get(p);
    }

    /** No rule at all: restic then keeps everything and says so. */
    public boolean isEmpty() {
        return last == 0 && counts.values().stream().allMatch(n -> n == 0) && within.isZero()
                && withinEach.values().stream().allMatch(RetentionDuration::isZero) && keepTags.isEmpty();
    }

    /**
     * Splits {@code group} into kept and removed snapshots, newest first, with the reasons for
     * each kept one. {@code clock} gives "now" (snapshots after it cannot be the newest that
     * durations count from) and the local zone (see {@link RetentionDuration#before}).
     */
    public RetentionOutcome apply(List<Snapshots.Entry> group, Clock clock) {
        return new PolicyRun(this, group, clock).run();
    }

    /** restic's {@code ExpirePolicy.String()}, e.g. {@code keep 1 latest, 2 daily snapshots}. */
    public String describe() {
        List<String> keeps = new ArrayList<>();
        if (last > 0) {
            keeps.add(last + " latest");
        }
        counts.forEach((p, n) -> {
            if (n > 0) {
                keeps.add(n + " " + p.label());
            }
        });
        List<String> keepWithin = new ArrayList<>();
        withinEach.forEach((p, d) -> {
            if (!d.isZero()) {
                keepWithin.add(p.label() + " snapshots within " + d);
            }
        });
        String s = keeps.isEmpty() ? "" : String.join(", ", keeps) + " snapshots";
        if (!keepWithin.isEmpty()) {
            s += (s.isEmpty() ? "" : ", ") + String.join(", ", keepWithin);
        }
        if (!keepTags.isEmpty()) {
            s += (s.isEmpty() ? "" : " and ") + "all snapshots with tags " + tagListsToString();
        }
        if (!within.isZero()) {
            s += (s.isEmpty() ? "" : " and ") + "all snapshots within " + within + " of the newest";
        }
        return "keep " + s;
    }

    /** Go's {@code %s} of a {@code []TagList}: {@code [[a, b] [c]]}. */
    private String tagListsToString() {
        List<String> parts = new ArrayList<>();
        keepTags.forEach(l -> parts.add(l.toString()));
        return "[" + String.join(" ", parts) + "]";
    }

    /** Collects the rules; {@link #build} validates them. */
    public static final class Builder {
        private int last;
        private final Map<Period, Integer> counts = new EnumMap<>(Period.class);
        private RetentionDuration within = RetentionDuration.ZERO;
        private final Map<Period, RetentionDuration> withinEach = new EnumMap<>(Period.class);
        private final List<TagList> keepTags = new ArrayList<>();

        private Builder() {
        }

        public Builder last(int n) {
            last = n;
            return this;
        }

        public Builder keep(Period p, int n) {
            counts.put(p, n);
            return this;
        }

        public Builder within(RetentionDuration d) {
            within = d;
            return this;
        }

        public Builder within(Period p, RetentionDuration d) {
            withinEach.put(p, d);
            return this;
        }

        public Builder keepTag(TagList tags) {
            keepTags.add(tags);
            return this;
        }

        public RetentionPolicy build() {
            return new RetentionPolicy(last, counts, within, withinEach, keepTags);
        }
    }
}
