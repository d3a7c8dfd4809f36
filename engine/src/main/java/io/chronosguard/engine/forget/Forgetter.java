package io.chronosguard.engine.forget;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Runs {@code forget} against a repository: loads the snapshots, plans with
 * {@link ForgetPlanner}, and deletes the snapshot files of a plan. Only snapshot files are
 * removed; the data they referenced stays until a prune. The caller holds the repository
 * lock (exclusive to delete).
 */
public final class Forgetter {
    private final Repository repo;
    private final Clock clock;
    private final ForgetListener listener;

    public Forgetter(Repository repo, Clock clock, ForgetListener listener) {
        this.repo = repo;
        this.clock = clock;
        this.listener = listener;
    }

    /** Applies {@code policy} to the snapshots that pass {@code filter}, grouped by {@code groupBy}. */
    public ForgetPlan planByPolicy(SnapshotFilter filter, GroupBy groupBy, RetentionPolicy policy) {
        List<Snapshots.Entry> all = policy.isEmpty() ? List.of() : loadReadable();
        return ForgetPlanner.byPolicy(all, filter, groupBy, policy, clock);
    }

    /**
     * Resolves snapshots named by id, unique id prefix or {@code latest}. The filter applies
     * only to {@code latest} (restic warns that it is ignored otherwise; so do we, through the
     * listener). Names that match nothing, match several snapshots or cannot be loaded are
     * reported and skipped, as restic 0.14 does.
     */
    public ForgetPlan planByIds(List<String> specs, SnapshotFilter filter) {
        List<Id> ids = repo.list(FileType.SNAPSHOT);
        boolean latestUsed = specs.contains("latest");
        if (!latestUsed && !filter.isEmpty()) {
            listener.filtersIgnored();
        }
        List<Snapshots.Entry> all = latestUsed ? loadReadable() : List.of();
        SnapshotFilter latestFilter = new SnapshotFilter(filter.hosts(), filter.tags(), absolute(filter.paths()));
        Set<Id> found = new LinkedHashSet<>();
        for (String spec : specs) {
            if (spec.equals("latest")) {
                Optional<Snapshots.Entry> latest = ForgetPlanner.latest(all, latestFilter);
                latest.ifPresentOrElse(e -> found.add(e.id()), () -> listener.specIgnored(spec,
                        "no snapshot matches the given filter (hosts " + filter.hosts() + ", tags " + filter.tags()
                                + ", paths " + filter.paths() + ")"));
            } else {
                byPrefix(spec, ids).ifPresent(found::add);
            }
        }
        List<Snapshots.Entry> named = new ArrayList<>();
        for (Id id : found) {
            try {
                named.add(new Snapshots.Entry(id, repo.loadSnapshot(id)));
            } catch (EngineException e) {
                listener.specIgnored(id.hex(), "cannot load the snapshot: " + e.getMessage());
            }
        }
        return ForgetPlan.explicit(named);
    }

    /** Like restic's {@code Find}: case-sensitive prefix of the file name, which must be unique. */
    private Optional<Id> byPrefix(String spec, List<Id> ids) {
        List<Id> matches = ids.stream().filter(id -> id.hex().startsWith(spec)).toList();
        if (matches.size() == 1) {
            return Optional.of(matches.get(0));
        }
        listener.specIgnored(spec, matches.isEmpty() ? "no snapshot id starts with \"" + spec + "\""
                : matches.size() + " snapshot ids start with \"" + spec + "\"; give more characters");
        return Optional.empty();
    }

    /** restic makes {@code latest}'s path targets absolute and clean before comparing. */
    private static List<String> absolute(List<String> paths) {
        return paths.stream().map(p -> Path.of(p).toAbsolutePath().normalize().toString()).toList();
    }

    /**
     * Deletes the snapshot files of {@code plan}, in id order, and returns their ids. A file
     * already gone counts as removed. Stops at the first failure, like restic.
     */
    public List<Id> remove(ForgetPlan plan) {
        List<Id> removed = new ArrayList<>();
        List<Id> targets = plan.toRemove();
        for (Id id : targets) {
            try {
                repo.backend().remove(FileType.SNAPSHOT, id.hex());
            } catch (NoSuchFileException e) {
                // removed meanwhile: the goal is reached either way
            } catch (IOException e) {
                throw new BackendIOException("cannot remove snapshot " + id.hex() + " (" + removed.size() + " of "
                        + targets.size() + " snapshots were removed before): " + e.getMessage(), e);
            }
            removed.add(id);
            listener.removed(id);
        }
        return removed;
    }

    /** Every snapshot that can be read; the others are reported and left out, as restic does. */
    private List<Snapshots.Entry> loadReadable() {
        List<Snapshots.Entry> out = new ArrayList<>();
        for (Id id : repo.list(FileType.SNAPSHOT)) {
            try {
                out.add(new Snapshots.Entry(id, repo.loadSnapshot(id)));
            } catch (EngineException e) {
                listener.snapshotUnreadable(id, e.getMessage());
            }
        }
        return out;
    }
}
