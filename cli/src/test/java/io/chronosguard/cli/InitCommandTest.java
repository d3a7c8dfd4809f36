package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class InitCommandTest {
    @Test
    void parseVersion_acceptsResticsNames() {
        assertEquals(1, InitCommand.parseVersion("1"));
        assertEquals(2, InitCommand.parseVersion("2"));
        assertEquals(2, InitCommand.parseVersion("stable"));
        assertEquals(2, InitCommand.parseVersion("LATEST"));
    }

    @Test
    void parseVersion_unknown_isAUsageError() {
        CliException e = assertThrows(CliException.class, () -> InitCommand.parseVersion("3"));
        assertEquals(ExitCode.USAGE, e.exitCode());
    }
}
