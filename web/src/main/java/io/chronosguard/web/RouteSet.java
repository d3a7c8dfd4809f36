package io.chronosguard.web;

import org.apache.pekko.http.javadsl.server.Route;

/**
 * One group of routes a {@link WebServer} mounts: the repository API, the dashboard, the
 * progress WebSocket, and later the cluster's job and node routes. Each gets the server's
 * {@link ApiAuth} to guard itself with {@link ApiAuth#reader} or {@link ApiAuth#admin}.
 */
@FunctionalInterface
public interface RouteSet {
    Route route(ApiAuth auth);
}
