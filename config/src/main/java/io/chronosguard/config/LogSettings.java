package io.chronosguard.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how ChronosGuard logs.
 *
 * @param format        console format; {@code AUTO} is text on a terminal, JSON otherwise
 * @param level         the least severe level written
 * @param file          a log file (JSON lines unless {@code format} is {@code TEXT}), rolled by size
 *                      and day; empty for console only. A relative name lies in {@code log-dir}
 * @param maxSizeBytes  a file is rolled when it reaches this size
 * @param maxHistoryDays rolled files older than this many days are deleted
 * @param totalSizeCapBytes rolled files beyond this total are deleted, oldest first
 */
public record LogSettings(LogFormat format, LogLevel level, Optional<Path> file, long maxSizeBytes,
        int maxHistoryDays, long totalSizeCapBytes) {

    public static final LogSettings DEFAULTS = new LogSettings(LogFormat.AUTO, LogLevel.WARN, Optional.empty(),
            100L << 20, 14, 1L << 30);

    public LogSettings {
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(file, "file");
    }
}
