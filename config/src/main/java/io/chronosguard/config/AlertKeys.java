package io.chronosguard.config;

import static io.chronosguard.config.Quantities.DISK_THRESHOLD;
import static io.chronosguard.config.Quantities.DURATION;
import static io.chronosguard.config.Quantities.EMAIL_ADDRESS;
import static io.chronosguard.config.Quantities.EMAIL_ADDRESSES;
import static io.chronosguard.config.Quantities.HTTP_URL;
import static io.chronosguard.config.Quantities.TEXT;
import static io.chronosguard.config.Quantities.TIME_OF_DAY;
import static io.chronosguard.config.ValueTypes.BOOLEAN;
import static io.chronosguard.config.ValueTypes.HOST;
import static io.chronosguard.config.ValueTypes.PATH;
import static io.chronosguard.config.ValueTypes.SECRET;
import static io.chronosguard.config.ValueTypes.wholeNumber;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** The {@code alerts.*} settings, and the checks that need several of them at once. */
final class AlertKeys {
    static final SettingKey<URI> WEBHOOK_URL = SettingKey.of("alerts.webhook.url", HTTP_URL)
            .env("CHRONOSGUARD_ALERT_WEBHOOK_URL");
    static final SettingKey<String> SMTP_HOST = SettingKey.of("alerts.email.smtp-host", HOST);
    static final SettingKey<Integer> SMTP_PORT = SettingKey.of("alerts.email.smtp-port",
            wholeNumber(1, 65535, "must be a port number 1..65535")).defaultTo(587);
    static final SettingKey<Boolean> STARTTLS = SettingKey.of("alerts.email.starttls", BOOLEAN).defaultTo(true);
    static final SettingKey<String> FROM = SettingKey.of("alerts.email.from", EMAIL_ADDRESS);
    static final SettingKey<List<String>> TO = SettingKey.of("alerts.email.to", EMAIL_ADDRESSES);
    static final SettingKey<String> USER = SettingKey.of("alerts.email.user", TEXT);
    /** Environment only, like the repository password. */
    static final SettingKey<Secret> PASSWORD = SettingKey.of("alerts.email.password", SECRET).notInFile()
            .env("CHRONOSGUARD_SMTP_PASSWORD");
    static final SettingKey<Path> PASSWORD_FILE = SettingKey.of("alerts.email.password-file", PATH)
            .env("CHRONOSGUARD_SMTP_PASSWORD_FILE");
    static final SettingKey<Duration> JOB_MAX_DURATION = SettingKey.of("alerts.job-max-duration", DURATION);
    static final SettingKey<DiskThreshold> LOW_DISK = SettingKey.of("alerts.low-disk", DISK_THRESHOLD);
    static final SettingKey<LocalTime> DAILY_SUMMARY = SettingKey.of("alerts.daily-summary", TIME_OF_DAY);
    static final SettingKey<Duration> REPEAT_AFTER = SettingKey.of("alerts.repeat-after", DURATION)
            .defaultTo(Duration.ofHours(1));

    static final List<SettingKey<?>> ALL = List.of(WEBHOOK_URL, SMTP_HOST, SMTP_PORT, STARTTLS, FROM, TO, USER,
            PASSWORD, PASSWORD_FILE, JOB_MAX_DURATION, LOW_DISK, DAILY_SUMMARY, REPEAT_AFTER);

    private AlertKeys() {
    }

    static AlertSettings toSettings(Values v) {
        Optional<AlertSettings.Email> email = v.optional(SMTP_HOST).map(host -> new AlertSettings.Email(host,
                v.get(SMTP_PORT), v.get(STARTTLS), v.get(FROM), v.get(TO), v.optional(USER), v.optional(PASSWORD),
                v.optional(PASSWORD_FILE)));
        return new AlertSettings(v.optional(WEBHOOK_URL), email, v.optional(JOB_MAX_DURATION), v.optional(LOW_DISK),
                v.optional(DAILY_SUMMARY), v.get(REPEAT_AFTER));
    }

    /**
     * E-mail needs a server, a sender and recipients together; a user needs a password and a
     * password a user; a summary needs an e-mail. {@code origin} says where a key was set.
     */
    static void check(Values v, Function<String, String> origin, Consumer<Problem> problems) {
        List<SettingKey<?>> mail = List.of(SMTP_HOST, FROM, TO);
        Optional<SettingKey<?>> given = mail.stream().filter(k -> v.optional(k).isPresent()).findFirst();
        if (given.isPresent()) {
            for (SettingKey<?> k : mail) {
                if (v.optional(k).isEmpty()) {
                    problems.accept(new Problem(k.name(), null, "not set", "must be set for e-mail alerts, since "
                            + given.get().name() + " is (" + origin.apply(given.get().name()) + ")"));
                }
            }
        }
        boolean password = v.optional(PASSWORD).isPresent() || v.optional(PASSWORD_FILE).isPresent();
        if (v.optional(USER).isPresent() && !password) {
            problems.accept(new Problem(USER.name(), v.get(USER), origin.apply(USER.name()),
                    "needs a password: set CHRONOSGUARD_SMTP_PASSWORD or alerts.email.password-file"));
        }
        if (v.optional(USER).isEmpty() && password) {
            SettingKey<?> k = v.optional(PASSWORD).isPresent() ? PASSWORD : PASSWORD_FILE;
            problems.accept(new Problem(k.name(), k == PASSWORD ? "***" : String.valueOf(v.get(k)),
                    origin.apply(k.name()), "is set but alerts.email.user is not"));
        }
        if (v.optional(DAILY_SUMMARY).isPresent() && v.optional(SMTP_HOST).isEmpty()
                && v.optional(WEBHOOK_URL).isEmpty()) {
            problems.accept(new Problem(DAILY_SUMMARY.name(), String.valueOf(v.get(DAILY_SUMMARY)),
                    origin.apply(DAILY_SUMMARY.name()), "has nowhere to go: set alerts.email.* or alerts.webhook.url"));
        }
    }
}
