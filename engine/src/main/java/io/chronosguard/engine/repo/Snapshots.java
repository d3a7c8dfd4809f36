package io.chronosguard.engine.repo;

import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.repo.format.Snapshot;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Lists snapshots and resolves what a user typed: {@code latest}, a full id or a unique prefix. */
public final class Snapshots {
    private Snapshots() {
    }

    /** A snapshot with the id of its file. */
    public record Entry(Id id, Snapshot snapshot) {
    }

    /** All snapshots, oldest first. */
    public static List<Entry> all(Repository repo) {
        List<Entry> out = new ArrayList<>();
        for (Id id : repo.list(FileType.SNAPSHOT)) {
            out.add(new Entry(id, repo.loadSnapshot(id)));
        }
        out.sort(Comparator.comparing((Entry e) -> e.snapshot().parsedTime()).thenComparing(Entry::id));
        return out;
    }

    public static Entry find(Repository repo, String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("no snapshot given (use an id, a unique id prefix, or \"latest\")");
        }
        if (spec.equals("latest")) {
            List<Entry> all = all(repo);
            if (all.isEmpty()) {
                throw new NotFoundException("the repository has no snapshots");
            }
            return all.get(all.size() - 1);
        }
        String prefix = spec.toLowerCase(java.util.Locale.ROOT);
        if (!prefix.chars().allMatch(c -> Character.digit(c, 16) >= 0) || prefix.length() > 64) {
            throw new NotFoundException("no snapshot matches \"" + spec + "\" (not a hex id or prefix)");
        }
        List<Id> matches = new ArrayList<>();
        for (Id id : repo.list(FileType.SNAPSHOT)) {
            if (id.hex().startsWith(prefix)) {
                matches.add(id);
            }
        }
        if (matches.isEmpty()) {
            throw new NotFoundException("no snapshot matches \"" + spec + "\"");
        }
        if (matches.size() > 1) {
            throw new NotFoundException("snapshot prefix \"" + spec + "\" is ambiguous: it matches "
                    + matches.size() + " snapshots; give more characters");
        }
        return new Entry(matches.get(0), repo.loadSnapshot(matches.get(0)));
    }
}
