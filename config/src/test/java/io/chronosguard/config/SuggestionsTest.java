package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SuggestionsTest {
    private static final List<String> KEYS = List.of("repository", "http.host", "http.port", "workers", "log-dir",
            "state-dir", "pack-size");

    @Test
    void distance_swapOfNeighbours_countsOne() {
        assertEquals(1, Suggestions.distance("wokrers", "workers"));
        assertEquals(1, Suggestions.distance("worker", "workers"));
        assertEquals(0, Suggestions.distance("", ""));
        assertEquals(3, Suggestions.distance("abc", ""));
    }

    @Test
    void closest_typos_suggestsKey() {
        assertEquals(Optional.of("workers"), Suggestions.closest("wrokers", KEYS));
        assertEquals(Optional.of("http.port"), Suggestions.closest("http.prot", KEYS));
        assertEquals(Optional.of("pack-size"), Suggestions.closest("PACK_SIZE", KEYS));
    }

    @Test
    void closest_sameLastPart_suggestsKey() {
        assertEquals(Optional.of("http.port"), Suggestions.closest("port", KEYS));
        assertEquals(Optional.of("http.port"), Suggestions.closest("server.port", KEYS));
        assertEquals(Optional.of("workers"), Suggestions.closest("max_workers", KEYS));
    }

    @Test
    void closest_nothingNear_empty() {
        assertEquals(Optional.empty(), Suggestions.closest("retention", KEYS));
        assertEquals("", Suggestions.hint("retention", KEYS));
    }

    @Test
    void looksSecret_passwordLikeNames_true() {
        assertTrue(Suggestions.looksSecret("pasword"));
        assertTrue(Suggestions.looksSecret("--passwd"));
        assertTrue(Suggestions.looksSecret("repo.secret"));
        assertFalse(Suggestions.looksSecret("workers"));
    }
}
