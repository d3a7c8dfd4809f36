package io.chronosguard.web.routes;

import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResource;
import static org.apache.pekko.http.javadsl.server.Directives.getFromResourceDirectory;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.RouteSet;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The dashboard: {@code /} is the page, {@code /static/...} its scripts and styles, all
 * from the jar; Chart.js comes from its WebJar, so the page needs no CDN. No token is
 * needed for these: they hold no data, and the page asks for the token itself.
 */
public final class StaticRoutes implements RouteSet {
    static final String BASE = "io/chronosguard/web/static";
    static final String CHART_JS = "META-INF/resources/webjars/chart.js/4.5.1/dist/chart.umd.js";

    @Override
    public Route route(ApiAuth auth) {
        return get(() -> concat(
                pathEndOrSingleSlash(() -> getFromResource(BASE + "/index.html")),
                pathPrefix("static", () -> concat(
                        path("chart.umd.js", () -> getFromResource(CHART_JS)),
                        getFromResourceDirectory(BASE)))));
    }
}
