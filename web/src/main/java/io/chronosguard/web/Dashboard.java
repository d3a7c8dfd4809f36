package io.chronosguard.web;

import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.web.routes.BrowseRoutes;
import io.chronosguard.web.routes.Downloads;
import io.chronosguard.web.routes.HealthRoutes;
import io.chronosguard.web.routes.HistoryRoutes;
import io.chronosguard.web.routes.RepositoryAccess;
import io.chronosguard.web.routes.RepositoryRoutes;
import io.chronosguard.web.routes.SelectionRoutes;
import io.chronosguard.web.routes.StaticRoutes;
import io.chronosguard.web.ws.ProgressSocket;
import io.chronosguard.web.ws.ProgressSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.apache.pekko.actor.ClassicActorSystemProvider;

/**
 * Everything a node serves for one repository, as route sets for a {@link WebServer}:
 * health and session, the repository API (snapshots, trees, search, downloads, restore),
 * history, the folder picker and default selection, progress over {@code /ws} and {@code /api/status}, and the page.
 * {@code serve} mounts these alone with an idle {@link ProgressSource}; a cluster node mounts
 * them beside its job and node routes with its own progress.
 */
public final class Dashboard implements AutoCloseable {
    /**
     * @param repositoryLabel how the session endpoint names the repository (its location)
     * @param stateDir        where the default folder selection is kept
     * @param blocking        runs engine calls and download writers; should grow with demand
     */
    public record Setup(Repository repository, String repositoryLabel, String node, int restoreThreads,
            Supplier<Catalog> catalog, ProgressSource progress, Path stateDir, Executor blocking,
            ClassicActorSystemProvider system) {
    }

    private final HistoryRoutes history;
    private final List<RouteSet> routeSets;

    public Dashboard(Setup s) {
        this(s, () -> null);
    }

    /** @param members a cluster node's members seen up, for {@code /api/health} */
    public Dashboard(Setup s, Supplier<List<String>> members) {
        RepositoryAccess access = new RepositoryAccess(s.repository(), Clock.systemUTC(), Host.current());
        this.history = new HistoryRoutes(s.catalog(), s.blocking());
        this.routeSets = List.of(
                new HealthRoutes(s.node(), s.repositoryLabel(), members),
                new RepositoryRoutes(access, s.blocking(), new Downloads(access, s.blocking(), s.system()),
                        s.restoreThreads()),
                history,
                new BrowseRoutes(s.node(), s.blocking()),
                new SelectionRoutes(s.stateDir().resolve("selection.json"), s.blocking()),
                new ProgressSocket(s.progress()),
                new StaticRoutes());
    }

    public List<RouteSet> routeSets() {
        return routeSets;
    }

    /** Closes the history catalog if it was opened; the repository stays the caller's. */
    @Override
    public void close() {
        history.close();
    }
}
