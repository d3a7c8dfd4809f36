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
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/health} (no token: for load balancers and scripts) and
 * {@code GET /api/session} (what the presented token may do, for the dashboard).
 */
public final class HealthRoutes implements RouteSet {
    public static final String VERSION = "0.1.0";

    private final String node;
    private final String repository;

    public HealthRoutes(String node, String repository) {
        this.node = node;
        this.repository = repository;
    }

    @Override
    public Route route(ApiAuth auth) {
        return pathPrefix("api", () -> concat(
                path("health", () -> get(() -> complete(WebJson.ok(new Health("ok", node, VERSION))))),
                path("session", () -> get(() -> auth.reader(role ->
                        complete(WebJson.ok(new Session(role.json(), node, repository))))))));
    }
}
