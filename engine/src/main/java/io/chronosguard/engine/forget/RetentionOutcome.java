package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.Snapshots;
import java.util.List;

/**
 * A policy applied to one group. Both lists are newest first; {@code reasons} has one entry
 * per kept snapshot, in the order of {@code keep}.
 */
public record RetentionOutcome(List<Snapshots.Entry> keep, List<Snapshots.Entry> remove, List<KeepReason> reasons) {

    public RetentionOutcome {
        keep = List.copyOf(keep);
        remove = List.copyOf(remove);
        reasons = List.copyOf(reasons);
    }
}
