package io.chronosguard.config.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonConfigParserTest {
    private static final String FULL = """
            sources = [
              { name = docs, paths = ["/data/docs"], excludes = ["*.tmp"],
                watch { delay = 2s }, schedule = "*/5 * * * * *",
                retention { keep-last = 3, keep-daily = 7, keep-within = "2d", keep-tags = ["keep"] } }
              { name = "mail", paths = ["/var/mail", "/etc/mail"], watch = true }
            ]
            prune { schedule = "0 30 4 * * *" }
            alerts { webhook { url = "http://127.0.0.1:9/x" } }
            """;

    @Test
    void parse_fullConfig_readsEveryField() {
        DaemonConfig c = DaemonConfigParser.parse(FULL);
        assertEquals(2, c.sources().size());
        Source docs = c.sources().get(0);
        assertEquals("docs", docs.name());
        assertEquals(List.of("/data/docs"), docs.paths());
        assertEquals(List.of("*.tmp"), docs.excludes());
        assertEquals(Duration.ofSeconds(2), docs.watch().delay());
        assertEquals("*/5 * * * * *", docs.schedule());
        assertEquals(new Source.Retention(3, 0, 7, 0, 0, 0, "2d", List.of("keep")), docs.retention());
        assertEquals(Source.DEFAULT_DELAY, c.sources().get(1).watch().delay());
        assertNull(c.sources().get(1).schedule());
        assertEquals("0 30 4 * * *", c.pruneSchedule());
        assertTrue(c.alerts().json().contains("webhook"), c.alerts().json());
    }

    @Test
    void render_parsedConfig_readsBackEqual() {
        DaemonConfig c = DaemonConfigParser.parse(FULL);
        assertEquals(c, DaemonConfigParser.parse(DaemonConfigJson.render(c)));
    }

    @Test
    void parse_badCron_namesTheField() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfigParser.parse(
                "sources = [{ name = a, paths = [\"/a\"] }, { name = b, paths = [\"/b\"], schedule = \"61 * * * *\" }]"));
        assertEquals(1, e.problems().size());
        assertTrue(e.getMessage().startsWith("sources[1].schedule: bad cron expression \"61 * * * *\""),
                e.getMessage());
    }

    @Test
    void parse_manyProblems_reportsEachWithItsPath() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfigParser.parse("""
                sources = [{ name = a, paths = ["rel"], watch { delay = soon }, retention { keep-last = -1 }, x = 1 },
                           { name = a, paths = ["/b"] }]
                prune { schedule = "nope" }
                extra = 1
                """));
        List<String> p = e.problems();
        assertTrue(p.contains("extra: unknown field (expected alerts, prune, sources)"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("sources[0].x: unknown field")), p.toString());
        assertTrue(p.contains("sources[0].paths[0]: \"rel\" is not an absolute path"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("sources[0].watch.delay: \"soon\" is not a duration")),
                p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("sources[0].retention.keep-last: must be a whole number")),
                p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("prune.schedule: bad cron expression \"nope\"")),
                p.toString());
    }

    @Test
    void parse_duplicateName_isRefused() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfigParser.parse(
                "sources = [{ name = a, paths = [\"/a\"] }, { name = a, paths = [\"/b\"] }]"));
        assertEquals(List.of("sources[1].name: \"a\" is used by another source; names must be unique"), e.problems());
    }

    @Test
    void parse_missingPaths_isRefused() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfigParser.parse(
                "{\"sources\": [{\"name\": \"a\"}]}"));
        assertEquals(List.of("sources[0].paths: give at least one absolute path"), e.problems());
    }

    @Test
    void parse_syntaxError_saysSo() {
        DaemonConfigException e = assertThrows(DaemonConfigException.class, () -> DaemonConfigParser.parse("{"));
        assertTrue(e.getMessage().startsWith("syntax error"), e.getMessage());
    }

    @Test
    void parse_watchDisabled_isNotWatched() {
        DaemonConfig c = DaemonConfigParser.parse("sources = [{ name = a, paths = [\"/a\"], watch { enabled = false } }]");
        assertNull(c.sources().get(0).watch());
    }
}
