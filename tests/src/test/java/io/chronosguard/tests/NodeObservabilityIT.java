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
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * One {@code node} JVM configured as a service would be: JSON logs into a rolled file, alerts
 * to a webhook and to a GreenMail SMTP server (with a login), a low-disk threshold it is
 * certainly below. The node must send LOW_DISK; a job of a path that does not exist must fail
 * and reach both the webhook and the mailbox as JOB_FAILED; {@code /metrics} must parse with
 * the Prometheus parser and count both jobs; every log line must parse as JSON, without secrets.
 */
class NodeObservabilityIT {
    private static final String SMTP_PASSWORD = "smtp-pw-never-logged";

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    @TempDir
    Path dir;

    @Test
    void node_alertsMetricsAndJsonLogs() throws Exception {
        Path repo = NodeProcesses.initRepository(dir);
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(src.resolve("a.txt"), "alpha");
        Files.writeString(src.getParent().resolve("b.txt"), "beta");
        Path logFile = dir.resolve("logs/node.log");
        MAIL.setUser("cg@example.org", "cg", SMTP_PASSWORD);
        Path conf = dir.resolve("cg.conf");
        Files.write(conf, List.of("alerts {",
                "  low-disk = \"99.99%\"",
                "  email { smtp-host = 127.0.0.1, smtp-port = " + MAIL.getSmtp().getPort() + ", starttls = false,",
                "          from = \"cg@example.org\", to = \"ops@example.org\", user = cg }",
                "}",
                "log { format = json, level = info, file = \"" + logFile + "\", max-size = 5MiB, max-history = 2 }"));
        int port = NodeProcesses.freePort();
        int httpPort = NodeProcesses.freePort();
        try (WebhookReceiver hook = new WebhookReceiver(0)) {
            Path out = dir.resolve("node.out");
            Process node = startNode(conf, repo, port, port, httpPort, hook, out);
            Process second = null;
            try {
                JsonNode low = hook.await(a -> "LOW_DISK".equals(a.path("kind").asText()), Duration.ofSeconds(90));
                assertTrue(low.get("subject").asText().contains(repo.toString()), low.toString());

                NodeProcesses.NodeProc n = new NodeProcesses.NodeProc(node, port, httpPort, out);
                NodeProcesses ps = new NodeProcesses(dir, repo);
                ps.awaitMembers(n, 1, Duration.ofSeconds(60));
                String body = BackupIT.JSON.createObjectNode().set("paths",
                        BackupIT.JSON.createArrayNode().add(src.getParent().toString())).toString();
                var submitted = ps.post(n, "/api/backups", body);
                assertEquals(202, submitted.statusCode(), submitted.body());
                String id = BackupIT.JSON.readTree(submitted.body()).get("id").asText();
                assertEquals("succeeded", ClusterProcessesIT.awaitJobEnd(ps, n, id, Duration.ofSeconds(90))
                        .path("state").asText());

                awaitJobs(n, "succeeded", Duration.ofSeconds(30));

                // forced failure: a path that does not exist is a fatal task error, which fails the job
                Path gone = dir.resolve("gone");
                var failing = ps.post(n, "/api/backups", BackupIT.JSON.createObjectNode().set("paths",
                        BackupIT.JSON.createArrayNode().add(gone.toString())).toString());
                assertEquals(202, failing.statusCode(), failing.body());
                String failedId = BackupIT.JSON.readTree(failing.body()).get("id").asText();
                assertEquals("failed", ClusterProcessesIT.awaitJobEnd(ps, n, failedId, Duration.ofSeconds(90))
                        .path("state").asText());
                JsonNode failed = hook.await(a -> "JOB_FAILED".equals(a.path("kind").asText()), Duration.ofSeconds(30));
                assertTrue(failed.get("subject").asText().startsWith("backup of " + gone + " failed"), failed.toString());
                assertEquals(failedId, failed.get("job").asText());
                MimeMessage mail = awaitMail("[ChronosGuard] job failed: backup of " + gone, Duration.ofSeconds(30));
                assertTrue(((String) mail.getContent()).contains(failedId), (String) mail.getContent());

                JsonNode metrics = awaitJobs(n, "failed", Duration.ofSeconds(30));
                assertEquals(1.0, PrometheusText.value(metrics, "chronosguard_jobs", "chronosguard_jobs_total",
                        "outcome", "succeeded"));
                assertEquals(2.0, PrometheusText.value(metrics, "chronosguard_files_processed",
                        "chronosguard_files_processed_total", null, null));
                assertEquals(1.0, PrometheusText.value(metrics, "chronosguard_job_duration_seconds",
                        "chronosguard_job_duration_seconds_count", "outcome", "succeeded"));
                assertEquals(0.0, PrometheusText.value(metrics, "chronosguard_queue_length",
                        "chronosguard_queue_length", null, null));

                List<JsonNode> lines = awaitLogLine(logFile, "job " + failedId + " started", Duration.ofSeconds(30));
                for (JsonNode l : lines) {
                    for (String field : List.of("timestamp", "level", "logger", "message")) {
                        assertTrue(l.hasNonNull(field), "no " + field + " in " + l);
                    }
                }
                String log = Files.readString(logFile);
                assertFalse(log.contains(SMTP_PASSWORD), "the SMTP password is in the log");
                assertFalse(log.contains("s3cret-path"), "the webhook's secret path is in the log");
                assertFalse(log.contains(Restic.PASSWORD), "the repository password is in the log");

                // a second member that dies: the oldest (first) node reports it
                int port2 = NodeProcesses.freePort();
                second = startNode(conf, repo, port2, port, 0, hook, dir.resolve("node2.out"));
                ps.awaitMembers(n, 2, Duration.ofSeconds(60));
                second.destroyForcibly();
                JsonNode left = hook.await(a -> "NODE_LEFT".equals(a.path("kind").asText()), Duration.ofSeconds(60));
                assertEquals("node pekko://chronosguard@127.0.0.1:" + port2 + " is unreachable",
                        left.get("subject").asText());
            } finally {
                if (second != null) {
                    second.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
                node.destroy();
                if (!node.waitFor(30, TimeUnit.SECONDS)) {
                    node.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static MimeMessage awaitMail(String subjectStart, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        List<String> seen = new java.util.ArrayList<>();
        while (System.nanoTime() < deadline) {
            seen.clear();
            for (MimeMessage m : MAIL.getReceivedMessages()) {
                seen.add(m.getSubject());
                if (m.getSubject().startsWith(subjectStart)) {
                    return m;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no mail \"" + subjectStart + "...\" within " + max + "; got " + seen);
    }

    /** A node JVM with the test's config, secrets and alert webhook; {@code httpPort} 0 for none. */
    private Process startNode(Path conf, Path repo, int port, int seed, int httpPort, WebhookReceiver hook, Path out)
            throws java.io.IOException {
        List<String> args = new java.util.ArrayList<>(List.of("--config", conf.toString(), "-r", repo.toString(),
                "--bind", "127.0.0.1:" + port, "--seed", "127.0.0.1:" + seed, "--workers", "2"));
        if (httpPort != 0) {
            args.addAll(List.of("--http", "127.0.0.1:" + httpPort));
        }
        ProcessBuilder pb = new ProcessBuilder(NodeProcesses.javaNode(args.toArray(String[]::new)));
        if (httpPort == 0) { // a file of its own: two processes must not roll one file
            pb.environment().put("CHRONOSGUARD_LOG_FILE", dir.resolve("logs/node-" + port + ".log").toString());
        }
        pb.environment().put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        pb.environment().put("CHRONOSGUARD_API_TOKEN", NodeProcesses.TOKEN);
        pb.environment().put("CHRONOSGUARD_VIEWER_TOKEN", NodeProcesses.VIEWER_TOKEN);
        pb.environment().put("CHRONOSGUARD_STATE_DIR", dir.resolve("state-" + port).toString());
        pb.environment().put("CHRONOSGUARD_ALERT_WEBHOOK_URL", hook.url());
        pb.environment().put("CHRONOSGUARD_SMTP_PASSWORD", SMTP_PASSWORD);
        pb.redirectErrorStream(true).redirectOutput(out.toFile());
        return pb.start();
    }

    /** Scrapes until a job of {@code outcome} is counted; every scrape must parse. */
    private static JsonNode awaitJobs(NodeProcesses.NodeProc n, String outcome, Duration max) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + max.toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(n.api() + "/metrics"))
                    .header("Authorization", "Bearer " + NodeProcesses.VIEWER_TOKEN).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            last = r.body();
            JsonNode m = PrometheusText.parse(last);
            if (PrometheusText.value(m, "chronosguard_jobs", "chronosguard_jobs_total", "outcome", outcome) == 1.0) {
                return m;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no " + outcome + " job in /metrics within " + max + ":\n" + last);
    }

    /** Waits until a line of {@code file} contains {@code text}; returns every line parsed as JSON. */
    private static List<JsonNode> awaitLogLine(Path file, String text, Duration max) throws Exception {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                List<String> raw = Files.readAllLines(file);
                if (raw.stream().anyMatch(l -> l.contains(text))) {
                    List<JsonNode> parsed = new java.util.ArrayList<>();
                    for (String l : raw) {
                        parsed.add(BackupIT.JSON.readTree(l)); // throws on a line that is not JSON
                    }
                    return parsed;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no log line with \"" + text + "\" within " + max + " in " + file + ":\n"
                + (Files.exists(file) ? Files.readString(file) : "(no file)"));
    }
}
