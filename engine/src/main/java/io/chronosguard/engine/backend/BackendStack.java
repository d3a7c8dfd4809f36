package io.chronosguard.engine.backend;

/**
 * The decorators every store gets, in one place, so each command, the node and the web
 * server see the same behaviour whatever the scheme. From the outside in:
 * <ol>
 *   <li>{@link RetryBackend}, outermost, so its waits hold no connection and no bandwidth;</li>
 *   <li>{@link RateLimitedBackend}, when a limit is set, waiting before it takes a connection;</li>
 *   <li>{@link ConnectionLimitBackend}, for network stores (5 by default) or when set;</li>
 *   <li>the store.</li>
 * </ol>
 * Retry applies to local folders too, as in restic: a local failure that is not the file
 * system's answer about a path (an I/O error on a flaky mount) may pass.
 */
public final class BackendStack {
    private BackendStack() {
    }

    /** {@code store} (of scheme {@code scheme}, as {@link Backends#scheme} names it) with its decorators. */
    public static Backend wrap(Backend store, String scheme, BackendOptions o) {
        Backend b = store;
        int connections = o.connections() > 0 ? o.connections()
                : scheme.equals("local") ? 0 : ConnectionLimitBackend.DEFAULT_NETWORK_CONNECTIONS;
        if (connections > 0) {
            b = new ConnectionLimitBackend(b, connections);
        }
        if (o.uploadKiBs() > 0 || o.downloadKiBs() > 0) {
            b = new RateLimitedBackend(b, o.uploadKiBs(), o.downloadKiBs());
        }
        if (o.retry().maxRetries() > 0) {
            b = new RetryBackend(b, o.retry(), o.warn());
        }
        return b;
    }
}
