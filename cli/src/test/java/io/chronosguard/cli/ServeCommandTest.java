package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ServeCommandTest {
    @Test
    void hostPort_forms_parse() {
        assertEquals(new ServeCommand.HostPort("0.0.0.0", 8080), ServeCommand.HostPort.parse("0.0.0.0:8080"));
        assertEquals(new ServeCommand.HostPort("::1", 9000), ServeCommand.HostPort.parse("[::1]:9000"));
        assertEquals(new ServeCommand.HostPort("127.0.0.1", 9000), ServeCommand.HostPort.parse("9000"));
        assertEquals("[::1]:9000", ServeCommand.HostPort.parse("[::1]:9000").toString());
    }

    @Test
    void hostPort_badPortOrHost_isAUsageErrorQuotingTheValue() {
        for (String bad : new String[] {"host:", "host:70000", "host:-1", ":8080", "host:http"}) {
            CliException e = assertThrows(CliException.class, () -> ServeCommand.HostPort.parse(bad));
            assertEquals(ExitCode.USAGE, e.exitCode());
            assertEquals("--http: expected HOST:PORT with a port 0..65535, got \"" + bad + "\"", e.getMessage());
        }
    }
}
