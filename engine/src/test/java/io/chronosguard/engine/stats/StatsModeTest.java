package io.chronosguard.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class StatsModeTest {
    @Test
    void fromId_resticNames_roundTrip() {
        for (StatsMode m : StatsMode.values()) {
            assertEquals(m, StatsMode.fromId(m.id()));
        }
    }

    @Test
    void fromId_unknown_namesTheKnownModes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StatsMode.fromId("raw"));
        assertEquals("unknown stats mode \"raw\" (use one of restore-size, files-by-contents, blobs-per-file,"
                + " raw-data)", e.getMessage());
    }
}
