package io.chronosguard.engine.daemon;

import io.chronosguard.config.daemon.DaemonConfig;
import io.chronosguard.config.daemon.DaemonConfigException;
import io.chronosguard.engine.archiver.Excluder;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the sources' exclude patterns as the workers will compile them, so a bad one is
 * refused when the configuration is read or pushed, naming its field, instead of failing
 * every run of its source later. (The config module parses the document but knows nothing
 * of restic's pattern rules.)
 */
public final class SourceExcludes {
    private SourceExcludes() {
    }

    /** @throws DaemonConfigException with a {@code sources[i].excludes: ...} line per bad source */
    public static DaemonConfig check(DaemonConfig c) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < c.sources().size(); i++) {
            try {
                new Excluder(c.sources().get(i).excludes(), false, false);
            } catch (IllegalArgumentException e) {
                problems.add("sources[" + i + "].excludes: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new DaemonConfigException(problems);
        }
        return c;
    }
}
