package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.config.LogFormat;
import io.chronosguard.config.LogLevel;
import io.chronosguard.config.LogSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class LoggingTest {
    @TempDir
    Path dir;

    /** Back to logback.xml, so other tests in this JVM log as before. */
    @AfterEach
    void reset() throws Exception {
        LoggerContext lc = (LoggerContext) LoggerFactory.getILoggerFactory();
        lc.reset();
        new ContextInitializer(lc).autoConfig();
    }

    @Test
    void apply_jsonFile_everyLineParsesWithTheStandardFields() throws Exception {
        Path file = dir.resolve("logs/node.log");
        Logging.apply(new LogSettings(LogFormat.JSON, LogLevel.INFO, Optional.of(file), 10 << 20, 3, 100 << 20),
                false, false);

        org.slf4j.Logger log = LoggerFactory.getLogger("io.chronosguard.test.LoggingTest");
        log.info("first \"quoted\" line\nwith a newline");
        log.warn("second", new IllegalStateException("boom"));
        log.debug("not written at info level");

        List<String> lines = Files.readAllLines(file);
        assertEquals(2, lines.size(), lines.toString());
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertEquals("first \"quoted\" line\nwith a newline", first.get("message").asText());
        assertEquals("INFO", first.get("level").asText());
        assertEquals("io.chronosguard.test.LoggingTest", first.get("logger").asText());
        assertTrue(first.hasNonNull("timestamp"), lines.get(0));
        assertFalse(first.has("@version"), lines.get(0));
        JsonNode second = json.readTree(lines.get(1));
        assertEquals("WARN", second.get("level").asText());
        assertTrue(second.get("stack_trace").asText().contains("boom"), lines.get(1));
    }

    @Test
    void apply_textFile_patternLines() throws Exception {
        Path file = dir.resolve("node.log");
        Logging.apply(new LogSettings(LogFormat.TEXT, LogLevel.WARN, Optional.of(file), 10 << 20, 3, 100 << 20),
                false, true);

        LoggerFactory.getLogger("io.chronosguard.test.LoggingTest").warn("plain line");

        String text = Files.readString(file);
        assertTrue(text.matches("(?s)\\d{4}-\\d\\d-\\d\\dT\\S+ WARN  \\[.*\\] io\\.chronosguard\\.test\\.LoggingTest"
                + " - plain line\\n"), text);
    }

    @Test
    void json_auto_textOnATerminalOnly() {
        assertFalse(Logging.json(LogFormat.AUTO, true));
        assertTrue(Logging.json(LogFormat.AUTO, false));
        assertFalse(Logging.json(LogFormat.TEXT, false));
        assertTrue(Logging.json(LogFormat.JSON, true));
    }
}
