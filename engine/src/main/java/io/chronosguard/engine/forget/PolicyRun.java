package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.Snapshots;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * One evaluation of a {@link RetentionPolicy} over one group: a line-by-line port of restic
 * 0.14's {@code ApplyPolicy}, so that the same input keeps the same snapshots for the same
 * reasons. Walks the snapshots newest first; each counting rule keeps a snapshot whenever its
 * bucket differs from the bucket of the last snapshot that rule kept, until its count is used
 * up.
 */
final class PolicyRun {
    /** Go's zero {@code time.Time}: where the search for the newest snapshot starts. */
    private static final OffsetDateTime GO_ZERO_TIME = OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    /** restic's initial "last bucket" value (a real bucket key is never -1 after year 0). */
    private static final long NO_BUCKET = -1;
    private static final Period[] PERIODS = Period.values();

    private record Item(Snapshots.Entry entry, OffsetDateTime time) {
    }

    private final RetentionPolicy policy;
    private final List<Item> list = new ArrayList<>();
    private final Clock clock;
    private Instant withinCutoff;
    private final Instant[] periodCutoff = new Instant[PERIODS.length];
    /** Index 0 is {@code --keep-last} (each snapshot its own bucket), then one per period. */
    private final int[] left = new int[1 + PERIODS.length];
    private final long[] lastKept = new long[1 + PERIODS.length];
    private final long[] lastKeptWithin = new long[PERIODS.length];

    PolicyRun(RetentionPolicy policy, List<Snapshots.Entry> group, Clock clock) {
        this.policy = policy;
        this.clock = clock;
        for (Snapshots.Entry e : group) {
            list.add(new Item(e, e.snapshot().parsedTime()));
        }
        // stable, like Go's sort.Stable: snapshots with equal times keep the caller's order
        list.sort(Comparator.comparing((Item i) -> i.time().toInstant()).reversed());
    }

    RetentionOutcome run() {
        List<Snapshots.Entry> keep = new ArrayList<>();
        List<Snapshots.Entry> remove = new ArrayList<>();
        List<KeepReason> reasons = new ArrayList<>();
        if (policy.isEmpty()) {
            for (Item i : list) {
                keep.add(i.entry());
                reasons.add(new KeepReason(i.entry(), List.of("policy is empty"), KeepReason.Counters.NONE));
            }
            return new RetentionOutcome(keep, remove, reasons);
        }
        if (list.isEmpty()) {
            return new RetentionOutcome(keep, remove, reasons);
        }
        start();
        for (int nr = 0; nr < list.size(); nr++) {
            Item cur = list.get(nr);
            List<String> matches = matches(nr, cur);
            if (matches.isEmpty()) {
                remove.add(cur.entry());
            } else {
                keep.add(cur.entry());
                reasons.add(new KeepReason(cur.entry(), matches,
                        new KeepReason.Counters(left[0], left[1], left[2], left[3], left[4], left[5])));
            }
        }
        return new RetentionOutcome(keep, remove, reasons);
    }

    /** Sets the counters and the duration cutoffs, which count back from the newest snapshot. */
    private void start() {
        OffsetDateTime latest = latest();
        ZoneId local = clock.getZone();
        withinCutoff = policy.within().isZero() ? null : policy.within().before(latest, local);
        left[0] = policy.last();
        for (Period p : PERIODS) {
            RetentionDuration d = policy.within(p);
            periodCutoff[p.ordinal()] = d.isZero() ? null : d.before(latest, local);
            left[1 + p.ordinal()] = policy.count(p);
        }
        Arrays.fill(lastKept, NO_BUCKET);
        Arrays.fill(lastKeptWithin, NO_BUCKET);
    }

    /** The rules that keep the {@code nr}-th newest snapshot, updating their state; in restic's order. */
    private List<String> matches(int nr, Item cur) {
        Instant at = cur.time().toInstant();
        List<String> matches = new ArrayList<>();
        for (TagList l : policy.keepTags()) {
            if (l.matches(cur.entry().snapshot().tags())) {
                matches.add("has tags " + l);
            }
        }
        if (withinCutoff != null && at.isAfter(withinCutoff)) {
            matches.add("within " + policy.within());
        }
        for (int b = 0; b < left.length; b++) {
            if (left[b] > 0) {
                long key = b == 0 ? nr : PERIODS[b - 1].key(cur.time());
                if (key != lastKept[b]) {
                    lastKept[b] = key;
                    left[b]--;
                    matches.add(b == 0 ? "last snapshot" : PERIODS[b - 1].label() + " snapshot");
                }
            }
        }
        for (Period p : PERIODS) {
            Instant cutoff = periodCutoff[p.ordinal()];
            if (cutoff != null && at.isAfter(cutoff)) {
                long key = p.key(cur.time());
                if (key != lastKeptWithin[p.ordinal()]) {
                    lastKeptWithin[p.ordinal()] = key;
                    matches.add(p.label() + " within " + policy.within(p));
                }
            }
        }
        return matches;
    }

    /**
     * The newest snapshot that is not in the future, which durations count back from; Go's
     * zero time when every snapshot is in the future (restic's {@code findLatestTimestamp}).
     */
    private OffsetDateTime latest() {
        Instant now = clock.instant();
        OffsetDateTime latest = GO_ZERO_TIME;
        for (Item i : list) {
            Instant t = i.time().toInstant();
            if (t.isAfter(latest.toInstant()) && t.isBefore(now)) {
                latest = i.time();
            }
        }
        return latest;
    }
}
