package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.Snapshots;
import java.util.List;

/**
 * Why a snapshot is kept: the rules that matched it, in restic's words ({@code last snapshot},
 * {@code daily snapshot}, {@code within 2d}, {@code has tags [foo]}, {@code daily within 7d},
 * {@code policy is empty}), and how many snapshots each counting rule may still keep afterwards.
 */
public record KeepReason(Snapshots.Entry snapshot, List<String> matches, Counters counters) {

    public KeepReason {
        matches = List.copyOf(matches);
    }

    /** The remaining counts of the counting rules after this snapshot was evaluated. */
    public record Counters(int last, int hourly, int daily, int weekly, int monthly, int yearly) {
        public static final Counters NONE = new Counters(0, 0, 0, 0, 0, 0);
    }
}
