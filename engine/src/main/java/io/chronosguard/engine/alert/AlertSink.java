package io.chronosguard.engine.alert;

import java.io.IOException;

/** One place alerts go. Called on the {@link Alerter}'s thread, never on a backup's. */
public interface AlertSink {

    /** For log lines: {@code webhook https://hooks.example.org}, never a secret. */
    String name();

    /**
     * Delivers {@code alert}, retrying as the sink sees fit.
     *
     * @throws IOException when it could not be delivered; the message says why, without secrets
     */
    void deliver(Alert alert) throws IOException;
}
