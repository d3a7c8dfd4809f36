package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.format.Snapshot;
import java.util.List;

/**
 * Which snapshots a command considers at all (restic's {@code --host}, {@code --tag},
 * {@code --path}): any of the hosts, any of the tag lists (each list all-of), and all of the
 * paths, compared as exact strings. An empty criterion lets everything through.
 */
public record SnapshotFilter(List<String> hosts, List<TagList> tags, List<String> paths) {
    public static final SnapshotFilter ALL = new SnapshotFilter(List.of(), List.of(), List.of());

    public SnapshotFilter {
        hosts = List.copyOf(hosts);
        tags = List.copyOf(tags);
        paths = List.copyOf(paths);
    }

    public boolean isEmpty() {
        return hosts.isEmpty() && tags.isEmpty() && paths.isEmpty();
    }

    public boolean matches(Snapshot s) {
        return (hosts.isEmpty() || hosts.contains(s.hostname() == null ? "" : s.hostname()))
                && TagList.anyMatches(tags, s.tags())
                && s.paths().containsAll(paths);
    }
}
