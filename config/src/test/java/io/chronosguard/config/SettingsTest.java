package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void toString_passwordSet_showsOnlyStars() {
        Settings s = settings(Optional.of(Secret.of("correct horse battery staple")));

        assertFalse(s.toString().contains("correct horse"), s.toString());
        assertTrue(s.toString().contains("password=Optional[***]"), s.toString());
    }

    @Test
    void packSizeBytes_sixteenMiB_isSixteenTimesTwoToTheTwenty() {
        assertEquals(16L * 1024 * 1024, settings(Optional.empty()).packSizeBytes());
    }

    @Test
    void constructor_nullComponent_throws() {
        assertThrows(NullPointerException.class, () -> new Settings(Optional.empty(), Optional.empty(),
                Optional.empty(), null, 8080, 1, Path.of("l"), Path.of("s"), Optional.empty(), 16,
                Compression.AUTO, false));
    }

    private static Settings settings(Optional<Secret> password) {
        return new Settings(Optional.of("/repo"), Optional.empty(), password, "127.0.0.1", 8080, 2,
                Path.of("/state/logs"), Path.of("/state"), Optional.empty(), 16, Compression.AUTO, false);
    }
}
