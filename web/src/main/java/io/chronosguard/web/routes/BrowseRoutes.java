package io.chronosguard.web.routes;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;

import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.ApiException;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.dto.BrowseEntry;
import io.chronosguard.web.dto.BrowseListing;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
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
 * left out); other nodes are the cluster's to answer.
 */
public final class BrowseRoutes implements RouteSet {
    static final int MAX_ENTRIES = 2000;

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
        String given = rawPath.filter(s -> !s.isBlank()).orElse("/");
        Path dir = Params.absolutePath(given, problem -> ApiException.badParameter("path", problem)).normalize();
        if (!Files.exists(dir)) {
            throw ApiException.notFound("folder " + dir + " does not exist on node " + node);
        }
        if (!Files.isDirectory(dir)) {
            throw ApiException.badParameter("path", dir + " is not a folder");
        }
        List<BrowseEntry> dirs = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path p : ds) {
                if (dirs.size() >= MAX_ENTRIES) {
                    break;
                }
                dirs.add(new BrowseEntry(p.getFileName().toString(), p.toString(),
                        Files.isReadable(p) && Files.isExecutable(p)));
            }
        } catch (IOException | SecurityException e) {
            throw new ApiException(StatusCodes.FORBIDDEN, "cannot list " + dir + " on node " + node + ": "
                    + e.getMessage());
        }
        dirs.sort(Comparator.comparing(BrowseEntry::name));
        Path parent = dir.getParent();
        return WebJson.ok(new BrowseListing(node, dir.toString(), parent == null ? null : parent.toString(), dirs));
    }
}
