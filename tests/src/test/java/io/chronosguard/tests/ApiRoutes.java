package io.chronosguard.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every route of {@code serve} and {@code node --http}, as {@link ApiFuzzIT} attacks them. There
 * is no route registry, so {@link #literalsInSources} reads the path literals out of the web
 * module's sources: a route added there without a row here fails the fuzz test.
 */
final class ApiRoutes {
    /** Who may call a route. */
    enum Access { PUBLIC, READER, ADMIN }

    /**
     * One route. {@code template} segments in braces take a value ({@code {id}} a snapshot or
     * job id); {@code params} are its query parameters; {@code mutating} routes must refuse
     * anonymous (401) and viewer (403) callers.
     */
    record Route(String method, String template, Access access, boolean mutating, boolean nodeOnly,
            List<String> params) {
        boolean admin() {
            return access == Access.ADMIN;
        }
    }

    static final List<Route> ALL = List.of(
            new Route("GET", "/", Access.PUBLIC, false, false, List.of()),
            new Route("GET", "/static/{file}", Access.PUBLIC, false, false, List.of()),
            new Route("GET", "/static/chart.umd.js", Access.PUBLIC, false, false, List.of()),
            new Route("GET", "/api/health", Access.PUBLIC, false, false, List.of()),
            new Route("GET", "/api/session", Access.READER, false, false, List.of()),
            new Route("GET", "/api/status", Access.READER, false, false, List.of()),
            new Route("GET", "/ws", Access.READER, false, false, List.of("token")),
            new Route("GET", "/api/snapshots", Access.READER, false, false, List.of()),
            new Route("GET", "/api/snapshots/{id}/tree", Access.READER, false, false, List.of("path")),
            new Route("GET", "/api/snapshots/{id}/download", Access.READER, false, false, List.of("path", "format")),
            new Route("GET", "/api/search", Access.READER, false, false, List.of("q", "page", "size")),
            new Route("POST", "/api/restore", Access.ADMIN, true, false, List.of()),
            new Route("GET", "/api/history", Access.READER, false, false,
                    List.of("limit", "offset", "outcome", "source", "since")),
            new Route("GET", "/api/history/{id}", Access.READER, false, false, List.of()),
            new Route("GET", "/api/select", Access.READER, false, false, List.of()),
            new Route("POST", "/api/select", Access.ADMIN, true, false, List.of()),
            new Route("GET", "/api/browse", Access.ADMIN, false, false, List.of("path", "node")),
            new Route("GET", "/agent-card", Access.READER, false, true, List.of()),
            new Route("GET", "/api/nodes", Access.READER, false, true, List.of()),
            new Route("POST", "/api/backups", Access.ADMIN, true, true, List.of()),
            new Route("GET", "/api/backups/{id}", Access.READER, false, true, List.of()),
            new Route("POST", "/api/control", Access.ADMIN, true, true, List.of()),
            new Route("GET", "/metrics", Access.READER, false, false, List.of()),
            new Route("GET", "/api/config", Access.READER, false, true, List.of()),
            new Route("PUT", "/api/config", Access.ADMIN, true, true, List.of()),
            new Route("GET", "/api/schedule", Access.READER, false, true, List.of()));

    private static final Pattern LITERAL = Pattern.compile(
            "(?:\\bpath|pathPrefix|segment|slash)\\(\"([^\"]+)\"");

    private ApiRoutes() {
    }

    /** The path segments the route sets match on, read from {@code web/src/main/java}. */
    static Set<String> literalsInSources() throws IOException {
        Path web = Path.of(System.getProperty("user.dir")).resolveSibling("web").resolve("src/main/java");
        Set<String> found = new TreeSet<>();
        try (Stream<Path> s = Files.walk(web)) {
            for (Path f : s.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = LITERAL.matcher(Files.readString(f));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        if (found.isEmpty()) {
            throw new AssertionError("no route literal found under " + web);
        }
        return found;
    }

    /** Every literal segment the table's templates name. */
    static Set<String> literalsInTable() {
        Set<String> out = new TreeSet<>();
        for (Route r : ALL) {
            for (String seg : r.template().split("/")) {
                if (!seg.isEmpty() && !seg.startsWith("{")) {
                    out.add(seg);
                }
            }
        }
        return out;
    }
}
