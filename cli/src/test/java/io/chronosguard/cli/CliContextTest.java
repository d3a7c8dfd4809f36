package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chronosguard.engine.backend.BackendOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CliContextTest {
    @Test
    void backendOptions_flagsAndEnvironment_reachTheDecoratorsAndWarningsGoToStderr() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliContext ctx = new CliContext(Map.of("CHRONOSGUARD_LIMIT_DOWNLOAD", "300", "CHRONOSGUARD_STATE_DIR", "/tmp/cg"),
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        ctx.flag("--limit-upload", "120");
        ctx.flag("--connections", "3");
        ctx.flag("--retries", "4");

        BackendOptions o = ctx.backendOptions();
        assertEquals(120, o.uploadKiBs());
        assertEquals(300, o.downloadKiBs());
        assertEquals(3, o.connections());
        assertEquals(4, o.retry().maxRetries());
        o.warn().accept("retrying save data/ab12cd34 in 1.0s after error: Connection refused, attempt 2");
        assertEquals("chronosguard: warning: retrying save data/ab12cd34 in 1.0s after error: Connection refused,"
                + " attempt 2\n", err.toString(StandardCharsets.UTF_8));
    }
}
