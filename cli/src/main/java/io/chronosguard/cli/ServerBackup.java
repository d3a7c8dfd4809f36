package io.chronosguard.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code backup --server URL}: submits the job to a cluster node's API, follows it until it
 * ends and exits with its result. The bearer token comes from {@code CHRONOSGUARD_API_TOKEN}
 * (never a flag, so it never shows in {@code ps}).
 */
final class ServerBackup {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How long the coordinator may stay unreachable (a singleton moving between nodes) before we give up. */
    private static final Duration UNAVAILABLE_LIMIT = Duration.ofSeconds(60);

    private final URI base;
    private final String token;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ServerBackup(String server, Map<String, String> env, PrintStream out, PrintStream err, boolean json) {
        URI u;
        try {
            u = URI.create(server.endsWith("/") ? server.substring(0, server.length() - 1) : server);
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCode.USAGE, "--server " + server + " is not a URL: " + e.getMessage());
        }
        if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
            throw new CliException(ExitCode.USAGE, "--server " + server + ": expected http://HOST:PORT");
        }
        this.base = u;
        String t = env.get("CHRONOSGUARD_API_TOKEN");
        this.token = t == null || t.isBlank() ? null : t.strip();
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** {@code excludes}: restic patterns the cluster's workers apply (the node answers 400 to a bad one). */
    int run(List<Path> paths, List<String> tags, String hostname, List<String> excludes) {
        ObjectNode body = JSON.createObjectNode();
        paths.forEach(p -> body.withArray("paths").add(p.toAbsolutePath().normalize().toString()));
        tags.forEach(t -> body.withArray("tags").add(t));
        excludes.forEach(e -> body.withArray("excludes").add(e));
        if (hostname != null) {
            body.put("hostname", hostname);
        }
        JsonNode accepted = call(HttpRequest.newBuilder(base.resolve("/api/backups"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), 202);
        String id = accepted.get("id").asText();
        if (!json) {
            err.println("backup job " + id + " submitted to " + base);
        }
        long unavailableSince = -1;
        while (true) {
            sleep();
            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/api/backups/" + id)).GET());
            if (r.statusCode() == 503) {
                long now = System.nanoTime();
                unavailableSince = unavailableSince < 0 ? now : unavailableSince;
                if (now - unavailableSince > UNAVAILABLE_LIMIT.toNanos()) {
                    throw new CliException(ExitCode.FAILED, "backup job " + id + ": the cluster's coordinator did"
                            + " not answer for " + UNAVAILABLE_LIMIT.toSeconds() + " s");
                }
                continue;
            }
            unavailableSince = -1;
            JsonNode v = body(r, 200);
            String state = v.path("state").asText();
            if (v.hasNonNull("resumed") && !resumedTold) {
                resumedTold = true; // the job resumed an interrupted run: say so once
                err.println(v.path("resumed").asText());
            }
            tasksReused = v.path("tasks_reused").asLong();
            if ("running".equals(state)) {
                progress(v);
                continue;
            }
            if ("succeeded".equals(state)) {
                return finished(v.get("summary"));
            }
            throw new CliException(ExitCode.FAILED, "backup failed: " + v.path("error").asText());
        }
    }

    /** Whether the resume note was printed; tasks taken from an interrupted run's checkpoint. */
    private boolean resumedTold;
    private long tasksReused;

    private void progress(JsonNode v) {
        if (json) {
            ObjectNode s = JSON.createObjectNode().put("message_type", "status");
            for (String f : List.of("files", "bytes", "tasks_done", "tasks_queued", "tasks_running")) {
                s.set(f, v.get(f));
            }
            out.println(s);
        }
    }

    private int finished(JsonNode s) {
        List<String> errors = JSON.convertValue(s.get("errors"), JSON.getTypeFactory()
                .constructCollectionType(List.class, String.class));
        if (json) {
            ObjectNode o = JSON.createObjectNode().put("message_type", "summary");
            for (String f : List.of("snapshot_id", "files", "bytes", "data_added", "nodes", "reassigned_tasks",
                    "duration_s")) {
                o.set(f, s.get(f));
            }
            o.put("errors", errors.size());
            o.put("reused_tasks", tasksReused);
            out.println(o);
        } else {
            errors.forEach(e -> err.println("error: " + e));
            out.printf("snapshot %s saved: %d files, %s, %s added, on %d nodes, %d tasks reassigned, in %.1f s%n",
                    s.get("snapshot_id").asText().substring(0, 8), s.get("files").asLong(),
                    Sizes.format(s.get("bytes").asLong()), Sizes.format(s.get("data_added").asLong()),
                    s.get("nodes").asInt(), s.get("reassigned_tasks").asInt(), s.get("duration_s").asDouble());
        }
        return errors.isEmpty() ? ExitCode.OK : ExitCode.INCOMPLETE;
    }

    private JsonNode call(HttpRequest.Builder req, int expect) {
        return body(send(req), expect);
    }

    private HttpResponse<String> send(HttpRequest.Builder req) {
        if (token != null) {
            req.header("Authorization", "Bearer " + token);
        }
        try {
            return http.send(req.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new CliException(ExitCode.FAILED, "cannot reach the cluster at " + base + ": connection refused"
                    + " (is a node running with --http there?)");
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, "cannot reach the cluster at " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted");
        }
    }

    private JsonNode body(HttpResponse<String> r, int expect) {
        JsonNode n;
        try {
            n = JSON.readTree(r.body());
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILED, base + " answered " + r.statusCode() + " with something that is"
                    + " not JSON (is it a ChronosGuard node?)");
        }
        if (r.statusCode() == 401) {
            throw new CliException(ExitCode.USAGE, "the cluster refused the request: set CHRONOSGUARD_API_TOKEN to"
                    + " the nodes' token");
        }
        if (r.statusCode() != expect) {
            throw new CliException(r.statusCode() < 500 ? ExitCode.USAGE : ExitCode.FAILED,
                    n.path("error").asText("HTTP " + r.statusCode()) + ": " + n.path("detail").asText());
        }
        return n;
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCode.FAILED, "interrupted");
        }
    }
}
