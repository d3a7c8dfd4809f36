package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.cli.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The old tool's configuration (config.json keys, BACKUP_* variables) drives the CLI. */
class LegacyConfigIT {
    @TempDir
    Path tmp;

    @Test
    void oldConfigJson_backupDestIsTheRepository() throws IOException {
        Path repo = tmp.resolve("repo");
        new Restic(repo).ok("init");
        Path config = Files.writeString(tmp.resolve("config.json"), "{\n  \"port\": 8888,\n  \"max_workers\": 3,\n"
                + "  \"backup_dest\": \"" + repo + "\",\n  \"log_dir\": \"" + tmp.resolve("logs") + "\"\n}");

        Cli.Result r = Cli.withPassword("--config", config.toString(), "snapshots", "--json");

        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertEquals("[]", r.out().strip());
    }

    @Test
    void backupDestVariable_isTheRepository() {
        Path repo = tmp.resolve("repo");
        new Restic(repo).ok("init");

        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD, "BACKUP_DEST", repo.toString()),
                "snapshots", "--json");

        assertEquals(ExitCode.OK, r.exit(), r.err());
        assertEquals("[]", r.out().strip());
    }

    @Test
    void oldConfigJson_badPort_namesTheOldKeyAndLine() throws IOException {
        Path config = Files.writeString(tmp.resolve("config.json"), "{\n  \"port\": 99999\n}");

        Cli.Result r = Cli.withPassword("--config", config.toString(), "-r", tmp.resolve("r").toString(), "snapshots");

        assertEquals(ExitCode.USAGE, r.exit());
        assertTrue(r.err().contains("http.port = \"99999\" (from config file " + config
                + ":2 (old tool's key 'port')): must be a port number 1..65535"), r.err());
    }
}
