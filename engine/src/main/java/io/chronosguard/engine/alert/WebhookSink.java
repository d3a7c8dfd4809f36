package io.chronosguard.engine.alert;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * POSTs each alert as one JSON object ({@code kind, subject, details, time, node, job}) to a URL.
 * A 2xx answer is delivery; anything else, or no answer within the timeout, is retried after
 * a backoff that doubles, a bounded number of times. The URL's path and query never appear
 * in messages: services such as Slack put the hook's secret there.
 */
public final class WebhookSink implements AlertSink {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final URI url;
    private final HttpClient client;
    private final Duration timeout;
    private final int attempts;
    private final Duration firstBackoff;
    private final Sleeper sleeper;

    public WebhookSink(URI url, HttpClient client, Duration timeout, int attempts, Duration firstBackoff,
            Sleeper sleeper) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
        }
        this.url = url;
        this.client = client;
        this.timeout = timeout;
        this.attempts = attempts;
        this.firstBackoff = firstBackoff;
        this.sleeper = sleeper;
    }

    /** 4 attempts, 10 s each, 2 s then 4 s then 8 s apart. */
    public static WebhookSink create(URI url) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
        return new WebhookSink(url, client, Duration.ofSeconds(10), 4, Duration.ofSeconds(2),
                d -> Thread.sleep(d.toMillis()));
    }

    @Override
    public String name() {
        return "webhook " + url.getScheme() + "://" + url.getHost() + (url.getPort() >= 0 ? ":" + url.getPort() : "");
    }

    static String body(Alert a) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", a.kind().name());
        o.put("subject", a.subject());
        o.put("details", a.details());
        o.put("time", a.time().toString());
        o.put("node", a.node());
        o.put("job", a.job());
        o.put("source", "chronosguard");
        return o.toString();
    }

    @Override
    public void deliver(Alert alert) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "chronosguard-alerts")
                .POST(HttpRequest.BodyPublishers.ofString(body(alert), StandardCharsets.UTF_8)).build();
        String last = "";
        Duration backoff = firstBackoff;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<Void> r = client.send(request, HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                last = "answered HTTP " + r.statusCode();
            } catch (IOException e) {
                last = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(name() + ": interrupted");
            }
            if (attempt < attempts) {
                try {
                    sleeper.sleep(backoff);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(name() + ": interrupted");
                }
                backoff = backoff.multipliedBy(2);
            }
        }
        throw new IOException(name() + " " + last + " (" + attempts + " attempts)");
    }
}
