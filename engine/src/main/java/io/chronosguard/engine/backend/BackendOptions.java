package io.chronosguard.engine.backend;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What the decorators stacked around every store are set to ({@link BackendStack}).
 *
 * @param uploadKiBs   upload limit in KiB/s ({@code --limit-upload}), 0 for none
 * @param downloadKiBs download limit in KiB/s ({@code --limit-download}), 0 for none
 * @param connections  store calls in flight at most ({@code --connections}); 0 picks the
 *                     store's default: {@value ConnectionLimitBackend#DEFAULT_NETWORK_CONNECTIONS}
 *                     for network stores, no limit for a local folder
 * @param retry        how transient failures are retried
 * @param warn         receives one line per retry (the CLI prints it on stderr)
 */
public record BackendOptions(int uploadKiBs, int downloadKiBs, int connections, RetryPolicy retry,
        Consumer<String> warn) {

    public BackendOptions {
        if (uploadKiBs < 0) {
            throw new IllegalArgumentException("--limit-upload must be at least 0 KiB/s, got " + uploadKiBs);
        }
        if (downloadKiBs < 0) {
            throw new IllegalArgumentException("--limit-download must be at least 0 KiB/s, got " + downloadKiBs);
        }
        if (connections < 0) {
            throw new IllegalArgumentException("--connections must be at least 1 (0 for the default), got "
                    + connections);
        }
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(warn, "warn");
    }

    /** No limits, the default retry policy, warnings to {@code warn}. */
    public static BackendOptions defaults(Consumer<String> warn) {
        return new BackendOptions(0, 0, 0, RetryPolicy.defaults(), warn);
    }
}
