package io.chronosguard.config.daemon;

import java.time.Duration;
import java.util.List;

/**
 * One thing the daemon backs up.
 *
 * @param paths     absolute paths, backed up together as one snapshot
 * @param excludes  restic exclude patterns: left out of the backup, and a change under them starts none
 * @param watch     back up {@code watch.delay()} after the last change, or null to not watch
 * @param schedule  a cron expression ({@link CronSchedule}), or null for none
 * @param retention applied after each run of this source, or null to keep everything
 */
public record Source(String name, List<String> paths, List<String> excludes, Watch watch, String schedule,
        Retention retention) {
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(60);

    public Source {
        paths = List.copyOf(paths);
        excludes = List.copyOf(excludes);
    }

    /** @param delay how long the tree must be quiet before the backup starts */
    public record Watch(Duration delay) {
    }

    /**
     * restic's {@code forget --keep-*} rules for this source's snapshots (grouped by host and
     * paths).
     *
     * @param within restic's duration text ({@code 2d12h}), or null
     */
    public record Retention(int last, int hourly, int daily, int weekly, int monthly, int yearly, String within,
            List<String> tags) {
        public Retention {
            tags = List.copyOf(tags);
        }
    }
}
