package io.chronosguard.web.node;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.entity;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.put;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chronosguard.config.daemon.DaemonConfig;
import io.chronosguard.config.daemon.DaemonConfigException;
import io.chronosguard.config.daemon.DaemonConfigJson;
import io.chronosguard.config.daemon.DaemonConfigParser;
import io.chronosguard.coordinator.daemon.ConfigReplica;
import io.chronosguard.coordinator.daemon.Daemon;
import io.chronosguard.coordinator.daemon.ScheduleStatus;
import io.chronosguard.coordinator.daemon.Scheduler;
import io.chronosguard.coordinator.daemon.Versioned;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.ApiErrors;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;
import org.apache.pekko.pattern.StatusReply;

/**
 * The daemon configuration and the scheduler over HTTP: {@code GET /api/config} (any token:
 * {@code {"version", "config"}}), {@code PUT /api/config} (admin; the body is the
 * configuration document {@code {"sources": [...], "prune": {...}, "alerts": {...}}}; 400
 * naming the field when it is invalid; every node applies it at runtime) and
 * {@code GET /api/schedule} (any token: the scheduler's status).
 */
public final class ConfigRoutes implements RouteSet {
    private static final Duration ASK = Duration.ofSeconds(10);

    private final ActorSystem<?> system;
    private final Daemon daemon;

    public ConfigRoutes(ActorSystem<?> system, Daemon daemon) {
        this.system = system;
        this.daemon = daemon;
    }

    @Override
    public Route route(ApiAuth auth) {
        return concat(
                path(PathMatchers.segment("api").slash("config"), () -> concat(
                        get(() -> auth.reader(role -> completeWithFuture(current()))),
                        put(() -> auth.admin(() -> entity(Unmarshaller.entityToString(),
                                body -> completeWithFuture(push(body))))))),
                path(PathMatchers.segment("api").slash("schedule"), () -> get(() -> auth.reader(role ->
                        completeWithFuture(schedule())))));
    }

    private CompletionStage<HttpResponse> current() {
        return AskPattern.ask(daemon.config(), (ActorRef<Versioned> r) -> new ConfigReplica.Get(r), ASK,
                system.scheduler()).thenApply(v -> WebJson.ok(body(v))).exceptionally(NodeRoutes::unavailable);
    }

    private CompletionStage<HttpResponse> push(String body) {
        DaemonConfig config;
        try {
            JsonNode tree = WebJson.mapper().readTree(body);
            if (tree == null || !tree.isObject()) {
                return done(ApiErrors.error(StatusCodes.BAD_REQUEST,
                        "the body must be a JSON object with \"sources\", \"prune\" and \"alerts\""));
            }
            config = io.chronosguard.engine.daemon.SourceExcludes.check(DaemonConfigParser.parse(body));
        } catch (JsonProcessingException e) {
            return done(ApiErrors.error(StatusCodes.BAD_REQUEST, "the body is not JSON: " + e.getOriginalMessage()));
        } catch (DaemonConfigException e) {
            return done(ApiErrors.error(StatusCodes.BAD_REQUEST, e.getMessage()));
        }
        return AskPattern.ask(daemon.config(), (ActorRef<StatusReply<Versioned>> r) -> new ConfigReplica.Put(config,
                r), ASK, system.scheduler()).thenApply(reply -> reply.isError()
                        ? ApiErrors.error(StatusCodes.SERVICE_UNAVAILABLE, reply.getError().getMessage())
                        : WebJson.ok(body(reply.getValue()))).exceptionally(NodeRoutes::unavailable);
    }

    private CompletionStage<HttpResponse> schedule() {
        return AskPattern.ask(daemon.scheduler(), (ActorRef<ScheduleStatus> r) -> new Scheduler.GetStatus(r), ASK,
                system.scheduler()).thenApply(WebJson::ok).exceptionally(ex -> ApiErrors.error(
                        StatusCodes.SERVICE_UNAVAILABLE, "no answer from the scheduler; retry shortly"));
    }

    private static Map<String, Object> body(Versioned v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        try {
            m.put("config", WebJson.mapper().readTree(DaemonConfigJson.render(v.config())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("rendered daemon configuration is not JSON", e);
        }
        return m;
    }

    private static CompletionStage<HttpResponse> done(HttpResponse r) {
        return CompletableFuture.completedFuture(r);
    }
}
