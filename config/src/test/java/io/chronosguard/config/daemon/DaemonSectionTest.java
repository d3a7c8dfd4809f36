package io.chronosguard.config.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.config.Machine;
import io.chronosguard.config.Settings;
import io.chronosguard.config.SettingsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code daemon} section of the main settings file: the settings loader leaves it to the daemon parser. */
class DaemonSectionTest {
    @TempDir
    Path dir;

    @Test
    void load_fileWithDaemonSection_settingsAndDaemonBothRead() throws Exception {
        Path f = dir.resolve("chronosguard.conf");
        Files.writeString(f, """
                workers = 3
                daemon {
                  sources = [{ name = docs, paths = ["/d"], watch { delay = 5s } }]
                  prune { schedule = "0 0 4 * * *" }
                }
                """);
        Settings s = SettingsLoader.load(Optional.of(f), Map.of(), Map.of(), new Machine(dir, 4));
        assertEquals(3, s.workers());
        DaemonConfig c = DaemonConfigParser.fromSettingsFile(f).orElseThrow();
        assertEquals("docs", c.sources().get(0).name());
        assertEquals("0 0 4 * * *", c.pruneSchedule());
    }

    @Test
    void fromSettingsFile_badField_namesItUnderDaemon() throws Exception {
        Path f = dir.resolve("chronosguard.conf");
        Files.writeString(f, "daemon { sources = [{ name = docs, paths = [\"rel\"] }] }\n");
        DaemonConfigException e = assertThrows(DaemonConfigException.class,
                () -> DaemonConfigParser.fromSettingsFile(f));
        assertEquals("daemon.sources[0].paths[0]: \"rel\" is not an absolute path", e.getMessage());
    }

    @Test
    void fromSettingsFile_noSection_isEmpty() throws Exception {
        Path f = dir.resolve("chronosguard.json");
        Files.writeString(f, "{\"workers\": 2}");
        assertTrue(DaemonConfigParser.fromSettingsFile(f).isEmpty());
    }
}
