package io.chronosguard.engine.forget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** restic's TagList parsing and Snapshot.HasTags / HasTagList. */
class TagListTest {

    @Test
    void parse_splitsAtCommasAndStrips() {
        assertEquals(List.of("a", "b c", ""), TagList.parse(" a , b c ,").tags());
        assertEquals(List.of(""), TagList.parse("").tags());
    }

    @Test
    void matches_needsEveryTagOfTheList() {
        assertTrue(TagList.parse("a,b").matches(List.of("b", "x", "a")));
        assertFalse(TagList.parse("a,b").matches(List.of("a")));
        assertTrue(TagList.parse("a").matches(List.of("a", "b")));
    }

    @Test
    void matches_emptyTag_matchesOnlyUntaggedSnapshots() {
        assertTrue(TagList.parse("").matches(List.of()));
        assertFalse(TagList.parse("").matches(List.of("a")));
        // restic checks in order: the empty tag first matches an untagged snapshot outright
        assertTrue(TagList.of("", "a").matches(List.of()));
        assertFalse(TagList.of("a", "").matches(List.of()));
    }

    @Test
    void anyMatches_listsAreAlternatives_noListsMatchesAll() {
        List<TagList> lists = List.of(TagList.parse("a,b"), TagList.parse("c"));
        assertTrue(TagList.anyMatches(lists, List.of("c")));
        assertTrue(TagList.anyMatches(lists, List.of("a", "b")));
        assertFalse(TagList.anyMatches(lists, List.of("a")));
        assertTrue(TagList.anyMatches(List.of(), List.of("anything")));
    }

    @Test
    void toString_isResticsRendering() {
        assertEquals("[foo, bar]", TagList.parse("foo,bar").toString());
        assertEquals("[]", TagList.parse("").toString());
    }
}
