package io.chronosguard.coordinator.daemon;

import io.chronosguard.config.daemon.DaemonConfig;

/**
 * A daemon configuration and its version: the epoch milliseconds of the push that set it
 * (1 for a config file's, 0 for none), the newest winning across the cluster.
 */
public record Versioned(long version, DaemonConfig config) {
    public static final Versioned NONE = new Versioned(0, DaemonConfig.empty());
}
