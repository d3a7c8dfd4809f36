package io.chronosguard.engine.forget;

import io.chronosguard.engine.repo.format.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Which snapshot fields split snapshots into groups that a policy is applied to separately:
 * restic's {@code --group-by}, default {@code host,paths}; {@code ""} puts all in one group.
 */
public record GroupBy(boolean host, boolean paths, boolean tags) {
    public static final GroupBy DEFAULT = new GroupBy(true, true, false);
    public static final GroupBy NONE = new GroupBy(false, false, false);

    /**
     * Parses a comma-separated list of {@code host}, {@code paths} and {@code tags} (singular
     * forms too; empty items ignored), exactly as restic 0.14 does: no white space trimming.
     */
    public static GroupBy parse(String text) {
        boolean host = false;
        boolean paths = false;
        boolean tags = false;
        for (String option : text.split(",", -1)) {
            switch (option) {
                case "host", "hosts" -> host = true;
                case "path", "paths" -> paths = true;
                case "tag", "tags" -> tags = true;
                case "" -> {
                }
                default -> throw new IllegalArgumentException("unknown grouping option: '" + option
                        + "' (group by host, paths and/or tags, separated by commas, or '' for no grouping)");
            }
        }
        return new GroupBy(host, paths, tags);
    }

    /** The group {@code s} belongs to; fields not grouped by are blank or absent. */
    public GroupKey keyOf(Snapshot s) {
        return new GroupKey(host && s.hostname() != null ? s.hostname() : "",
                paths ? sortedOrNull(s.paths()) : null,
                tags ? sortedOrNull(s.tags()) : null);
    }

    private static List<String> sortedOrNull(List<String> values) {
        if (values.isEmpty()) {
            return null; // restic's key holds the snapshot's nil slice, printed as null
        }
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(GroupKey.GO_STRING_ORDER);
        return List.copyOf(sorted);
    }

    public boolean any() {
        return host || paths || tags;
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        if (host) {
            parts.add("host");
        }
        if (paths) {
            parts.add("paths");
        }
        if (tags) {
            parts.add("tags");
        }
        return String.join(",", parts);
    }
}
