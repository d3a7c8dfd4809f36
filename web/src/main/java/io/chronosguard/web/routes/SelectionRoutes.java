package io.chronosguard.web.routes;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.post;

import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.ApiException;
import io.chronosguard.web.RouteSet;
import io.chronosguard.web.WebJson;
import io.chronosguard.web.dto.Selection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /api/select} (admin) sets the folders the next backup takes by default —
 * absolute paths of folders that exist on this node; {@code GET /api/select} reads them. Kept
 * in {@code file} (in the state folder), so the choice survives a restart.
 */
public final class SelectionRoutes implements RouteSet {
    private final Path file;
    private final Executor blocking;

    public SelectionRoutes(Path file, Executor blocking) {
        this.file = file;
        this.blocking = blocking;
    }

    @Override
    public Route route(ApiAuth auth) {
        return pathPrefix("api", () -> path("select", () -> concat(
                get(() -> auth.reader(role -> async(() -> WebJson.ok(current())))),
                post(() -> auth.admin(() -> WebJson.body(Selection.class, s -> async(() -> WebJson.ok(save(s)))))))));
    }

    private Route async(Supplier<HttpResponse> work) {
        return completeWithFuture(CompletableFuture.supplyAsync(work, blocking));
    }

    /** The saved selection, or none. */
    public synchronized Selection current() {
        if (!Files.exists(file)) {
            return new Selection(List.of());
        }
        try {
            return WebJson.mapper().readValue(file.toFile(), Selection.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the saved selection " + file + ": " + e.getMessage(), e);
        }
    }

    synchronized Selection save(Selection s) {
        if (s.directories() == null) {
            throw ApiException.badField("directories", "is required (an array of absolute folder paths)");
        }
        LinkedHashSet<String> dirs = new LinkedHashSet<>();
        for (int i = 0; i < s.directories().size(); i++) {
            String field = "directories[" + i + "]";
            String d = s.directories().get(i);
            if (d == null || d.isBlank()) {
                throw ApiException.badField(field, "must be a folder path");
            }
            Path p = Params.absolutePath(d, problem -> ApiException.badField(field, problem)).normalize();
            if (!Files.isDirectory(p)) {
                throw ApiException.badField(field, p + " is not a folder on this node");
            }
            dirs.add(p.toString());
        }
        Selection saved = new Selection(new ArrayList<>(dirs));
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, WebJson.bytes(saved));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the selection to " + file + ": " + e.getMessage(), e);
        }
        return saved;
    }
}
