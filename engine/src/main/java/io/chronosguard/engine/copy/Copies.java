package io.chronosguard.engine.copy;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.Snapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How restic 0.14's copy tells that a snapshot was already copied: the destination's
 * snapshots are filed under their {@code original} (and their own id, so copying a copy back
 * is noticed too), and one under the source snapshot's original counts as its copy when
 * every field but parent and original is the same ({@code similarSnapshots} in cmd_copy.go).
 */
final class Copies {
    private final Map<Id, List<Snapshots.Entry>> byOriginal = new HashMap<>();

    Copies(List<Snapshots.Entry> destination) {
        destination.forEach(this::add);
    }

    void add(Snapshots.Entry e) {
        String original = e.snapshot().original();
        if (original != null && !original.isEmpty()) {
            byOriginal.computeIfAbsent(Id.parse(original), k -> new ArrayList<>()).add(e);
        }
        byOriginal.computeIfAbsent(e.id(), k -> new ArrayList<>()).add(e);
    }

    /** The destination snapshot that already copies {@code source}, if one does. */
    Optional<Snapshots.Entry> copyOf(Snapshots.Entry source) {
        Id original = originalOf(source);
        for (Snapshots.Entry candidate : byOriginal.getOrDefault(original, List.of())) {
            if (similar(candidate.snapshot(), source.snapshot())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The id a snapshot and all its copies share: its {@code original}, else its own id. */
    static Id originalOf(Snapshots.Entry e) {
        String original = e.snapshot().original();
        return original == null || original.isEmpty() ? e.id() : Id.parse(original);
    }

    /** restic's {@code similarSnapshots}: everything except parent and original matches. */
    static boolean similar(Snapshot a, Snapshot b) {
        return a.parsedTime().toInstant().equals(b.parsedTime().toInstant())
                && Objects.equals(a.tree(), b.tree())
                && Objects.equals(nullToEmpty(a.hostname()), nullToEmpty(b.hostname()))
                && Objects.equals(nullToEmpty(a.username()), nullToEmpty(b.username()))
                && a.uid() == b.uid() && a.gid() == b.gid()
                && a.paths().size() == b.paths().size() && a.paths().containsAll(b.paths())
                && a.tags().size() == b.tags().size() && a.tags().containsAll(b.tags())
                && a.excludes().equals(b.excludes());
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
