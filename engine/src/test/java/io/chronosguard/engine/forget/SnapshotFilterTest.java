package io.chronosguard.engine.forget;

import static io.chronosguard.engine.forget.Fixtures.snap;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.repo.format.Snapshot;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

/** restic's HasHostname, HasTagList and HasPaths together. */
class SnapshotFilterTest {
    private static final Snapshot S = snap(0, OffsetDateTime.parse("2024-01-01T00:00:00Z"), "vm",
            List.of("daily", "db"), List.of("/srv", "/home")).snapshot();

    @Test
    void matches_anyHost() {
        assertTrue(new SnapshotFilter(List.of("x", "vm"), List.of(), List.of()).matches(S));
        assertFalse(new SnapshotFilter(List.of("x"), List.of(), List.of()).matches(S));
    }

    @Test
    void matches_anyTagList_eachAllOf() {
        assertTrue(new SnapshotFilter(List.of(), List.of(TagList.parse("nope"), TagList.parse("db,daily")),
                List.of()).matches(S));
        assertFalse(new SnapshotFilter(List.of(), List.of(TagList.parse("db,weekly")), List.of()).matches(S));
    }

    @Test
    void matches_allPathsExactly() {
        assertTrue(new SnapshotFilter(List.of(), List.of(), List.of("/home", "/srv")).matches(S));
        assertFalse(new SnapshotFilter(List.of(), List.of(), List.of("/home", "/etc")).matches(S));
        assertFalse(new SnapshotFilter(List.of(), List.of(), List.of("/home/")).matches(S));
    }

    @Test
    void all_matchesEverything() {
        assertTrue(SnapshotFilter.ALL.matches(S));
        assertTrue(SnapshotFilter.ALL.isEmpty());
    }
}
