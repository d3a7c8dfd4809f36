package io.chronosguard.engine.forget;

import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --tag} or {@code --keep-tag} value: tags that must <em>all</em> be present. Several
 * lists given for one purpose are alternatives (any one may match). Semantics of restic 0.14's
 * {@code TagList} and {@code Snapshot.HasTags}, including that the empty tag matches a snapshot
 * without tags.
 */
public record TagList(List<String> tags) {

    public TagList {
        tags = List.copyOf(tags);
    }

    public static TagList of(String... tags) {
        return new TagList(List.of(tags));
    }

    /** Splits at commas and strips white space around each tag, as restic does. */
    public static TagList parse(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.split(",", -1)) {
            out.add(t.strip());
        }
        return new TagList(out);
    }

    /**
     * Whether a snapshot with {@code snapshotTags} carries every tag of this list. Checked in
     * order like restic: an empty tag met while the snapshot has no tags matches at once.
     */
    public boolean matches(List<String> snapshotTags) {
        for (String tag : tags) {
            if (tag.isEmpty() && snapshotTags.isEmpty()) {
                return true;
            }
            if (!snapshotTags.contains(tag)) {
                return false;
            }
        }
        return true;
    }

    /** True when {@code lists} is empty or any list in it matches (restic's {@code HasTagList}). */
    public static boolean anyMatches(List<TagList> lists, List<String> snapshotTags) {
        return lists.isEmpty() || lists.stream().anyMatch(l -> l.matches(snapshotTags));
    }

    /** restic's rendering, used in keep reasons: {@code [foo, bar]}. */
    @Override
    public String toString() {
        return "[" + String.join(", ", tags) + "]";
    }
}
