package io.chronosguard.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.config.daemon.Source;
import io.chronosguard.engine.forget.Period;
import io.chronosguard.engine.forget.RetentionDuration;
import io.chronosguard.engine.forget.RetentionPolicy;
import io.chronosguard.engine.forget.TagList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceRetentionTest {
    @Test
    void policy_everyRule_mapsToForgetsRule() {
        RetentionPolicy p = SourceRetention.policy(new Source.Retention(3, 24, 7, 4, 12, 2, "1y6m", List.of("a,b",
                "keep")));
        assertEquals(3, p.last());
        assertEquals(24, p.count(Period.HOURLY));
        assertEquals(7, p.count(Period.DAILY));
        assertEquals(4, p.count(Period.WEEKLY));
        assertEquals(12, p.count(Period.MONTHLY));
        assertEquals(2, p.count(Period.YEARLY));
        assertEquals(new RetentionDuration(1, 6, 0, 0), p.within());
        assertEquals(List.of(TagList.of("a", "b"), TagList.of("keep")), p.keepTags());
        assertEquals("keep 3 latest, 24 hourly, 7 daily, 4 weekly, 12 monthly, 2 yearly snapshots and all snapshots"
                + " with tags [[a, b] [keep]] and all snapshots within 1y6m of the newest", p.describe());
    }

    @Test
    void policy_noRules_isEmptySoNothingIsRemoved() {
        assertTrue(SourceRetention.policy(new Source.Retention(0, 0, 0, 0, 0, 0, null, List.of())).isEmpty());
    }
}
