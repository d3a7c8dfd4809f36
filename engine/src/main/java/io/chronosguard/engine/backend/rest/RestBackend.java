package io.chronosguard.engine.backend.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.PermanentBackendException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * A repository on a server speaking restic's REST protocol: {@code POST /?create=true} to
 * create it, {@code HEAD/GET/POST/DELETE /{type}/{name}} ({@code /config} for the config),
 * {@code GET /{type}/} to list. Listings ask for protocol v2 (names with sizes) and read a
 * v1 answer (names only) as well; ranges are read with {@code Range: bytes=a-b}.
 */
public final class RestBackend implements Backend {
    static final String V2 = "application/vnd.x.restic.rest.v2";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RestLocation where;
    private final String authorization;
    private final HttpClient http;

    public RestBackend(RestLocation where) {
        this.where = where;
        this.authorization = where.user() == null ? null : "Basic " + Base64.getEncoder().encodeToString(
                (where.user() + ":" + (where.password() == null ? "" : where.password()))
                        .getBytes(StandardCharsets.UTF_8));
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public String location() {
        return where.display();
    }

    private String path(FileType type, String name) {
        return type == FileType.CONFIG ? "config" : type.folder() + "/" + name;
    }

    private HttpRequest.Builder request(String relative) {
        // as restic does: a v2 server answers listings with sizes, a v1 server ignores it
        HttpRequest.Builder b = HttpRequest.newBuilder(where.base().resolve(relative)).header("Accept", V2);
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private <T> HttpResponse<T> send(HttpRequest req, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(req, body);
        } catch (HttpConnectTimeoutException e) {
            throw new IOException("no answer from " + hostPort() + " within " + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new IOException("cannot connect to " + hostPort() + " (" + (unresolved(e) ? "unknown host name"
                    : e.getMessage() != null ? e.getMessage() : "connection refused") + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while talking to " + hostPort());
        }
    }

    private static boolean unresolved(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof java.nio.channels.UnresolvedAddressException) {
                return true;
            }
        }
        return false;
    }

    private String hostPort() {
        URI u = where.base();
        return u.getHost() + ":" + (u.getPort() >= 0 ? u.getPort() : u.getScheme().equals("https") ? 443 : 80);
    }

    /** 2xx passes; 404 is {@link NoSuchFileException}; a refused credential and anything else say so. */
    private void check(HttpResponse<?> r, String what) throws IOException {
        int code = r.statusCode();
        if (code >= 200 && code < 300) {
            return;
        }
        if (code == 404) {
            throw new NoSuchFileException(location() + what);
        }
        if (code == 401 || code == 403) { // asking again gets the same answer: not for the retry decorator
            throw new PermanentBackendException(where.user() == null
                    ? "the server asks for a user name and password (HTTP " + code + "): put USER:PASS@ in the URL or set "
                            + RestLocation.USER_ENV + " and " + RestLocation.PASSWORD_ENV
                    : "the server refused the credentials of user " + where.user() + " (HTTP " + code + ")");
        }
        String answer = "the server answered HTTP " + code + " for " + r.request().method() + " " + what;
        throw PermanentBackendException.isPermanentHttpStatus(code) ? new PermanentBackendException(answer)
                : new IOException(answer);
    }

    @Override
    public boolean exists() throws IOException {
        try {
            size(FileType.CONFIG, "config");
            return true;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    @Override
    public void createLayout() throws IOException {
        HttpRequest req = request("?create=true").POST(HttpRequest.BodyPublishers.noBody()).build();
        check(send(req, HttpResponse.BodyHandlers.discarding()), "?create=true");
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        if (type == FileType.CONFIG) {
            return exists() ? List.of("config") : List.of();
        }
        String dir = type.folder() + "/";
        HttpResponse<byte[]> r = send(request(dir).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 404) {
            return List.of(); // no such folder yet: nothing of this type
        }
        check(r, dir);
        List<String> names = new ArrayList<>();
        for (JsonNode entry : JSON.readTree(r.body())) {
            // v2 answers objects {"name":..,"size":..}, v1 plain names
            String name = entry.isObject() ? entry.path("name").asText() : entry.asText();
            if (name.length() == 64 && name.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                names.add(name);
            }
        }
        return names;
    }

    @Override
    public byte[] load(FileType type, String name) throws IOException {
        String p = path(type, name);
        HttpResponse<byte[]> r = send(request(p).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        check(r, p);
        return r.body();
    }

    @Override
    public byte[] load(FileType type, String name, long offset, int length) throws IOException {
        String p = path(type, name);
        if (length <= 0) {
            size(type, name); // still NoSuchFileException when absent
            return new byte[0];
        }
        HttpRequest req = request(p).header("Range", "bytes=" + offset + "-" + (offset + length - 1)).GET().build();
        HttpResponse<byte[]> r = send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() == 416) {
            return new byte[0]; // the range starts at or past the end
        }
        check(r, p);
        byte[] body = r.body();
        if (r.statusCode() == 200) { // a server ignoring Range sends the whole file
            int from = (int) Math.min(offset, body.length);
            return Arrays.copyOfRange(body, from, (int) Math.min(body.length, (long) from + length));
        }
        return body.length > length ? Arrays.copyOf(body, length) : body;
    }

    @Override
    public long size(FileType type, String name) throws IOException {
        String p = path(type, name);
        HttpResponse<Void> r = send(request(p).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.discarding());
        check(r, p);
        return r.headers().firstValueAsLong("Content-Length").orElseThrow(() ->
                new IOException("the server sent no Content-Length for HEAD " + p));
    }

    @Override
    public void save(FileType type, String name, byte[] data) throws IOException {
        save(type, name, data, 0, data.length);
    }

    @Override
    public void save(FileType type, String name, byte[] data, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, data.length);
        String p = path(type, name);
        HttpRequest req = request(p).header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(data, off, len)).build();
        check(send(req, HttpResponse.BodyHandlers.discarding()), p);
    }

    @Override
    public void remove(FileType type, String name) throws IOException {
        String p = path(type, name);
        check(send(request(p).DELETE().build(), HttpResponse.BodyHandlers.discarding()), p);
    }
}
