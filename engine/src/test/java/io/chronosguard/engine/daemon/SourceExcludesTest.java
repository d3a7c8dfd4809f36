package io.chronosguard.engine.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.config.daemon.DaemonConfig;
import io.chronosguard.config.daemon.DaemonConfigException;
import io.chronosguard.config.daemon.DaemonConfigParser;
import org.junit.jupiter.api.Test;

class SourceExcludesTest {
    @Test
    void check_goodPatterns_returnsTheConfig() {
        DaemonConfig c = DaemonConfigParser.parse(
                "{\"sources\": [{\"name\": \"a\", \"paths\": [\"/a\"], \"excludes\": [\"*.tmp\", \"/a/**/cache\"]}]}");
        assertSame(c, SourceExcludes.check(c));
    }

    @Test
    void check_badPattern_namesTheSourcesField() {
        DaemonConfig c = DaemonConfigParser.parse("{\"sources\": [{\"name\": \"a\", \"paths\": [\"/a\"]},"
                + " {\"name\": \"b\", \"paths\": [\"/b\"], \"excludes\": [\"[x\"]}]}");
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> SourceExcludes.check(c));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("sources[1].excludes: invalid exclude pattern \"[x\""),
                e.getMessage());
    }
}
