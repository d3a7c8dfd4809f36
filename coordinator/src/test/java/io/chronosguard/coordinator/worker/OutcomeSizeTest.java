package io.chronosguard.coordinator.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.coordinator.protocol.NodeCodec;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeSizeTest {
    /** A file with {@code chunks} content ids (about 67 bytes of JSON each). */
    static Node file(String name, int chunks) {
        OffsetDateTime t = OffsetDateTime.parse("2024-01-01T00:00:00Z");
        List<Id> content = new ArrayList<>();
        for (int i = 0; i < chunks; i++) {
            content.add(Id.hash((name + i).getBytes()));
        }
        return Node.builder(name, NodeType.FILE).mode(0644).mtime(t).atime(t).ctime(t).size(chunks).content(content)
                .build();
    }

    static TaskOutcome outcome(List<Node> leaves) {
        return new TaskOutcome(NodeCodec.encodeAll(leaves), List.of(), List.of(), null, List.of(), leaves.size(), 9, 5,
                List.of());
    }

    @Test
    void splitIfTooLarge_fits_returnsSameOutcome() {
        TaskOutcome o = outcome(List.of(file("a", 10), file("b", 10)));
        assertSame(o, OutcomeSize.splitIfTooLarge(o, OutcomeSize.LIMIT));
    }

    @Test
    void splitIfTooLarge_tooLarge_asksForSplitAtMedianNameAndCountsNoFiles() {
        TaskOutcome o = outcome(List.of(file("a", 100), file("b", 100), file("c", 100), file("d", 100)));
        assertTrue(OutcomeSize.size(o) > 20_000);
        TaskOutcome split = OutcomeSize.splitIfTooLarge(o, 20_000);
        assertEquals(List.of("c"), split.splitPoints());
        assertTrue(NodeCodec.decodeAll(split.leaves()).isEmpty());
        assertEquals(0, split.files());
        assertEquals(5, split.dataAdded(), "the stored bytes still count");
    }

    @Test
    void splitIfTooLarge_singleHugeEntry_failsNamingIt() {
        TaskOutcome o = outcome(List.of(file("huge.bin", 1000)));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> OutcomeSize.splitIfTooLarge(o, 10_000));
        assertTrue(e.getMessage().startsWith("huge.bin has too long a content list"), e.getMessage());
    }
}
