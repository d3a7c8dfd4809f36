package io.chronosguard.web.routes;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.chronosguard.coordinator.monitor.Folders;
import io.chronosguard.coordinator.protocol.FolderListing;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.ApiException;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.dto.BrowseEntry;
import io.chronosguard.web.dto.BrowseListing;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /api/browse?path=&node=}: the folders under {@code path} (default {@code /})
 * on this machine, for the dashboard's directory picker. Admin only: it shows the server's
 * file system, and only an admin can start a backup. {@code node} may name this node (or be
 * left out); on a cluster node, {@link io.chronosguard.web.node.NodeRoutes} answers for the others.
 */
public final class BrowseRoutes implements RouteSet {
    private final String node;
    private final Executor blocking;

    public BrowseRoutes(String node, Executor blocking) {
        this.node = node;
        this.blocking = blocking;
    }

    @Override
    public Route route(ApiAuth auth) {
        return pathPrefix("api", () -> path("browse", () -> get(() -> auth.admin(() ->
                parameterOptional("path", p -> parameterOptional("node", n -> completeWithFuture(
                        CompletableFuture.supplyAsync(() -> browse(p, n), blocking))))))));
    }

    HttpResponse browse(Optional<String> rawPath, Optional<String> rawNode) {
        if (rawNode.isPresent() && !rawNode.get().isBlank() && !rawNode.get().equals(node)) {
            throw ApiException.notFound("unknown node \"" + rawNode.get() + "\": this server is node \"" + node + "\"");
        }
        return respond(Folders.list(node, rawPath.filter(s -> !s.isBlank()).orElse("/")));
    }

    /** A listing as the API answers it (this node's, or another node's from its monitor). */
    public static HttpResponse respond(FolderListing l) {
        switch (l.problem()) {
            case FolderListing.OK -> {
                return WebJson.ok(new BrowseListing(l.node(), l.path(), l.parent(), l.folders().stream()
                        .map(f -> new BrowseEntry(f.name(), f.path(), f.readable())).toList()));
            }
            case "not-found" -> throw ApiException.notFound(l.detail());
            case "forbidden" -> throw new ApiException(StatusCodes.FORBIDDEN, l.detail());
            default -> throw ApiException.badParameter("path", l.detail());
        }
    }
}
