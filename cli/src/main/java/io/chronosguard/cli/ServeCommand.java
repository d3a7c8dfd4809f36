package io.chronosguard.cli;

import com.typesafe.config.ConfigFactory;
import io.chronosguard.config.Settings;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.web.ApiAuth;
import io.chronosguard.web.Dashboard;
import io.chronosguard.web.WebServer;
import io.chronosguard.web.metrics.Metrics;
import io.chronosguard.web.metrics.MetricsRoutes;
import io.chronosguard.web.ws.IdleProgress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code serve [--http HOST:PORT]}: the web API, progress WebSocket and dashboard for one
 * repository, until interrupted. Listens on {@code http.host}/{@code http.port}
 * (127.0.0.1:8080 by default). Without {@code CHRONOSGUARD_API_TOKEN}, prints a generated
 * admin token once.
 */
@Command(name = "serve", description = {"Serve the web API and dashboard for the repository (until Ctrl-C).",
    "Tokens: CHRONOSGUARD_API_TOKEN (admin; generated and printed once when unset),"
            + " CHRONOSGUARD_VIEWER_TOKEN (read-only)."})
final class ServeCommand implements Callable<Integer> {
    /** Pekko logs through SLF4J (the CLI's logback: warnings and up, on stderr). */
    private static final String PEKKO_CONFIG = String.join("\n",
            "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]",
            "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"",
            "pekko.loglevel = WARNING",
            "pekko.stdout-loglevel = OFF",
            "pekko.http.server.server-header = chronosguard");

    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = "--http", paramLabel = "HOST:PORT",
            description = "Address to listen on (default: http.host:http.port, 127.0.0.1:8080); port 0 picks one.")
    String http;

    @Override
    public Integer call() throws InterruptedException {
        CliContext ctx = parent.ctx();
        Settings settings = ctx.settings();
        HostPort at = http == null ? new HostPort(settings.httpHost(), settings.httpPort()) : HostPort.parse(http);
        Repository repo = ctx.openRepository();
        // Logging set up before Pekko starts, so SLF4J does not warn about replayed early calls.
        LoggerFactory.getLogger(ServeCommand.class);
        ExecutorService blocking = Executors.newCachedThreadPool(daemonThreads());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "chronosguard",
                ConfigFactory.parseString(PEKKO_CONFIG).withFallback(ConfigFactory.load()));
        String node = Host.current().hostname();
        Dashboard dashboard = new Dashboard(new Dashboard.Setup(repo, ctx.repositoryLabel(), node,
                settings.workers(), ctx::openCatalog, new IdleProgress(node, at.toString(), ctx.diskOfRepository(),
                        List.of("serve"), Clock.systemUTC()), settings.stateDir(), blocking, system));
        Metrics metrics = new Metrics(repo, ctx::openCatalog, () -> 0, () -> 0, Clock.systemUTC());
        try {
            ApiAuth auth = ApiAuth.fromEnvironment(ctx.env(), ctx.out());
            WebServer.Binding binding = bind(WebServer.builder(system, auth).host(at.host()).port(at.port())
                    .add(new MetricsRoutes(metrics, blocking)).addAll(dashboard.routeSets()).build(), at);
            ctx.out().println("serving " + ctx.repositoryLabel() + " at " + binding.url() + "/ (Ctrl-C to stop)");
            ctx.out().flush();
            system.getWhenTerminated().toCompletableFuture().get();
            return ExitCode.OK;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ExitCode.OK;
        } catch (ExecutionException e) {
            throw new CliException(ExitCode.FAILED, "the server stopped: " + e.getCause());
        } finally {
            system.terminate();
            blocking.shutdownNow();
            system.getWhenTerminated().toCompletableFuture().completeOnTimeout(null, 10, TimeUnit.SECONDS).join();
            dashboard.close();
            metrics.close();
            repo.close();
        }
    }

    private static WebServer.Binding bind(WebServer server, HostPort at) throws InterruptedException {
        try {
            return server.start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            while (c.getCause() != null && c.getCause() != c) {
                c = c.getCause();
            }
            String why = c.getMessage() != null ? c.getMessage().replaceFirst("^\\[[^]]*\\] ", "") : c.toString();
            throw new CliException(ExitCode.IO, "cannot listen on " + at + ": " + why);
        } catch (TimeoutException e) {
            throw new CliException(ExitCode.IO, "cannot listen on " + at + ": no answer within "
                    + Duration.ofSeconds(30).toSeconds() + " s");
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "web-io-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** {@code HOST:PORT}, {@code [IPv6]:PORT} or a bare {@code PORT} (on 127.0.0.1). */
    record HostPort(String host, int port) {
        static HostPort parse(String s) {
            String v = s.trim();
            int colon = v.lastIndexOf(':');
            String host = colon < 0 ? WebServer.DEFAULT_HOST : v.substring(0, colon);
            String port = v.substring(colon + 1);
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int p;
            try {
                p = Integer.parseInt(port);
            } catch (NumberFormatException e) {
                p = -1;
            }
            if (host.isEmpty() || p < 0 || p > 65535) {
                throw new CliException(ExitCode.USAGE, "--http: expected HOST:PORT with a port 0..65535, got \""
                        + s + "\"");
            }
            return new HostPort(host, p);
        }

        @Override
        public String toString() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }
}
