package io.chronosguard.web.metrics;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;

import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.RouteSet;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /metrics} for readers (the viewer or the admin token, as {@code Authorization:
 * Bearer}, which Prometheus sends with {@code authorization.credentials_file}): metrics name
 * hosts, paths and sizes, which are not for anyone on the network. Scraping reads the catalog,
 * so it runs on the blocking executor.
 */
public final class MetricsRoutes implements RouteSet {
    /** {@code text/plain; version=0.0.4; charset=utf-8}. */
    static final ContentType TEXT_004 = ContentTypes.parse(Metrics.CONTENT_TYPE);

    private final Metrics metrics;
    private final Executor blocking;

    public MetricsRoutes(Metrics metrics, Executor blocking) {
        this.metrics = metrics;
        this.blocking = blocking;
    }

    @Override
    public Route route(ApiAuth auth) {
        return path("metrics", () -> get(() -> auth.reader(role -> completeWithFuture(
                CompletableFuture.supplyAsync(metrics::scrape, blocking).thenApply(text ->
                        HttpResponse.create().withEntity(HttpEntities.create(TEXT_004, text.getBytes(StandardCharsets.UTF_8))))))));
    }

}
