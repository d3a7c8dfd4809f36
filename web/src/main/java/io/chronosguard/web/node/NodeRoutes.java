package io.chronosguard.web.node;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.reject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chronosguard.coordinator.cluster.ClusterNode;
import io.chronosguard.coordinator.monitor.NodeMonitor;
import io.chronosguard.coordinator.protocol.FolderListing;
import io.chronosguard.coordinator.protocol.JobView;
import io.chronosguard.coordinator.protocol.NodeStatus;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.ApiErrors;
import io.chronosguard.web.ApiException;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.routes.BrowseRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;

/**
 * A cluster node's job and node routes, mounted beside the {@link io.chronosguard.web.Dashboard}
 * in one {@link io.chronosguard.web.WebServer}: {@code GET /agent-card}, {@code GET /api/nodes},
 * {@code GET /api/backups/{id}} for any token; {@code GET /api/browse?node=OTHER} (admin,
 * answered by that node's monitor; this node's own folders are the dashboard's BrowseRoutes); {@code POST /api/backups} and
 * {@code POST /api/control} ({@code {"action": "pause"|"resume"|"stop"}} for the running job:
 * 409 when none runs) for the admin token only. Errors are the server's JSON
 * {@code {"error","detail"}} ({@link ApiErrors}).
 */
public final class NodeRoutes implements RouteSet {
    private static final Duration ASK = Duration.ofSeconds(10);

    private final ClusterNode node;
    /** Jobs submitted through this node, so a job the coordinator lost reads as failed, not as unknown. */
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();

    public NodeRoutes(ClusterNode node) {
        this.node = node;
    }

    @Override
    public Route route(ApiAuth auth) {
        return concat(
                path("agent-card", () -> get(() -> auth.reader(role ->
                        complete(WebJson.ok(NodeJson.capabilities(node.capabilities())))))),
                path(PathMatchers.segment("api").slash("nodes"), () -> get(() -> auth.reader(role ->
                        completeWithFuture(nodes())))),
                path(PathMatchers.segment("api").slash("backups"), () -> post(() -> auth.admin(() ->
                        entity(Unmarshaller.entityToString(), body -> completeWithFuture(submit(body)))))),
                path(PathMatchers.segment("api").slash("browse"), () -> get(() -> parameterOptional("node", n ->
                        n.isEmpty() || n.get().isBlank() || isSelf(n.get()) ? reject() // this node: BrowseRoutes
                                : auth.admin(() -> parameterOptional("path", p -> completeWithFuture(
                                        browseOther(n.get(), p.filter(x -> !x.isBlank()).orElse("/")))))))),
                path(PathMatchers.segment("api").slash("control"), () -> post(() -> auth.admin(() ->
                        WebJson.body(ControlRequest.class, c -> completeWithFuture(control(c)))))),
                path(PathMatchers.segment("api").slash("backups").slash(PathMatchers.segment()), id ->
                        get(() -> auth.reader(role -> completeWithFuture(job(id))))));
    }

    private CompletionStage<HttpResponse> nodes() {
        CompletionStage<Receptionist.Listing> listing = AskPattern.ask(node.system().receptionist(),
                (ActorRef<Receptionist.Listing> r) -> Receptionist.find(NodeMonitor.KEY, r), ASK,
                node.system().scheduler());
        return listing.thenCompose(l -> {
            List<CompletableFuture<NodeStatus>> asks = new ArrayList<>();
            for (ActorRef<NodeMonitor.Command> m : l.getServiceInstances(NodeMonitor.KEY)) {
                asks.add(AskPattern.ask(m, (ActorRef<NodeStatus> r) -> new NodeMonitor.GetStatus(r),
                        Duration.ofSeconds(3), node.system().scheduler()).toCompletableFuture()
                        .exceptionally(ex -> null));
            }
            return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(v -> {
                List<Map<String, Object>> out = new ArrayList<>();
                for (CompletableFuture<NodeStatus> f : asks) {
                    NodeStatus s = f.join();
                    if (s != null) {
                        out.add(NodeJson.node(s));
                    }
                }
                out.sort((a, b) -> String.valueOf(((Map<?, ?>) a.get("capabilities")).get("node"))
                        .compareTo(String.valueOf(((Map<?, ?>) b.get("capabilities")).get("node"))));
                return WebJson.ok(Map.of("nodes", out));
            });
        }).exceptionally(NodeRoutes::unavailable);
    }

    private CompletionStage<HttpResponse> submit(String body) {
        BackupRequestJson req;
        try {
            req = BackupRequestJson.parse(WebJson.mapper().readTree(body));
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(ApiErrors.error(StatusCodes.BAD_REQUEST,
                    "the body is not JSON: " + e.getOriginalMessage()));
        } catch (ApiException e) {
            return CompletableFuture.completedFuture(ApiErrors.error(e.status(), e.getMessage()));
        }
        return AskPattern.ask(node.coordinator(), (ActorRef<StatusReply<String>> r) ->
                new BackupCoordinator.StartBackup(req.paths(), req.hostname(), req.tags(), req.excludes(), r), ASK,
                node.system().scheduler()).thenApply(reply -> {
                    if (reply.isError()) {
                        String why = reply.getError().getMessage();
                        return why.startsWith(BackupCoordinator.CONFLICT)
                                ? ApiErrors.error(StatusCodes.CONFLICT, "backup refused: "
                                        + why.substring(BackupCoordinator.CONFLICT.length()))
                                : ApiErrors.error(StatusCodes.BAD_REQUEST, "backup refused: " + why);
                    }
                    String id = reply.getValue();
                    submitted.add(id);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", id);
                    m.put("url", "/api/backups/" + id);
                    return WebJson.response(StatusCodes.ACCEPTED, m);
                }).exceptionally(NodeRoutes::unavailable);
    }

    private boolean isSelf(String name) {
        String self = node.capabilities().node();
        return name.equals(self) || name.equals(ClusterProgressSource.name(self));
    }

    /** {@code GET /api/browse?node=OTHER}: asks that node's monitor; 404 when no member has that name. */
    private CompletionStage<HttpResponse> browseOther(String name, String path) {
        CompletionStage<Receptionist.Listing> listing = AskPattern.ask(node.system().receptionist(),
                (ActorRef<Receptionist.Listing> r) -> Receptionist.find(NodeMonitor.KEY, r), ASK,
                node.system().scheduler());
        return listing.thenCompose(l -> {
            for (ActorRef<NodeMonitor.Command> m : l.getServiceInstances(NodeMonitor.KEY)) {
                String address = m.path().address().toString();
                if (name.equals(address) || name.equals(ClusterProgressSource.name(address))) {
                    return AskPattern.ask(m, (ActorRef<FolderListing> r) -> new NodeMonitor.Browse(path, r),
                            ASK, node.system().scheduler()).thenApply(f -> {
                                try {
                                    return BrowseRoutes.respond(f);
                                } catch (ApiException e) {
                                    return ApiErrors.error(e.status(), e.getMessage());
                                }
                            }).exceptionally(ex -> ApiErrors.error(StatusCodes.SERVICE_UNAVAILABLE, "node " + name
                                    + " did not answer; it may be busy or leaving"));
                }
            }
            return CompletableFuture.completedFuture(ApiErrors.error(StatusCodes.NOT_FOUND, "unknown node \"" + name
                    + "\": not a member of this cluster (see GET /api/nodes)"));
        });
    }

    /** The body of {@code POST /api/control}. */
    public record ControlRequest(String action) {
    }

    private static final Set<String> ACTIONS = Set.of("pause", "resume", "stop");

    private CompletionStage<HttpResponse> control(ControlRequest c) {
        if (c.action() == null || !ACTIONS.contains(c.action())) {
            throw ApiException.badField("action", "must be \"pause\", \"resume\" or \"stop\""
                    + (c.action() == null ? "" : ", got \"" + c.action() + "\""));
        }
        return AskPattern.ask(node.coordinator(), (ActorRef<StatusReply<String>> r) ->
                new BackupCoordinator.Control(c.action(), r), ASK, node.system().scheduler()).thenApply(reply -> {
                    if (reply.isError()) {
                        String why = reply.getError().getMessage();
                        return why.startsWith(BackupCoordinator.CONFLICT)
                                ? ApiErrors.error(StatusCodes.CONFLICT, why.substring(BackupCoordinator.CONFLICT.length()))
                                : ApiErrors.error(StatusCodes.BAD_REQUEST, why);
                    }
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", reply.getValue());
                    m.put("action", c.action());
                    m.put("url", "/api/backups/" + reply.getValue());
                    return WebJson.ok(m);
                }).exceptionally(NodeRoutes::unavailable);
    }

    private CompletionStage<HttpResponse> job(String id) {
        return AskPattern.ask(node.coordinator(), (ActorRef<JobView> r) -> new BackupCoordinator.GetJob(id, r), ASK,
                node.system().scheduler()).thenApply(v -> {
                    if (!JobView.UNKNOWN.equals(v.state())) {
                        return WebJson.ok(NodeJson.job(v));
                    }
                    if (submitted.contains(id)) {
                        return WebJson.ok(NodeJson.job(new JobView(id, JobView.FAILED,
                                "the job was lost: the node running the coordinator left the cluster; run the backup"
                                        + " again (data already stored is reused)", 0, 0, 0, 0, 0, null)));
                    }
                    return ApiErrors.error(StatusCodes.NOT_FOUND, "no backup job " + id);
                }).exceptionally(NodeRoutes::unavailable);
    }

    /** The addresses of the members this node sees up, for {@code /api/health}. */
    public static List<String> membersUp(ClusterNode node) {
        List<String> up = new ArrayList<>();
        org.apache.pekko.cluster.typed.Cluster.get(node.system()).state().getMembers().forEach(m -> {
            if (m.status() == org.apache.pekko.cluster.MemberStatus.up()) {
                up.add(m.address().toString());
            }
        });
        return up;
    }

    static HttpResponse unavailable(Throwable ex) {
        Throwable c = ex.getCause() != null ? ex.getCause() : ex;
        return ApiErrors.error(StatusCodes.SERVICE_UNAVAILABLE, "no answer from the backup coordinator ("
                + c.getClass().getSimpleName() + "); retry shortly");
    }

    /** The body of {@code POST /api/backups}. */
    record BackupRequestJson(List<String> paths, String hostname, List<String> tags, List<String> excludes) {
        static BackupRequestJson parse(JsonNode n) {
            if (n == null || !n.isObject()) {
                throw new ApiException(StatusCodes.BAD_REQUEST, "the body must be a JSON object with \"paths\"");
            }
            n.fieldNames().forEachRemaining(f -> {
                if (!Set.of("paths", "hostname", "tags", "excludes").contains(f)) {
                    throw ApiException.badField(f, "unknown field (expected paths, hostname, tags, excludes)");
                }
            });
            JsonNode p = n.get("paths");
            if (p == null || !p.isArray() || p.isEmpty()) {
                throw ApiException.badField("paths", "must be a non-empty array of absolute paths");
            }
            List<String> paths = new ArrayList<>();
            for (JsonNode e : p) {
                if (!e.isTextual() || !e.asText().startsWith("/")) {
                    throw ApiException.badField("paths", "entry " + e + " is not an absolute path");
                }
                paths.add(e.asText());
            }
            if (n.has("hostname") && !n.get("hostname").isNull() && !n.get("hostname").isTextual()) {
                throw ApiException.badField("hostname", "must be a string");
            }
            String host = n.hasNonNull("hostname") ? n.get("hostname").asText() : defaultHost();
            List<String> tags = new ArrayList<>();
            if (n.has("tags")) {
                if (!n.get("tags").isArray()) {
                    throw ApiException.badField("tags", "must be an array of strings");
                }
                n.get("tags").forEach(t -> tags.add(t.asText()));
            }
            return new BackupRequestJson(paths, host, tags, excludes(n.get("excludes")));
        }

        /** restic exclude patterns, checked as the workers compile them. */
        private static List<String> excludes(JsonNode e) {
            if (e == null || e.isNull()) {
                return List.of();
            }
            if (!e.isArray()) {
                throw ApiException.badField("excludes", "must be an array of restic exclude patterns");
            }
            List<String> out = new ArrayList<>();
            for (JsonNode x : e) {
                if (!x.isTextual()) {
                    throw ApiException.badField("excludes", "entry " + x + " is not a string");
                }
                out.add(x.asText());
            }
            try {
                new io.chronosguard.engine.archiver.Excluder(out, false, false);
            } catch (IllegalArgumentException bad) {
                throw ApiException.badField("excludes", bad.getMessage());
            }
            return out;
        }

        private static String defaultHost() {
            return io.chronosguard.engine.repo.Host.current().hostname();
        }
    }
}
