package io.chronosguard.engine.repo.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NodeTypeTest {

    @Test
    void fromJson_everyJsonSpelling_roundTrips() {
        for (NodeType t : NodeType.values()) {
            assertEquals(t, NodeType.fromJson(t.json()));
        }
        assertEquals("chardev", NodeType.CHARDEV.json());
        assertEquals("dev", NodeType.DEV.json());
    }

    @Test
    void fromJson_unknownOrWrongCase_throwsNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NodeType.fromJson("whiteout"));
        assertTrue(e.getMessage().contains("\"whiteout\""), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NodeType.fromJson("File"));
        assertThrows(IllegalArgumentException.class, () -> NodeType.fromJson(null));
    }
}
