package io.chronosguard.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Every setting ChronosGuard runs with, typed and validated; built by {@link SettingsLoader}.
 * Optional settings are empty when no layer set them. The password prints as {@code ***}.
 *
 * @param repository   where the repository lives (a local path for now), {@code ~/} expanded
 * @param passwordFile a file holding the repository password
 * @param password     the repository password, only ever from {@code CHRONOSGUARD_PASSWORD}
 * @param httpHost     address the dashboard listens on
 * @param httpPort     port the dashboard listens on, 1..65535
 * @param workers      parallel workers on this node, at least 1
 * @param logDir       directory for log files
 * @param stateDir     directory for local state (catalog, caches)
 * @param catalogUrl   JDBC URL of the history catalog; empty means SQLite in {@code stateDir}
 * @param packSizeMiB  target pack file size in MiB, 4..128
 * @param compression  how pack contents are compressed
 * @param debug        verbose logging
 * @param backend      bandwidth, connection and retry limits of the repository's store
 * @param alerts       where alerts go and what raises them
 * @param log          log format, level and file
 * @param clusterTls   TLS between cluster nodes ({@code cluster.tls.*})
 */
public record Settings(
        Optional<String> repository,
        Optional<Path> passwordFile,
        Optional<Secret> password,
        String httpHost,
        int httpPort,
        int workers,
        Path logDir,
        Path stateDir,
        Optional<String> catalogUrl,
        int packSizeMiB,
        Compression compression,
        boolean debug,
        BackendLimits backend,
        AlertSettings alerts,
        LogSettings log,
        ClusterTlsSettings clusterTls) {

    /** Settings with the default backend limits, without alerts, with the default logging, without cluster TLS. */
    public Settings(Optional<String> repository, Optional<Path> passwordFile, Optional<Secret> password,
            String httpHost, int httpPort, int workers, Path logDir, Path stateDir, Optional<String> catalogUrl,
            int packSizeMiB, Compression compression, boolean debug) {
        this(repository, passwordFile, password, httpHost, httpPort, workers, logDir, stateDir, catalogUrl,
                packSizeMiB, compression, debug, BackendLimits.DEFAULTS, AlertSettings.NONE, LogSettings.DEFAULTS,
                ClusterTlsSettings.OFF);
    }

    public Settings {
        Objects.requireNonNull(repository, "repository");
        Objects.requireNonNull(passwordFile, "passwordFile");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(logDir, "logDir");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(catalogUrl, "catalogUrl");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(log, "log");
        Objects.requireNonNull(clusterTls, "clusterTls");
    }

    public long packSizeBytes() {
        return packSizeMiB * 1024L * 1024L;
    }
}
