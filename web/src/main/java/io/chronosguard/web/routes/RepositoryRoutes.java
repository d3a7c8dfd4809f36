package io.chronosguard.web.routes;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;
import static org.apache.pekko.http.javadsl.server.Directives.withRequestTimeout;

import io.chronosguard.engine.dump.Dumper;
import io.chronosguard.engine.dump.Selection;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.restorer.RestoreListener;
import io.chronosguard.engine.restorer.RestoreOptions;
import io.chronosguard.engine.restorer.RestoreResult;
import io.chronosguard.engine.restorer.Restorer;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.ApiException;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.dto.RestoreRequest;
import io.chronosguard.web.dto.RestoreResponse;
import io.chronosguard.web.dto.SnapshotDto;
import io.chronosguard.web.dto.TreeEntry;
import io.chronosguard.web.dto.TreeListing;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The read side of one repository over HTTP — {@code GET /api/snapshots},
 * {@code /api/snapshots/{id}/tree?path=}, {@code /api/search?q=&page=&size=},
 * {@code /api/snapshots/{id}/download} (see {@link Downloads}) — and, for admins,
 * {@code POST /api/restore}. Engine calls block, so each runs on {@code blocking}.
 * {@code {id}} is a snapshot id, a unique prefix, or {@code latest}.
 */
public final class RepositoryRoutes implements RouteSet {
    static final int MAX_PAGE_SIZE = 500;
    /** Pekko answers 503 after 20 s by default; a search over many snapshots may take longer. */
    static final Duration SEARCH_TIMEOUT = Duration.ofMinutes(5);
    /** The restore answers when done, which for a large snapshot takes a while. */
    static final Duration RESTORE_TIMEOUT = Duration.ofHours(12);

    private final RepositoryAccess access;
    private final Executor blocking;
    private final Downloads downloads;
    private final int restoreThreads;

    public RepositoryRoutes(RepositoryAccess access, Executor blocking, Downloads downloads, int restoreThreads) {
        this.access = access;
        this.blocking = blocking;
        this.downloads = downloads;
        this.restoreThreads = Math.max(1, restoreThreads);
    }

    @Override
    public Route route(ApiAuth auth) {
        return pathPrefix("api", () -> concat(
                path("snapshots", () -> get(() -> auth.reader(role -> async(this::snapshots)))),
                pathPrefix("snapshots", () -> pathPrefix(PathMatchers.segment(), id -> snapshot(auth, id))),
                path("search", () -> get(() -> auth.reader(role -> withRequestTimeout(SEARCH_TIMEOUT,
                        this::searchRoute)))),
                path("restore", () -> post(() -> auth.admin(() -> withRequestTimeout(RESTORE_TIMEOUT,
                        () -> WebJson.body(RestoreRequest.class, req -> async(() -> restore(req)))))))));
    }

    private Route snapshot(ApiAuth auth, String id) {
        return concat(
                path("tree", () -> get(() -> auth.reader(role -> parameterOptional("path",
                        p -> async(() -> tree(id, p.orElse("/"))))))),
                path("download", () -> get(() -> auth.reader(role -> downloads.route(id)))));
    }

    private Route searchRoute() {
        return parameterOptional("q", q -> parameterOptional("page", page -> parameterOptional("size",
                size -> async(() -> search(q, page, size)))));
    }

    private Route async(Supplier<HttpResponse> work) {
        return completeWithFuture(CompletableFuture.supplyAsync(work, blocking));
    }

    private HttpResponse snapshots() {
        List<SnapshotDto> list = access.read(repo -> Snapshots.all(repo).stream().map(SnapshotDto::of).toList());
        return WebJson.ok(list);
    }

    private HttpResponse tree(String snapshot, String path) {
        return WebJson.ok(access.read(repo -> {
            Snapshots.Entry e = Snapshots.find(repo, snapshot);
            Selection sel = new Dumper(BlobLoader.of(repo)).select(Id.parse(e.snapshot().tree()), path);
            if (!sel.isDirectory()) {
                throw ApiException.badParameter("path", sel.path() + " is a " + sel.kind() + ", not a directory");
            }
            List<TreeEntry> entries = repo.loadTree(sel.tree()).nodes().stream()
                    .map(n -> TreeEntry.of(sel.path(), n)).toList();
            return new TreeListing(e.id().hex(), sel.path(), entries);
        }));
    }

    private HttpResponse search(Optional<String> q, Optional<String> page, Optional<String> size) {
        String query = Params.required(q, "q");
        int p = Params.intIn(page, "page", 1, 1, Integer.MAX_VALUE / MAX_PAGE_SIZE);
        int s = Params.intIn(size, "size", 50, 1, MAX_PAGE_SIZE);
        return WebJson.ok(access.read(repo -> new SnapshotSearch(BlobLoader.of(repo), query,
                SnapshotSearch.DEFAULT_CAP).search(Snapshots.all(repo), p, s)));
    }

    private HttpResponse restore(RestoreRequest req) {
        String snapshot = required(req.snapshot(), "snapshot");
        String target = required(req.target(), "target");
        Path dir = Params.absolutePath(target, problem -> ApiException.badField("target", problem));
        String path = req.path() == null || req.path().isBlank() ? "/" : req.path();
        return WebJson.ok(access.read(repo -> restore(repo, snapshot, path, dir)));
    }

    private RestoreResponse restore(Repository repo, String snapshot, String path, Path target) {
        Snapshots.Entry e = Snapshots.find(repo, snapshot);
        Id root = Id.parse(e.snapshot().tree());
        Selection sel = new Dumper(BlobLoader.of(repo)).select(root, path);
        List<String> includes = sel.isRoot() ? List.of() : List.of(sel.path());
        RestoreResult r = new Restorer(repo, RestoreListener.NONE).restore(root, new RestoreOptions(target, includes, restoreThreads));
        return new RestoreResponse(e.id().hex(), sel.path(), target.toString(), r.files(), r.dirs(), r.symlinks(),
                r.other(), r.bytes(), r.errors());
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw ApiException.badField(field, "is required");
        }
        return value;
    }
}
