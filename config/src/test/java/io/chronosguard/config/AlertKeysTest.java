package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertKeysTest {
    private static final Machine MACHINE = new Machine(Path.of("/home/ada"), 2);

    @TempDir
    Path dir;

    @Test
    void load_nothingGiven_alertsOffAndLogDefaults() {
        Settings s = load(Map.of());

        assertFalse(s.alerts().enabled());
        assertEquals(AlertSettings.NONE, s.alerts());
        assertEquals(LogSettings.DEFAULTS, s.log());
    }

    @Test
    void load_fullAlertConfig_typedValues() throws IOException {
        Path f = write("alerts {",
                "  webhook.url = \"https://hooks.example.org/T0/secret-part\"",
                "  email { smtp-host = mail.example.org, smtp-port = 2525, from = \"cg@example.org\",",
                "          to = \"ops@example.org, oncall@example.org\", user = cg }",
                "  job-max-duration = 2h, low-disk = \"10%\", daily-summary = \"08:00\", repeat-after = 30m",
                "}");

        AlertSettings a = load(f, Map.of("CHRONOSGUARD_SMTP_PASSWORD", "s3cret")).alerts();

        assertEquals(Optional.of(URI.create("https://hooks.example.org/T0/secret-part")), a.webhookUrl());
        AlertSettings.Email e = a.email().orElseThrow();
        assertEquals("mail.example.org", e.smtpHost());
        assertEquals(2525, e.smtpPort());
        assertTrue(e.starttls());
        assertEquals(List.of("ops@example.org", "oncall@example.org"), e.to());
        assertEquals(Optional.of("cg"), e.user());
        assertEquals("s3cret", new String(e.password().orElseThrow().reveal()));
        assertEquals(Optional.of(Duration.ofHours(2)), a.jobMaxDuration());
        assertEquals(Optional.of(DiskThreshold.ofPercent(10)), a.lowDisk());
        assertEquals(Optional.of(LocalTime.of(8, 0)), a.dailySummary());
        assertEquals(Duration.ofMinutes(30), a.repeatAfter());
        assertFalse(a.toString().contains("secret-part"), a.toString());
        assertFalse(a.toString().contains("s3cret"), a.toString());
    }

    @Test
    void load_badValues_eachNamedWithItsKey() throws IOException {
        Path f = write("alerts { job-max-duration = soon, low-disk = \"120%\", daily-summary = \"25:00\",",
                "  webhook.url = \"ftp://x/y\", email.smtp-port = 0 }");

        List<String> lines = problems(f, Map.of()).stream().map(Problem::describe).toList();

        assertTrue(lines.stream().anyMatch(l -> l.startsWith("alerts.job-max-duration = \"soon\"")
                && l.contains("must be a duration")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("alerts.low-disk") && l.contains("percentage")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("alerts.daily-summary") && l.contains("HH:MM")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("alerts.webhook.url") && l.contains("http://")),
                lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("alerts.email.smtp-port")), lines.toString());
    }

    @Test
    void load_webhookUrlInvalid_messageHidesItsPath() {
        List<String> lines = problems(null, Map.of("CHRONOSGUARD_ALERT_WEBHOOK_URL", "gopher://h/token123"))
                .stream().map(Problem::describe).toList();

        assertEquals(1, lines.size(), lines.toString());
        assertFalse(lines.get(0).contains("token123"), lines.get(0));
    }

    @Test
    void load_smtpHostWithoutRecipients_namesTheMissingKeys() throws IOException {
        Path f = write("alerts.email.smtp-host = mail.example.org");

        List<Problem> p = problems(f, Map.of());

        assertEquals(List.of("alerts.email.from", "alerts.email.to"), p.stream().map(Problem::key).toList());
        assertTrue(p.get(0).message().contains("alerts.email.smtp-host"), p.get(0).message());
    }

    @Test
    void load_userWithoutPassword_refused() throws IOException {
        Path f = write("alerts.email { smtp-host = m, from = \"a@b\", to = \"c@d\", user = cg }");

        List<Problem> p = problems(f, Map.of());

        assertEquals(1, p.size(), p.toString());
        assertEquals("alerts.email.user", p.get(0).key());
        assertTrue(p.get(0).message().contains("CHRONOSGUARD_SMTP_PASSWORD"), p.get(0).message());
    }

    @Test
    void load_smtpPasswordInConfigFile_refused() throws IOException {
        Path f = write("alerts.email { smtp-host = m, from = \"a@b\", to = \"c@d\", user = cg, password = hunter2 }");

        List<Problem> p = problems(f, Map.of());

        assertTrue(p.stream().anyMatch(x -> "alerts.email.password".equals(x.key())), p.toString());
        assertFalse(p.toString().contains("hunter2"), p.toString());
    }

    @Test
    void load_logSettings_relativeFileInLogDir() throws IOException {
        Path f = write("log { format = json, level = info, file = node.log, max-size = 10MiB, max-history = 3,"
                + " total-size-cap = 1GB }");

        LogSettings l = load(f, Map.of("CHRONOSGUARD_LOG_DIR", "/var/log/cg")).log();

        assertEquals(new LogSettings(LogFormat.JSON, LogLevel.INFO, Optional.of(Path.of("/var/log/cg/node.log")),
                10L << 20, 3, 1_000_000_000L), l);
    }

    @Test
    void load_logFormatUnknown_listsTheChoices() {
        List<Problem> p = problems(null, Map.of("CHRONOSGUARD_LOG_FORMAT", "xml"));

        assertEquals("log.format", p.get(0).key());
        assertEquals("must be one of auto, text, json", p.get(0).message());
    }

    @Test
    void isLow_bytesAndPercent_comparedWithFreeSpace() {
        assertTrue(DiskThreshold.ofBytes(100).isLow(99, 1000));
        assertFalse(DiskThreshold.ofBytes(100).isLow(100, 1000));
        assertTrue(DiskThreshold.ofPercent(10).isLow(99, 1000));
        assertFalse(DiskThreshold.ofPercent(10).isLow(101, 1000));
        assertFalse(DiskThreshold.ofPercent(10).isLow(-1, 1000));
    }

    private Settings load(Map<String, String> env) {
        return SettingsLoader.load(Optional.empty(), env, Map.of(), MACHINE);
    }

    private Settings load(Path file, Map<String, String> env) {
        return SettingsLoader.load(Optional.ofNullable(file), env, Map.of(), MACHINE);
    }

    private List<Problem> problems(Path file, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> load(file, env)).problems();
    }

    private Path write(String... lines) throws IOException {
        Path f = dir.resolve("cg.conf");
        Files.write(f, List.of(lines));
        return f;
    }
}
