package io.chronosguard.engine.alert;

import io.chronosguard.config.AlertSettings;
import io.chronosguard.config.Secret;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the {@link Alerter} the settings describe. */
public final class Alerts {
    private Alerts() {
    }

    /**
     * One sink per destination configured: the webhook, the SMTP server; none when neither is.
     *
     * @throws IllegalArgumentException when the SMTP password file cannot be read (named, content never shown)
     */
    public static Alerter fromSettings(AlertSettings s, Clock clock) {
        List<AlertSink> sinks = new ArrayList<>();
        s.webhookUrl().ifPresent(u -> sinks.add(WebhookSink.create(u)));
        s.email().ifPresent(e -> sinks.add(new EmailSink(e, password(e), Duration.ofSeconds(20))));
        return Alerter.create(sinks, clock, s.repeatAfter());
    }

    private static Optional<Secret> password(AlertSettings.Email e) {
        if (e.password().isPresent()) {
            return e.password();
        }
        return e.passwordFile().map(Alerts::readFirstLine);
    }

    private static Secret readFirstLine(Path f) {
        try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
            String line = r.readLine();
            if (line == null || line.isEmpty()) {
                throw new IllegalArgumentException("alerts.email.password-file " + f + " is empty");
            }
            return Secret.of(line);
        } catch (IOException ex) {
            throw new IllegalArgumentException("cannot read alerts.email.password-file " + f + ": " + ex.getMessage());
        }
    }
}
