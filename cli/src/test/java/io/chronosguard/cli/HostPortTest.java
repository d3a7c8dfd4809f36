package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HostPortTest {
    @Test
    void parse_hostAndPort_split() {
        assertEquals(new HostPort("127.0.0.1", 2551), HostPort.parse("--bind", "127.0.0.1:2551"));
        assertEquals(new HostPort("::1", 80), HostPort.parse("--http", "::1:80"));
    }

    @Test
    void parse_bad_usageErrorNamingFlagAndValue() {
        for (String bad : new String[] {"2551", "host:", ":2551", "host:x", "host:70000"}) {
            CliException e = assertThrows(CliException.class, () -> HostPort.parse("--seed", bad));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("--seed " + bad + ":"), e.getMessage());
        }
    }
}
