package io.chronosguard.config;

import static io.chronosguard.config.ValueTypes.BOOLEAN;
import static io.chronosguard.config.ValueTypes.HOST;
import static io.chronosguard.config.ValueTypes.JDBC_URL;
import static io.chronosguard.config.ValueTypes.LOCATION;
import static io.chronosguard.config.ValueTypes.PATH;
import static io.chronosguard.config.ValueTypes.SECRET;
import static io.chronosguard.config.ValueTypes.atLeast;
import static io.chronosguard.config.ValueTypes.oneOf;
import static io.chronosguard.config.ValueTypes.wholeNumber;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The table of every setting. Adding one means a declaration here, listing it in {@link #ALL},
 * a component of {@link Settings} and an argument in {@link #toSettings}; the loader, the
 * validation, the unknown-key hints and the messages need no change.
 */
final class SettingKeys {
    static final SettingKey<String> REPOSITORY = SettingKey.of("repository", LOCATION)
            .env("CHRONOSGUARD_REPOSITORY", "BACKUP_DEST").flag("--repo");

    static final SettingKey<Path> PASSWORD_FILE = SettingKey.of("password-file", PATH)
            .env("CHRONOSGUARD_PASSWORD_FILE").flag("--password-file");

    /** Environment only: a flag shows in {@code ps}, and config files are often world-readable. */
    static final SettingKey<Secret> PASSWORD = SettingKey.of("password", SECRET)
            .notInFile().env("CHRONOSGUARD_PASSWORD");

    static final SettingKey<String> HTTP_HOST = SettingKey.of("http.host", HOST)
            .defaultTo("127.0.0.1");

    static final SettingKey<Integer> HTTP_PORT = SettingKey.of("http.port",
                    wholeNumber(1, 65535, "must be a port number 1..65535"))
            .env("CHRONOSGUARD_HTTP_PORT", "BACKUP_PORT").flag("--http-port").defaultTo(8080);

    static final SettingKey<Integer> WORKERS = SettingKey.of("workers", atLeast(1))
            .env("CHRONOSGUARD_WORKERS", "BACKUP_MAX_WORKERS").flag("--workers")
            .defaultFrom((earlier, machine, env) -> machine.processors());

    static final SettingKey<Path> STATE_DIR = SettingKey.of("state-dir", PATH)
            .env("CHRONOSGUARD_STATE_DIR").flag("--state-dir")
            .defaultFrom((earlier, machine, env) -> dataHome(machine, env).resolve("chronosguard"));

    static final SettingKey<Path> LOG_DIR = SettingKey.of("log-dir", PATH)
            .env("CHRONOSGUARD_LOG_DIR", "BACKUP_LOG_DIR").flag("--log-dir")
            .defaultFrom((earlier, machine, env) ->
                    earlier.optional(STATE_DIR).map(dir -> dir.resolve("logs")).orElse(null));

    static final SettingKey<String> CATALOG = SettingKey.of("catalog", JDBC_URL)
            .env("CHRONOSGUARD_CATALOG").flag("--catalog");

    static final SettingKey<Integer> PACK_SIZE = SettingKey.of("pack-size",
                    wholeNumber(4, 128, "must be a size in MiB from 4 to 128"))
            .defaultTo(16);

    static final SettingKey<Compression> COMPRESSION = SettingKey.of("compression", oneOf(Compression.class))
            .flag("--compression").defaultTo(Compression.AUTO);

    static final SettingKey<Integer> LIMIT_UPLOAD = SettingKey.of("limit-upload", kibPerSecond())
            .env("CHRONOSGUARD_LIMIT_UPLOAD").flag("--limit-upload").defaultTo(0);

    static final SettingKey<Integer> LIMIT_DOWNLOAD = SettingKey.of("limit-download", kibPerSecond())
            .env("CHRONOSGUARD_LIMIT_DOWNLOAD").flag("--limit-download").defaultTo(0);

    static final SettingKey<Integer> CONNECTIONS = SettingKey.of("connections",
                    wholeNumber(0, 1024, "must be a number of connections 1..1024 (0: the backend's default)"))
            .env("CHRONOSGUARD_CONNECTIONS").flag("--connections").defaultTo(0);

    static final SettingKey<Integer> RETRIES = SettingKey.of("retries",
                    wholeNumber(0, 100, "must be a number of retries 0..100 (0: never retry)"))
            .env("CHRONOSGUARD_RETRIES").flag("--retries").defaultTo(BackendLimits.DEFAULTS.retries());

    static final SettingKey<Boolean> DEBUG = SettingKey.of("debug", BOOLEAN)
            .notInFile().flag("--debug").defaultTo(false);

    static final SettingKey<Boolean> CLUSTER_TLS_ENABLED = SettingKey.of("cluster.tls.enabled", BOOLEAN)
            .env("CHRONOSGUARD_TLS_ENABLED").defaultTo(false);

    static final SettingKey<Path> CLUSTER_TLS_KEYSTORE = SettingKey.of("cluster.tls.keystore", PATH)
            .env("CHRONOSGUARD_TLS_KEYSTORE");

    /** Environment only, as the repository password: never in argv or a config file. */
    static final SettingKey<Secret> CLUSTER_TLS_KEYSTORE_PASSWORD = SettingKey.of("cluster.tls.keystore-password", SECRET)
            .notInFile().env("CHRONOSGUARD_TLS_KEYSTORE_PASSWORD");

    static final SettingKey<Path> CLUSTER_TLS_TRUSTSTORE = SettingKey.of("cluster.tls.truststore", PATH)
            .env("CHRONOSGUARD_TLS_TRUSTSTORE");

    static final SettingKey<Secret> CLUSTER_TLS_TRUSTSTORE_PASSWORD = SettingKey.of("cluster.tls.truststore-password",
            SECRET).notInFile().env("CHRONOSGUARD_TLS_TRUSTSTORE_PASSWORD");

    /** In resolution order: a default may read only settings listed before it. */
    static final List<SettingKey<?>> ALL = java.util.stream.Stream.of(List.<SettingKey<?>>of(
            REPOSITORY, PASSWORD_FILE, PASSWORD, HTTP_HOST, HTTP_PORT, WORKERS,
            STATE_DIR, LOG_DIR, CATALOG, PACK_SIZE, COMPRESSION,
            LIMIT_UPLOAD, LIMIT_DOWNLOAD, CONNECTIONS, RETRIES, DEBUG,
            CLUSTER_TLS_ENABLED, CLUSTER_TLS_KEYSTORE, CLUSTER_TLS_KEYSTORE_PASSWORD, CLUSTER_TLS_TRUSTSTORE,
            CLUSTER_TLS_TRUSTSTORE_PASSWORD), AlertKeys.ALL, LogKeys.ALL)
            .flatMap(List::stream).toList();

    private static final Map<String, SettingKey<?>> BY_NAME = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(SettingKey::name, Function.identity()));

    /**
     * The old Python tool's {@code config.json} keys (documented in its README as port,
     * max_workers, backup_dest, log_dir — the same settings as its {@code BACKUP_*} variables),
     * accepted as top-level keys of a config file so that file works unchanged.
     */
    private static final Map<String, SettingKey<?>> LEGACY_FILE_NAMES = Map.of(
            "port", HTTP_PORT, "max_workers", WORKERS, "backup_dest", REPOSITORY, "log_dir", LOG_DIR);

    private static final Map<String, SettingKey<?>> BY_FLAG = ALL.stream()
            .filter(k -> k.flag().isPresent())
            .collect(Collectors.toUnmodifiableMap(k -> k.flag().orElseThrow(), Function.identity()));

    private SettingKeys() {
    }

    static Settings toSettings(Values v) {
        return new Settings(
                v.optional(REPOSITORY),
                v.optional(PASSWORD_FILE),
                v.optional(PASSWORD),
                v.get(HTTP_HOST),
                v.get(HTTP_PORT),
                v.get(WORKERS),
                v.get(LOG_DIR),
                v.get(STATE_DIR),
                v.optional(CATALOG),
                v.get(PACK_SIZE),
                v.get(COMPRESSION),
                v.get(DEBUG),
                new BackendLimits(v.get(LIMIT_UPLOAD), v.get(LIMIT_DOWNLOAD), v.get(CONNECTIONS), v.get(RETRIES)),
                AlertKeys.toSettings(v),
                LogKeys.toSettings(v, v.get(LOG_DIR)),
                new ClusterTlsSettings(v.get(CLUSTER_TLS_ENABLED), v.optional(CLUSTER_TLS_KEYSTORE),
                        v.optional(CLUSTER_TLS_KEYSTORE_PASSWORD), v.optional(CLUSTER_TLS_TRUSTSTORE),
                        v.optional(CLUSTER_TLS_TRUSTSTORE_PASSWORD)));
    }

    /** A bandwidth in KiB/s, as restic's --limit-upload takes it; 0 is no limit. */
    private static ValueType<Integer> kibPerSecond() {
        return wholeNumber(0, Integer.MAX_VALUE / 1024, "must be a rate in KiB/s, 0 or more (0: unlimited)");
    }

    static Optional<SettingKey<?>> byName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The setting a legacy config.json key stands for. */
    static Optional<SettingKey<?>> byLegacyName(String name) {
        return Optional.ofNullable(LEGACY_FILE_NAMES.get(name));
    }

    static Optional<SettingKey<?>> byFlag(String flag) {
        return Optional.ofNullable(BY_FLAG.get(flag));
    }

    /** Names a config file may hold, in declaration order. */
    static List<String> fileKeys() {
        return ALL.stream().filter(SettingKey::inFile).map(SettingKey::name).toList();
    }

    static List<String> flags() {
        return ALL.stream().flatMap(k -> k.flag().stream()).toList();
    }

    /** {@code $XDG_DATA_HOME}, or {@code ~/.local/share} when unset or relative (as the XDG spec says). */
    private static Path dataHome(Machine machine, Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isEmpty()) {
            try {
                Path p = Path.of(xdg);
                if (p.isAbsolute()) {
                    return p;
                }
            } catch (InvalidPathException e) {
                // fall through: the spec says to ignore an unusable value
            }
        }
        return machine.home().resolve(".local").resolve("share");
    }
}
