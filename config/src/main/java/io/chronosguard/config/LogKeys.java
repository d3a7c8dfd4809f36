package io.chronosguard.config;

import static io.chronosguard.config.Quantities.SIZE;
import static io.chronosguard.config.ValueTypes.PATH;
import static io.chronosguard.config.ValueTypes.atLeast;
import static io.chronosguard.config.ValueTypes.oneOf;

import java.nio.file.Path;
import java.util.List;

/** The {@code log.*} settings. */
final class LogKeys {
    static final SettingKey<LogFormat> FORMAT = SettingKey.of("log.format", oneOf(LogFormat.class))
            .env("CHRONOSGUARD_LOG_FORMAT").defaultTo(LogFormat.AUTO);
    static final SettingKey<LogLevel> LEVEL = SettingKey.of("log.level", oneOf(LogLevel.class))
            .env("CHRONOSGUARD_LOG_LEVEL").defaultTo(LogLevel.WARN);
    static final SettingKey<Path> FILE = SettingKey.of("log.file", PATH).env("CHRONOSGUARD_LOG_FILE");
    static final SettingKey<Long> MAX_SIZE = SettingKey.of("log.max-size", SIZE).defaultTo(100L << 20);
    static final SettingKey<Integer> MAX_HISTORY = SettingKey.of("log.max-history", atLeast(1)).defaultTo(14);
    static final SettingKey<Long> TOTAL_SIZE_CAP = SettingKey.of("log.total-size-cap", SIZE).defaultTo(1L << 30);

    static final List<SettingKey<?>> ALL = List.of(FORMAT, LEVEL, FILE, MAX_SIZE, MAX_HISTORY, TOTAL_SIZE_CAP);

    private LogKeys() {
    }

    /** A relative {@code log.file} lies in {@code logDir}. */
    static LogSettings toSettings(Values v, Path logDir) {
        return new LogSettings(v.get(FORMAT), v.get(LEVEL), v.optional(FILE).map(logDir::resolve), v.get(MAX_SIZE),
                v.get(MAX_HISTORY), v.get(TOTAL_SIZE_CAP));
    }
}
