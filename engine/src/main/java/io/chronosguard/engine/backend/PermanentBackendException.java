package io.chronosguard.engine.backend;

import java.io.IOException;

/**
 * A store failure that trying again cannot fix: bad credentials, access denied, a request the
 * server rejects (HTTP 4xx other than 408 and 429), a bucket that does not exist. Stores throw
 * it (or wrap the cause in it) so {@link RetryBackend} fails at once instead of waiting out
 * its retry window.
 */
public class PermanentBackendException extends IOException {
    private static final long serialVersionUID = 1L;

    public PermanentBackendException(String message) {
        super(message);
    }

    public PermanentBackendException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether an HTTP status means "do not retry": client errors except 408 (request timeout)
     * and 429 (too many requests), which a later attempt may well get past.
     */
    public static boolean isPermanentHttpStatus(int status) {
        return status >= 400 && status < 500 && status != 408 && status != 429;
    }
}
