package io.chronosguard.tests;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A server speaking only restic's REST protocol v1 (listings are plain name arrays, whatever
 * the client accepts), as rest-server before 0.10 did. rclone speaks only v2 and no v1
 * server is packaged here, so this small one on the JDK's HTTP server stands in; files
 * live in a folder per repository (the first path segment), flat per type.
 */
final class RestV1Server implements AutoCloseable {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d+)");
    private static final List<String> TYPES = List.of("data", "keys", "locks", "snapshots", "index");

    private final HttpServer http;
    private final Path root;

    private RestV1Server(Path root) throws IOException {
        this.root = Files.createDirectories(root);
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::handle);
        http.start();
    }

    static RestV1Server start(Path root) throws IOException {
        return new RestV1Server(root);
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            String[] all = Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
            if (all.length == 0) {
                reply(ex, 400, new byte[0]);
                return;
            }
            Path repo = root.resolve(all[0]); // one repository per first path segment
            String[] parts = Arrays.copyOfRange(all, 1, all.length);
            if (parts.length == 0 && method.equals("POST") && "create=true".equals(ex.getRequestURI().getQuery())) {
                for (String t : TYPES) {
                    Files.createDirectories(repo.resolve(t));
                }
                reply(ex, 200, new byte[0]);
            } else if (parts.length == 1 && path.endsWith("/") && method.equals("GET")) {
                list(ex, repo.resolve(parts[0]));
            } else if (parts.length == 1 && parts[0].equals("config") || parts.length == 2) {
                file(ex, method, repo.resolve(String.join("/", parts)));
            } else {
                reply(ex, 400, "bad request".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void list(HttpExchange ex, Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            reply(ex, 404, new byte[0]);
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            String json = files.map(f -> "\"" + f.getFileName() + "\"").reduce((a, b) -> a + "," + b).orElse("");
            ex.getResponseHeaders().set("Content-Type", "application/vnd.x.restic.rest.v1");
            reply(ex, 200, ("[" + json + "]").getBytes(StandardCharsets.UTF_8));
        }
    }

    private static void file(HttpExchange ex, String method, Path f) throws IOException {
        switch (method) {
            case "POST" -> {
                Files.createDirectories(f.getParent());
                Files.write(f, ex.getRequestBody().readAllBytes());
                reply(ex, 200, new byte[0]);
            }
            case "DELETE" -> reply(ex, Files.deleteIfExists(f) ? 200 : 404, new byte[0]);
            case "HEAD", "GET" -> {
                if (!Files.isRegularFile(f)) {
                    reply(ex, 404, new byte[0]);
                    return;
                }
                byte[] all = Files.readAllBytes(f);
                String range = ex.getRequestHeaders().getFirst("Range");
                Matcher m = range == null ? null : RANGE.matcher(range);
                if (m != null && m.matches()) {
                    int from = Integer.parseInt(m.group(1));
                    int to = Math.min(all.length - 1, Integer.parseInt(m.group(2)));
                    if (from >= all.length) {
                        reply(ex, 416, new byte[0]);
                        return;
                    }
                    byte[] part = Arrays.copyOfRange(all, from, to + 1);
                    ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + all.length);
                    reply(ex, 206, part);
                } else if (method.equals("HEAD")) {
                    ex.getResponseHeaders().set("Content-Length", String.valueOf(all.length));
                    ex.sendResponseHeaders(200, -1);
                } else {
                    reply(ex, 200, all);
                }
            }
            default -> reply(ex, 405, new byte[0]);
        }
    }

    private static void reply(HttpExchange ex, int code, byte[] body) throws IOException {
        ex.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
    }
}
