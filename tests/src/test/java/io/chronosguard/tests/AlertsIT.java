package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts of a single-process backup against real local servers (GreenMail SMTP, a JDK HTTP
 * receiver), and {@code /metrics} of {@code serve} read by the Prometheus text parser.
 */
class AlertsIT {
    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dir;

    private Path alertConfig(boolean starttls) throws Exception {
        Path conf = dir.resolve("cg.conf");
        Files.write(conf, List.of("alerts.email {",
                "  smtp-host = 127.0.0.1, smtp-port = " + MAIL.getSmtp().getPort() + ", starttls = " + starttls,
                "  from = \"chronosguard@example.org\", to = \"ops@example.org\"",
                "}"));
        return conf;
    }

    @Test
    void backup_repositoryMissing_webhookRetriedAndEmailReceived() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("a.txt"), "hello");
        Path missing = dir.resolve("no-repo");
        try (WebhookReceiver hook = new WebhookReceiver(1)) {
            Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD,
                    "CHRONOSGUARD_ALERT_WEBHOOK_URL", hook.url()), "--config", alertConfig(false).toString(),
                    "-r", missing.toString(), "backup", src.toString());

            assertEquals(10, r.exit(), r.err());
            // the first POST got 500, the retry was delivered; backup waited for both before exiting
            assertEquals(2, hook.bodies().size(), hook.bodies().toString());
            assertTrue(hook.contentTypes().get(1).startsWith("application/json"), hook.contentTypes().toString());
            JsonNode alert = BackupIT.JSON.readTree(hook.bodies().get(1));
            assertEquals("JOB_FAILED", alert.get("kind").asText());
            assertTrue(alert.get("subject").asText().startsWith("backup of " + src + " on "), alert.toString());
            assertTrue(alert.get("subject").asText().contains(missing.toString()), alert.toString());
            Instant.parse(alert.get("time").asText());
            assertFalse(r.err().contains("s3cret-path"), r.err());

            MimeMessage[] mails = MAIL.getReceivedMessages();
            assertEquals(1, mails.length);
            assertTrue(mails[0].getSubject().startsWith("[ChronosGuard] job failed: backup of " + src),
                    mails[0].getSubject());
            assertEquals("ops@example.org", mails[0].getAllRecipients()[0].toString());
            assertTrue(((String) mails[0].getContent()).contains(missing.toString()), (String) mails[0].getContent());
        }
    }

    /** STARTTLS is the default; GreenMail offers none, so the alert must not go out in the clear. */
    @Test
    void backup_starttlsRequiredServerWithout_noMailSent() throws Exception {
        Path src = Files.createDirectories(dir.resolve("src"));

        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD), "--config",
                alertConfig(true).toString(), "-r", dir.resolve("no-repo").toString(), "backup", src.toString());

        assertEquals(10, r.exit(), r.err());
        assertEquals(0, MAIL.getReceivedMessages().length);
    }

    @Test
    void metrics_serve_parsesAndHasLastSuccessFromTheCatalog() throws Exception {
        Path repo = NodeProcesses.initRepository(dir);
        Path src = Files.createDirectories(dir.resolve("data"));
        Files.writeString(src.resolve("f.txt"), "metrics");
        Path state = Files.createDirectories(dir.resolve("state"));
        Map<String, String> env = Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD, "CHRONOSGUARD_STATE_DIR",
                state.toString(), "CHRONOSGUARD_API_TOKEN", NodeProcesses.TOKEN, "CHRONOSGUARD_VIEWER_TOKEN",
                NodeProcesses.VIEWER_TOKEN);
        Cli.Result b = Cli.run(env, "-r", repo.toString(), "backup", src.toString());
        assertEquals(0, b.exit(), b.err());

        try (Served served = Served.start(repo, env)) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(served.url() + "/metrics"))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(served.url() + "/metrics"))
                    .header("Authorization", "Bearer " + NodeProcesses.VIEWER_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());

            assertEquals(401, anonymous.statusCode());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("text/plain; version=0.0.4; charset=UTF-8",
                    r.headers().firstValue("Content-Type").orElse(""));
            JsonNode m = PrometheusText.parse(r.body());
            double last = PrometheusText.value(m, "chronosguard_last_success_timestamp_seconds",
                    "chronosguard_last_success_timestamp_seconds", "source", src.toString());
            assertTrue(Math.abs(last - Instant.now().getEpochSecond()) < 600, "last success " + last + "\n" + r.body());
            assertEquals("counter", m.get("chronosguard_jobs").get("type").asText());
            assertEquals(0.0, PrometheusText.value(m, "chronosguard_jobs", "chronosguard_jobs_total", "outcome",
                    "failed"));
            assertTrue(PrometheusText.value(m, "chronosguard_repository_stored_bytes",
                    "chronosguard_repository_stored_bytes", null, null) > 0, r.body());
            assertEquals(0.0, PrometheusText.value(m, "chronosguard_workers_busy", "chronosguard_workers_busy",
                    null, null));
            assertTrue(m.has("jvm_memory_used_bytes"), r.body());
            assertFalse(r.body().contains(Restic.PASSWORD) || r.body().contains(NodeProcesses.TOKEN), r.body());
        }
    }
}
