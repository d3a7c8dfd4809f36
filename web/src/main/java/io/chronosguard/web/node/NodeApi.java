package io.chronosguard.web.node;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.coordinator.cluster.ClusterNode;
import io.chronosguard.coordinator.monitor.NodeMonitor;
import io.chronosguard.coordinator.protocol.JobView;
import io.chronosguard.coordinator.protocol.NodeStatus;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.web.ApiErrors;
import io.chronosguard.web.routes.HistoryRoutes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Rejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;

/**
 * A node's HTTP API: {@code GET /api/health} (open), and behind the bearer token
 * {@code GET /agent-card}, {@code GET /api/nodes}, {@code POST /api/backups},
 * {@code GET /api/backups/{id}} and {@code GET /api/history} (this node's history catalog).
 * Every error is JSON {@code {"error","detail"}}.
 */
public final class NodeApi extends AllDirectives {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASK = Duration.ofSeconds(10);

    private final ClusterNode node;
    private final BearerToken token;
    private final HistoryRoutes history;
    /** Jobs submitted through this node, so a job the coordinator lost reads as failed, not as unknown. */
    private final Set<String> submitted = ConcurrentHashMap.newKeySet();

    /** @param history the node's {@code GET /api/history}, reading the catalog the coordinator records into */
    public NodeApi(ClusterNode node, BearerToken token, HistoryRoutes history) {
        this.node = node;
        this.token = token;
        this.history = history;
    }

    /** Serves the API on {@code host:port}. */
    public CompletionStage<ServerBinding> bind(String host, int port) {
        return Http.get(node.system()).newServerAt(host, port).bind(routes());
    }

    public Route routes() {
        RejectionHandler rejections = RejectionHandler.newBuilder()
                .handle(MethodRejection.class, r -> json(StatusCodes.METHOD_NOT_ALLOWED,
                        NodeJson.error("method not allowed", "use " + r.supported().value())))
                .handleAll(Rejection.class, rs -> json(StatusCodes.BAD_REQUEST,
                        NodeJson.error("bad request", rs.get(0).toString())))
                .handleNotFound(json(StatusCodes.NOT_FOUND, NodeJson.error("not found", "no such endpoint")))
                .build();
        return handleRejections(rejections, () -> concat(
                path(PathMatchers.segment("api").slash("health"), () -> get(this::health)),
                authorized(() -> concat(
                        path("agent-card", () -> get(() -> json(StatusCodes.OK,
                                NodeJson.capabilities(node.capabilities())))),
                        path(PathMatchers.segment("api").slash("nodes"), () -> get(() ->
                                completeWithFuture(nodes()))),
                        path(PathMatchers.segment("api").slash("backups"), () -> post(() ->
                                entity(Unmarshaller.entityToString(), body -> completeWithFuture(submit(body))))),
                        path(PathMatchers.segment("api").slash("backups").slash(PathMatchers.segment()), id ->
                                get(() -> completeWithFuture(job(id)))),
                        handleExceptions(ApiErrors.exceptions(), () -> history.route(Supplier::get))))));
    }

    private Route authorized(Supplier<Route> inner) {
        return optionalHeaderValueByName("Authorization", h -> token.accepts(h.orElse(null)) ? inner.get()
                : respondWithHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "chronosguard")), () ->
                json(StatusCodes.UNAUTHORIZED, NodeJson.error("unauthorized",
                        "send Authorization: Bearer <the CHRONOSGUARD_API_TOKEN of the node>"))));
    }

    private Route health() {
        Cluster c = Cluster.get(node.system());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "ok");
        m.put("node", node.capabilities().node());
        m.put("member_status", c.selfMember().status().toString());
        List<String> up = new ArrayList<>();
        c.state().getMembers().forEach(mb -> {
            if (mb.status() == MemberStatus.up()) {
                up.add(mb.address().toString());
            }
        });
        m.put("members_up", up);
        return json(StatusCodes.OK, m);
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
                return response(StatusCodes.OK, Map.of("nodes", out));
            });
        }).exceptionally(ex -> unavailable(ex));
    }

    private CompletionStage<HttpResponse> submit(String body) {
        BackupRequestJson req;
        try {
            req = BackupRequestJson.parse(JSON.readTree(body));
        } catch (JsonProcessingException e) {
            return CompletableFuture.completedFuture(response(StatusCodes.BAD_REQUEST,
                    NodeJson.error("bad request", "the body is not JSON: " + e.getOriginalMessage())));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.completedFuture(response(StatusCodes.BAD_REQUEST,
                    NodeJson.error("bad request", e.getMessage())));
        }
        return AskPattern.ask(node.coordinator(), (ActorRef<StatusReply<String>> r) ->
                new BackupCoordinator.StartBackup(req.paths(), req.hostname(), req.tags(), r), ASK,
                node.system().scheduler()).thenApply(reply -> {
                    if (reply.isError()) {
                        return response(StatusCodes.BAD_REQUEST, NodeJson.error("backup refused",
                                reply.getError().getMessage()));
                    }
                    String id = reply.getValue();
                    submitted.add(id);
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("id", id);
                    m.put("url", "/api/backups/" + id);
                    return response(StatusCodes.ACCEPTED, m);
                }).exceptionally(this::unavailable);
    }

    private CompletionStage<HttpResponse> job(String id) {
        return AskPattern.ask(node.coordinator(), (ActorRef<JobView> r) -> new BackupCoordinator.GetJob(id, r), ASK,
                node.system().scheduler()).thenApply(v -> {
                    if (!JobView.UNKNOWN.equals(v.state())) {
                        return response(StatusCodes.OK, NodeJson.job(v));
                    }
                    if (submitted.contains(id)) {
                        return response(StatusCodes.OK, NodeJson.job(new JobView(id, JobView.FAILED,
                                "the job was lost: the node running the coordinator left the cluster; run the backup"
                                        + " again (data already stored is reused)", 0, 0, 0, 0, 0, null)));
                    }
                    return response(StatusCodes.NOT_FOUND, NodeJson.error("not found", "no backup job " + id));
                }).exceptionally(this::unavailable);
    }

    private HttpResponse unavailable(Throwable ex) {
        Throwable c = ex.getCause() != null ? ex.getCause() : ex;
        return response(StatusCodes.SERVICE_UNAVAILABLE, NodeJson.error("coordinator unavailable",
                "no answer from the backup coordinator (" + c.getClass().getSimpleName() + "); retry shortly"));
    }

    private Route json(StatusCode status, Object body) {
        return complete(response(status, body));
    }

    static HttpResponse response(StatusCode status, Object body) {
        try {
            return HttpResponse.create().withStatus(status)
                    .withEntity(ContentTypes.APPLICATION_JSON, JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body of {@code POST /api/backups}. */
    record BackupRequestJson(List<String> paths, String hostname, List<String> tags) {
        static BackupRequestJson parse(JsonNode n) {
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object with \"paths\"");
            }
            JsonNode p = n.get("paths");
            if (p == null || !p.isArray() || p.isEmpty()) {
                throw new IllegalArgumentException("\"paths\" must be a non-empty array of absolute paths");
            }
            List<String> paths = new ArrayList<>();
            for (JsonNode e : p) {
                if (!e.isTextual() || !e.asText().startsWith("/")) {
                    throw new IllegalArgumentException("\"paths\" entry " + e + " is not an absolute path");
                }
                paths.add(e.asText());
            }
            String host = n.hasNonNull("hostname") ? n.get("hostname").asText() : defaultHost();
            List<String> tags = new ArrayList<>();
            if (n.has("tags")) {
                if (!n.get("tags").isArray()) {
                    throw new IllegalArgumentException("\"tags\" must be an array of strings");
                }
                n.get("tags").forEach(t -> tags.add(t.asText()));
            }
            return new BackupRequestJson(paths, host, tags);
        }

        private static String defaultHost() {
            return io.chronosguard.engine.repo.Host.current().hostname();
        }
    }
}
