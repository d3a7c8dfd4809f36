package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SettingKeysTest {

    @Test
    void all_everyEnvList_putsChronosguardNamesBeforeLegacyOnes() {
        for (SettingKey<?> key : SettingKeys.ALL) {
            List<String> names = key.envNames();
            int firstLegacy = names.stream().filter(n -> !n.startsWith("CHRONOSGUARD_")).findFirst()
                    .map(names::indexOf).orElse(names.size());
            assertTrue(names.subList(firstLegacy, names.size()).stream().noneMatch(n -> n.startsWith("CHRONOSGUARD_")),
                    key.name() + ": " + names);
        }
    }

    @Test
    void all_namesFlagsAndEnvNames_areUnique() {
        Set<String> seen = new HashSet<>();
        for (SettingKey<?> key : SettingKeys.ALL) {
            assertTrue(seen.add(key.name()), key.name());
            key.flag().ifPresent(f -> assertTrue(seen.add(f), f));
            key.envNames().forEach(e -> assertTrue(seen.add(e), e));
        }
    }

    @Test
    void password_neitherFileKeyNorFlag() {
        assertFalse(SettingKeys.PASSWORD.inFile());
        assertTrue(SettingKeys.PASSWORD.flag().isEmpty());
        assertEquals("***", SettingKeys.PASSWORD.shown("hunter2"));
    }

    @Test
    void settableFrom_severalWays_listsThemAll() {
        assertEquals("config file key 'workers', environment variable CHRONOSGUARD_WORKERS, "
                + "environment variable BACKUP_MAX_WORKERS or flag --workers", SettingKeys.WORKERS.settableFrom());
    }
}
