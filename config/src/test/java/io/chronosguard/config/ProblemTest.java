package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ProblemTest {

    @Test
    void describe_keyValueAndOrigin_formatsOneLine() {
        Problem p = new Problem("http.port", "99999", "environment variable BACKUP_PORT",
                "must be a port number 1..65535");

        assertEquals("http.port = \"99999\" (from environment variable BACKUP_PORT): must be a port number 1..65535",
                p.describe());
        assertEquals(p.describe(), p.toString());
    }

    @Test
    void describe_noKey_startsWithOrigin() {
        assertEquals("config file /etc/cg.conf: does not exist",
                new Problem(null, null, "config file /etc/cg.conf", "does not exist").describe());
    }

    @Test
    void describe_noValue_omitsIt() {
        assertEquals("workers (from default): must be at least 1",
                new Problem("workers", null, "default", "must be at least 1").describe());
    }

    @Test
    void describe_valueWithQuotesAndNewline_staysOneLine() {
        Problem p = new Problem("repository", "a\"b\nc\\d", "flag --repo", "bad\nmessage");

        assertEquals("repository = \"a\\\"b\\nc\\\\d\" (from flag --repo): bad message", p.describe());
    }

    @Test
    void describe_longValue_truncated() {
        String shown = new Problem("repository", "x".repeat(500), "flag --repo", "m").describe();

        assertEquals("repository = \"" + "x".repeat(100) + "...\" (from flag --repo): m", shown);
    }

    @Test
    void constructor_noOrigin_throws() {
        assertThrows(NullPointerException.class, () -> new Problem("k", "v", null, "m"));
    }
}
