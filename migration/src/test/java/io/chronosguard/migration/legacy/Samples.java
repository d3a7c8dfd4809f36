package io.chronosguard.migration.legacy;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.ZoneId;

/** The synthetic legacy files of the format notes §11 (local times are America/New_York). */
public final class Samples {
    public static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    public static final String HISTORY = "backup_history.json";
    public static final String RUNNING = "backup_status.running.json";
    public static final String COMPLETED = "backup_status.completed.json";
    public static final String V2 = "backup_status.v2.json";
    public static final String MODULAR = "backup_status.modular.json";

    private Samples() {
    }

    public static Path dir() {
        try {
            return Path.of(Samples.class.getResource("/legacy-samples").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Path file(String name) {
        return dir().resolve(name);
    }
}
