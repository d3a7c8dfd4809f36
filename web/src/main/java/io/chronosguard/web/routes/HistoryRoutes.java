package io.chronosguard.web.routes;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathEndOrSingleSlash;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.engine.catalog.RunSource;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.ApiException;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.dto.HistoryRun;
import io.chronosguard.web.dto.HistoryRunDetail;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/history?limit=&offset=&outcome=&source=&since=}: backup runs from the
 * history catalog (CLI and cluster runs, imported legacy runs), newest first, {@code limit}
 * (default 100) from {@code offset}; the {@code X-Total-Count} header gives how many match the
 * filters, for paging. {@code GET /api/history/{id}}: one run with its per-directory results. The catalog is opened on first use, so a server whose catalog is
 * unreachable still serves everything else and answers 503 here.
 */
public final class HistoryRoutes implements RouteSet, AutoCloseable {
    static final int MAX_LIMIT = 10_000;

    private final Supplier<Catalog> opener;
    private final Executor blocking;
    private Catalog catalog;

    public HistoryRoutes(Supplier<Catalog> opener, Executor blocking) {
        this.opener = opener;
        this.blocking = blocking;
    }

    @Override
    public Route route(ApiAuth auth) {
        return route(inner -> auth.reader(role -> inner.get()));
    }

    /** The same endpoints behind another access check, e.g. a cluster node's bearer token. */
    public Route route(Function<Supplier<Route>, Route> guard) {
        return pathPrefix("api", () -> pathPrefix("history", () -> concat(
                pathEndOrSingleSlash(() -> get(() -> guard.apply(() ->
                        parameterOptional("limit", limit -> parameterOptional("offset", offset ->
                                parameterOptional("outcome", outcome -> parameterOptional("source", source ->
                                        parameterOptional("since", since -> async(() ->
                                                history(limit, offset, outcome, source, since)))))))))),
                path(PathMatchers.segment(), id -> get(() -> guard.apply(() -> async(() -> run(id))))))));
    }

    private Route async(Supplier<HttpResponse> work) {
        return completeWithFuture(CompletableFuture.supplyAsync(work, blocking));
    }

    /** {@code GET /api/history/{id}}: the run and its per-directory results; 404 when there is no such run. */
    private HttpResponse run(String idText) {
        long id;
        try {
            id = Long.parseLong(idText);
        } catch (NumberFormatException e) {
            throw ApiException.notFound("no run " + idText + " in the history catalog (run ids are numbers)");
        }
        Catalog c = catalog();
        RunRecord r = c.run(id).orElseThrow(() -> ApiException.notFound("no run " + id + " in the history catalog"));
        return WebJson.ok(new HistoryRunDetail(HistoryRun.of(r), c.directoryResults(id)));
    }

    private HttpResponse history(Optional<String> limit, Optional<String> offset, Optional<String> outcome,
            Optional<String> source, Optional<String> since) {
        HistoryQuery q = new HistoryQuery(since.filter(s -> !s.isBlank()).map(HistoryRoutes::instant).orElse(null),
                wire(outcome, "outcome", s -> Outcome.parse(s).wire()),
                wire(source, "source", s -> RunSource.parse(s).wire()),
                Params.intIn(limit, "limit", 100, 1, MAX_LIMIT), Params.intIn(offset, "offset", 0, 0, Integer.MAX_VALUE));
        Catalog c = catalog();
        return WebJson.ok(c.history(q).stream().map(HistoryRun::of).toList())
                .addHeader(RawHeader.create("X-Total-Count", Long.toString(c.count(q))));
    }

    private static String wire(Optional<String> raw, String name, Function<String, String> parse) {
        if (raw.isEmpty() || raw.get().isBlank()) {
            return null;
        }
        try {
            return parse.apply(raw.get().trim());
        } catch (IllegalArgumentException e) {
            throw ApiException.badParameter(name, e.getMessage());
        }
    }

    private static Instant instant(String s) {
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.badParameter("since", "must be a time with offset such as 2026-03-10T14:00:00Z, got \""
                    + s + "\"");
        }
    }

    private synchronized Catalog catalog() {
        if (catalog == null) {
            try {
                catalog = opener.get();
            } catch (RuntimeException e) {
                throw new ApiException(StatusCodes.SERVICE_UNAVAILABLE, "the history catalog cannot be opened: "
                        + e.getMessage());
            }
        }
        return catalog;
    }

    @Override
    public synchronized void close() {
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }
}
