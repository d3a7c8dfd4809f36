package io.chronosguard.engine.forget;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * What the snapshots of one group share: restic's {@code SnapshotGroupKey}. {@code hostname} is
 * empty and {@code paths}/{@code tags} are {@code null} for fields not grouped by (and for a
 * snapshot without tags), as restic reports them in its JSON. Lists are sorted.
 */
public record GroupKey(String hostname, List<String> paths, List<String> tags) implements Comparable<GroupKey> {
    /** Go's {@code sort.Strings}: by UTF-8 bytes, which differs from UTF-16 {@code compareTo}. */
    public static final Comparator<String> GO_STRING_ORDER = (a, b) ->
            Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private static final Comparator<List<String>> LIST_ORDER = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = GO_STRING_ORDER.compare(a.get(i), b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };
    private static final Comparator<GroupKey> ORDER = Comparator
            .comparing(GroupKey::hostname, GO_STRING_ORDER)
            .thenComparing(GroupKey::paths, Comparator.nullsFirst(LIST_ORDER))
            .thenComparing(GroupKey::tags, Comparator.nullsFirst(LIST_ORDER));

    public GroupKey {
        paths = paths == null ? null : List.copyOf(paths);
        tags = tags == null ? null : List.copyOf(tags);
    }

    /**
     * A fixed order for reports. restic walks its groups in Go's random map order; we sort by
     * host, then paths, then tags.
     */
    @Override
    public int compareTo(GroupKey o) {
        return ORDER.compare(this, o);
    }

    /** restic's group header, e.g. {@code host [vm], paths [/home]}; empty when not grouped. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        if (!hostname.isEmpty()) {
            b.append("host [").append(hostname).append(']');
        }
        if (tags != null) {
            b.append(b.length() > 0 ? ", " : "").append("tags [").append(String.join(", ", tags)).append(']');
        }
        if (paths != null) {
            b.append(b.length() > 0 ? ", " : "").append("paths [").append(String.join(", ", paths)).append(']');
        }
        return b.toString();
    }
}
