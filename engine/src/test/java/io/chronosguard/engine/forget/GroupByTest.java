package io.chronosguard.engine.forget;

import static io.chronosguard.engine.forget.Fixtures.snap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.repo.format.Snapshot;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** restic's --group-by parsing and SnapshotGroupKey. */
class GroupByTest {
    private static final Snapshot S = snap(0, OffsetDateTime.parse("2024-01-01T00:00:00Z"), "vm",
            List.of("z", "a"), List.of("/srv", "/home")).snapshot();

    @Test
    void parse_acceptsResticsWords() {
        assertEquals(GroupBy.DEFAULT, GroupBy.parse("host,paths"));
        assertEquals(new GroupBy(true, true, true), GroupBy.parse("hosts,path,tag"));
        assertEquals(GroupBy.NONE, GroupBy.parse(""));
        assertEquals(new GroupBy(false, false, true), GroupBy.parse(",tags,"));
    }

    @Test
    void parse_unknownOrPadded_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> GroupBy.parse("host, paths"));
        assertTrue(e.getMessage().startsWith("unknown grouping option: ' paths'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GroupBy.parse("user"));
    }

    @Test
    void keyOf_fillsOnlyGroupedFields_withSortedLists() {
        assertEquals(new GroupKey("vm", List.of("/home", "/srv"), null), GroupBy.DEFAULT.keyOf(S));
        assertEquals(new GroupKey("", null, List.of("a", "z")), GroupBy.parse("tags").keyOf(S));
        assertEquals(new GroupKey("", null, null), GroupBy.NONE.keyOf(S));
    }

    @Test
    void keyOf_untaggedSnapshotGroupedByTags_hasNullTags() {
        Snapshot untagged = snap(1, OffsetDateTime.parse("2024-01-01T00:00:00Z"), "vm", List.of(), List.of("/a"))
                .snapshot();
        assertEquals(new GroupKey("", null, null), GroupBy.parse("tags").keyOf(untagged));
    }

    @Test
    void describe_namesGroupedFields() {
        assertEquals("host [vm], tags [a, z], paths [/home, /srv]", new GroupBy(true, true, true).keyOf(S).describe());
        assertEquals("", GroupBy.NONE.keyOf(S).describe());
    }

    @Test
    void keySort_comparesUtf8BytesLikeGo() {
        // U+FF41 (EF BD 81) sorts before U+1F600 (F0 9F 98 80) in Go, after it in UTF-16
        GroupKey fullwidth = new GroupKey("\uFF41", null, null);
        GroupKey emoji = new GroupKey("\uD83D\uDE00", null, null);
        assertTrue(fullwidth.compareTo(emoji) < 0);
    }
}
