package io.chronosguard.web.routes;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.dto.Health;
import io.chronosguard.web.dto.Session;
import java.util.List;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/health} (no token: for load balancers, scripts and the cluster launcher) and
 * {@code GET /api/session} (what the presented token may do, for the dashboard).
 */
public final class HealthRoutes implements RouteSet {
    public static final String VERSION = "0.1.0";

    private final String node;
    private final String repository;
    private final Supplier<List<String>> members;

    /** @param members the cluster members seen up, or a supplier of null outside a cluster */
    public HealthRoutes(String node, String repository, Supplier<List<String>> members) {
        this.node = node;
        this.repository = repository;
        this.members = members;
    }

    @Override
    public Route route(ApiAuth auth) {
        return pathPrefix("api", () -> concat(
                path("health", () -> get(() -> complete(WebJson.ok(new Health("ok", node, VERSION, members.get()))))),
                path("session", () -> get(() -> auth.reader(role ->
                        complete(WebJson.ok(new Session(role.json(), node, repository))))))));
    }
}
