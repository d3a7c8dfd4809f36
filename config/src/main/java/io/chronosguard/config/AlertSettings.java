package io.chronosguard.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where alerts go and what raises them; every part is optional, and with neither a webhook nor
 * an e-mail server no alert is sent at all. The webhook URL (often a secret itself, as Slack's
 * are) and the SMTP password never print.
 *
 * @param webhookUrl     alerts are POSTed here as JSON
 * @param email          the SMTP server and addresses, when e-mail alerts are on
 * @param jobMaxDuration a job running longer raises {@code JOB_TOO_LONG}
 * @param lowDisk        a node's disk below this raises {@code LOW_DISK}
 * @param dailySummary   local time of day of the summary e-mail
 * @param repeatAfter    the same alert (kind and subject) is not sent again within this window
 */
public record AlertSettings(Optional<URI> webhookUrl, Optional<Email> email, Optional<Duration> jobMaxDuration,
        Optional<DiskThreshold> lowDisk, Optional<LocalTime> dailySummary, Duration repeatAfter) {

    public static final AlertSettings NONE = new AlertSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Duration.ofHours(1));

    /**
     * @param starttls     require STARTTLS before anything is sent (the default); false sends in the clear
     * @param user         SMTP user, when the server wants authentication
     * @param password     the SMTP password, from {@code CHRONOSGUARD_SMTP_PASSWORD} only
     * @param passwordFile a file whose first line is the SMTP password
     */
    public record Email(String smtpHost, int smtpPort, boolean starttls, String from, List<String> to,
            Optional<String> user, Optional<Secret> password, Optional<Path> passwordFile) {
        public Email {
            Objects.requireNonNull(smtpHost, "smtpHost");
            Objects.requireNonNull(from, "from");
            to = List.copyOf(to);
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(password, "password");
            Objects.requireNonNull(passwordFile, "passwordFile");
        }
    }

    public AlertSettings {
        Objects.requireNonNull(webhookUrl, "webhookUrl");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(jobMaxDuration, "jobMaxDuration");
        Objects.requireNonNull(lowDisk, "lowDisk");
        Objects.requireNonNull(dailySummary, "dailySummary");
        Objects.requireNonNull(repeatAfter, "repeatAfter");
    }

    /** True when alerts have somewhere to go. */
    public boolean enabled() {
        return webhookUrl.isPresent() || email.isPresent();
    }

    /** The webhook shown without path and query, which often carry its secret. */
    @Override
    public String toString() {
        return "AlertSettings[webhook=" + webhookUrl.map(Quantities::redact).orElse("none") + ", email="
                + email.map(e -> e.smtpHost() + ":" + e.smtpPort() + " -> " + e.to()).orElse("none")
                + ", jobMaxDuration=" + jobMaxDuration.orElse(null) + ", lowDisk=" + lowDisk.orElse(null)
                + ", dailySummary=" + dailySummary.orElse(null) + ", repeatAfter=" + repeatAfter + "]";
    }
}
