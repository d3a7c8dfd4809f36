package io.chronosguard.engine.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.Snapshot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CopiesTest {
    static final String TREE = "ab".repeat(32);
    static final Id SRC = Id.parse("01".repeat(32));
    static final Id COPY = Id.parse("02".repeat(32));

    private static Snapshot snap(String time, List<String> paths, List<String> tags, String original) {
        return new Snapshot(time, "ee".repeat(32), TREE, paths, "host", "ada", 1000, 1000, List.of("*.tmp"), tags,
                original);
    }

    @Test
    void similar_sameInstantOtherOffsetAndOrder_matches() {
        Snapshot a = snap("2024-05-01T10:00:00.5+02:00", List.of("/a", "/b"), List.of("x", "y"), null);
        Snapshot b = snap("2024-05-01T08:00:00.5Z", List.of("/b", "/a"), List.of("y", "x"), SRC.hex());
        assertTrue(Copies.similar(a, b));
    }

    @Test
    void similar_differentTagsOrTime_doesNotMatch() {
        Snapshot a = snap("2024-05-01T08:00:00Z", List.of("/a"), List.of("x"), null);
        assertFalse(Copies.similar(a, snap("2024-05-01T08:00:00Z", List.of("/a"), List.of("x", "y"), null)));
        assertFalse(Copies.similar(a, snap("2024-05-01T08:00:01Z", List.of("/a"), List.of("x"), null)));
        assertFalse(Copies.similar(a, snap("2024-05-01T08:00:00Z", List.of("/a", "/b"), List.of("x"), null)));
    }

    @Test
    void copyOf_destinationHoldsCopyUnderOriginal_findsIt() {
        Snapshot source = snap("2024-05-01T08:00:00Z", List.of("/a"), List.of(), null);
        Snapshot copy = snap("2024-05-01T08:00:00Z", List.of("/a"), List.of(), SRC.hex());
        Copies copies = new Copies(List.of(new Snapshots.Entry(COPY, copy)));

        assertEquals(Optional.of(COPY), copies.copyOf(new Snapshots.Entry(SRC, source)).map(Snapshots.Entry::id));
        // the copy copied back: it names SRC as its original, which is in the destination itself
        Copies back = new Copies(List.of(new Snapshots.Entry(SRC, source)));
        assertEquals(Optional.of(SRC), back.copyOf(new Snapshots.Entry(COPY, copy)).map(Snapshots.Entry::id));
    }

    @Test
    void copyOf_sameOriginalButChangedFields_isNotACopy() {
        Snapshot source = snap("2024-05-01T08:00:00Z", List.of("/a"), List.of("new"), null);
        Snapshot copy = snap("2024-05-01T08:00:00Z", List.of("/a"), List.of(), SRC.hex());
        Copies copies = new Copies(List.of(new Snapshots.Entry(COPY, copy)));
        assertTrue(copies.copyOf(new Snapshots.Entry(SRC, source)).isEmpty());
    }
}
