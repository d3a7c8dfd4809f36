package io.chronosguard.web;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Directives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Binds the HTTP API: the route sets given to the builder, in order, wrapped in
 * {@link ApiErrors} so every failure is JSON, on {@code 127.0.0.1} unless told otherwise.
 * The cluster's node routes and anything else are mounted by adding a {@link RouteSet}.
 */
public final class WebServer {
    public static final String DEFAULT_HOST = "127.0.0.1";

    private final ActorSystem<?> system;
    private final String host;
    private final int port;
    private final ApiAuth auth;
    private final List<RouteSet> routeSets;

    private WebServer(Builder b) {
        this.system = Objects.requireNonNull(b.system, "system");
        this.auth = Objects.requireNonNull(b.auth, "auth");
        this.host = b.host;
        this.port = b.port;
        this.routeSets = List.copyOf(b.routeSets);
    }

    public static Builder builder(ActorSystem<?> system, ApiAuth auth) {
        return new Builder(system, auth);
    }

    /**
     * Sent with every response: the page may load scripts, styles and connections only from
     * this server; no Referer, since download links may carry {@code ?token=}; no MIME sniffing.
     */
    static final List<HttpHeader> SECURITY_HEADERS = List.of(
            RawHeader.create("Content-Security-Policy", "default-src 'self'; connect-src 'self' ws: wss:;"
                    + " img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"),
            RawHeader.create("Referrer-Policy", "no-referrer"),
            RawHeader.create("X-Content-Type-Options", "nosniff"));

    /** All route sets, tried in order, inside the JSON error handling. */
    public Route route() {
        List<Route> routes = routeSets.stream().map(r -> r.route(auth)).toList();
        Route all = routes.isEmpty() ? Directives.reject()
                : routes.size() == 1 ? routes.get(0) : Directives.concat(routes.get(0),
                        routes.subList(1, routes.size()).toArray(Route[]::new));
        return Directives.respondWithDefaultHeaders(SECURITY_HEADERS, () -> ApiErrors.handle(all));
    }

    /** Binds; the stage fails when the address is taken or cannot be bound. */
    public CompletionStage<Binding> start() {
        return Http.get(system).newServerAt(host, port).bind(route()).thenApply(Binding::new);
    }

    /** A bound server: its address, and how to stop it. */
    public static final class Binding {
        private final ServerBinding binding;

        Binding(ServerBinding binding) {
            this.binding = binding;
        }

        public InetSocketAddress address() {
            return binding.localAddress();
        }

        /** {@code http://host:port} as a browser should open it. */
        public String url() {
            InetSocketAddress a = address();
            String h = a.getAddress().getHostAddress();
            return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + a.getPort();
        }

        /** Stops accepting, lets running requests finish for up to {@code grace}. */
        public CompletionStage<?> stop(Duration grace) {
            return binding.terminate(grace);
        }
    }

    public static final class Builder {
        private final ActorSystem<?> system;
        private final ApiAuth auth;
        private final List<RouteSet> routeSets = new ArrayList<>();
        private String host = DEFAULT_HOST;
        private int port = 8080;

        private Builder(ActorSystem<?> system, ApiAuth auth) {
            this.system = system;
            this.auth = auth;
        }

        public Builder host(String h) {
            this.host = Objects.requireNonNull(h, "host");
            return this;
        }

        /** 0 picks a free port (see {@link Binding#address()}). */
        public Builder port(int p) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + p);
            }
            this.port = p;
            return this;
        }

        public Builder add(RouteSet routes) {
            routeSets.add(Objects.requireNonNull(routes, "routes"));
            return this;
        }

        public Builder addAll(List<RouteSet> sets) {
            sets.forEach(this::add);
            return this;
        }

        public WebServer build() {
            return new WebServer(this);
        }
    }
}
