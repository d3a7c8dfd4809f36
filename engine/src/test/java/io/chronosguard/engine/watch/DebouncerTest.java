package io.chronosguard.engine.watch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DebouncerTest {
    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");
    private static final Duration D = Duration.ofSeconds(60);

    @Test
    void takeDue_beforeTheDelay_isEmpty() {
        Debouncer<String> d = new Debouncer<>();
        d.changed("docs", T0, D);
        assertEquals(List.of(), d.takeDue(T0.plusSeconds(59)));
        assertTrue(d.isPending("docs"));
    }

    @Test
    void takeDue_delayAfterLastChange_isDueOnce() {
        Debouncer<String> d = new Debouncer<>();
        d.changed("docs", T0, D);
        d.changed("docs", T0.plusSeconds(30), D);
        assertEquals(List.of(), d.takeDue(T0.plusSeconds(60)));
        assertEquals(Optional.of(T0.plusSeconds(90)), d.nextDue());
        assertEquals(List.of("docs"), d.takeDue(T0.plusSeconds(90)));
        assertEquals(List.of(), d.takeDue(T0.plusSeconds(200)));
        assertFalse(d.isPending("docs"));
    }

    @Test
    void takeDue_neverQuiet_isDueAfterTheCap() {
        Debouncer<String> d = new Debouncer<>();
        Instant t = T0;
        for (int i = 0; i < 30; i++) {
            d.changed("busy", t, D);
            t = t.plusSeconds(30);
        }
        assertEquals(Optional.of(T0.plus(D.multipliedBy(Debouncer.MAX_DELAYS))), d.nextDue());
        assertEquals(List.of("busy"), d.takeDue(T0.plus(D.multipliedBy(Debouncer.MAX_DELAYS))));
    }

    @Test
    void takeDue_twoKeys_eachOnItsOwnDelay() {
        Debouncer<String> d = new Debouncer<>();
        d.changed("a", T0, Duration.ofSeconds(2));
        d.changed("b", T0, Duration.ofSeconds(10));
        assertEquals(List.of("a"), d.takeDue(T0.plusSeconds(3)));
        assertEquals(List.of("b"), d.takeDue(T0.plusSeconds(10)));
    }
}
