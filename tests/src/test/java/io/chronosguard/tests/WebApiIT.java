package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web API of {@code serve} over real HTTP, against a repository holding one snapshot
 * made by ChronosGuard and one by restic 0.14: every endpoint, its 400/401/403/404 answers
 * (always {@code {"error", "detail"}}, never a stack trace), and downloads compared byte for
 * byte with the source.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebApiIT {
    static final String ADMIN = "admin-token-for-tests";
    static final String VIEWER = "viewer-token-for-tests";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    Path repo;
    Path src;
    Path src2;
    Served server;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void backUpAndServe() throws Exception {
        repo = tmp.resolve("repo");
        src = tmp.resolve("source");
        src2 = Files.createDirectories(tmp.resolve("restic-source"));
        SourceTree.create(src, 5);
        Files.writeString(src2.resolve("made-by-restic.txt"), "restic wrote this snapshot\n");
        // Its own state dir, so the history catalog holds only this class's backup.
        Map<String, String> env = Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD,
                "CHRONOSGUARD_STATE_DIR", tmp.resolve("state").toString());
        assertEquals(0, Cli.run(env, "-r", repo.toString(), "init").exit());
        Cli.Result b = Cli.run(env, "-r", repo.toString(), "backup", src.toString());
        assertEquals(0, b.exit(), b.err());
        new Restic(repo).ok("backup", src2.toString());
        Map<String, String> serveEnv = new java.util.HashMap<>(env);
        serveEnv.putAll(Map.of("CHRONOSGUARD_API_TOKEN", ADMIN, "CHRONOSGUARD_VIEWER_TOKEN", VIEWER));
        server = Served.start(repo, serveEnv);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    HttpResponse<byte[]> get(String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    HttpResponse<byte[]> post(String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static JsonNode json(HttpResponse<byte[]> r, int status) throws IOException {
        String body = new String(r.body(), StandardCharsets.UTF_8);
        assertEquals(status, r.statusCode(), body);
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), body);
        return JSON.readTree(body);
    }

    /** An error: the status, exactly the two fields, a detail containing {@code expected}, no stack trace. */
    static void assertError(HttpResponse<byte[]> r, int status, String expected) throws IOException {
        JsonNode n = json(r, status);
        Set<String> fields = new TreeSet<>();
        n.fieldNames().forEachRemaining(fields::add);
        assertEquals(Set.of("detail", "error"), fields, n.toString());
        String detail = n.get("detail").asText();
        assertTrue(detail.contains(expected), "detail \"" + detail + "\" lacks \"" + expected + "\"");
        assertFalse(detail.contains("\tat ") || detail.contains("Exception:"), detail);
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    String snapshotOf(Path source) throws Exception {
        for (JsonNode s : json(get("/api/snapshots", VIEWER), 200)) {
            if (s.get("paths").get(0).asText().equals(source.toString())) {
                return s.get("id").asText();
            }
        }
        throw new AssertionError("no snapshot of " + source);
    }

    @Test
    void health_needsNoToken() throws Exception {
        assertEquals("ok", json(get("/api/health", null), 200).get("status").asText());
    }

    @Test
    void everyProtectedEndpoint_withoutOrWithWrongToken_is401() throws Exception {
        String id = snapshotOf(src);
        List<String> gets = List.of("/api/session", "/api/snapshots", "/api/snapshots/" + id + "/tree",
                "/api/snapshots/" + id + "/download?path=" + q(src + "/big.bin"), "/api/search?q=a", "/api/history",
                "/api/browse", "/api/select", "/api/status", "/ws");
        for (String path : gets) {
            assertError(get(path, null), 401, "no API token");
            assertError(get(path, "wrong-token"), 401, "not valid");
        }
        for (String path : List.of("/api/restore", "/api/select")) {
            assertError(post(path, null, "{}"), 401, "no API token");
            assertError(post(path, "wrong-token", "{}"), 401, "not valid");
        }
        assertError(get("/api/snapshots?token=wrong-token", null), 401, "not valid");
    }

    @Test
    void session_tellsTheRole() throws Exception {
        assertEquals("admin", json(get("/api/session", ADMIN), 200).get("role").asText());
        assertEquals("viewer", json(get("/api/session", VIEWER), 200).get("role").asText());
    }

    @Test
    void snapshots_listsOursAndRestics_sameIdsAsRestic() throws Exception {
        assertError(get("/api/snapshots", null), 401, "no API token");
        assertError(get("/api/snapshots", "wrong"), 401, "not valid");
        JsonNode list = json(get("/api/snapshots", VIEWER), 200);
        Set<String> ours = new TreeSet<>();
        list.forEach(s -> ours.add(s.get("id").asText()));
        Set<String> restics = new TreeSet<>();
        JSON.readTree(new Restic(repo).ok("snapshots", "--json")).forEach(s -> restics.add(s.get("id").asText()));
        assertEquals(restics, ours);
        assertEquals(2, ours.size());
    }

    @Test
    void tree_listsTheSourceFolder() throws Exception {
        String id = snapshotOf(src);
        JsonNode t = json(get("/api/snapshots/" + id.substring(0, 8) + "/tree?path=" + q(src + "/docs"), VIEWER),
                200);
        Set<String> names = new TreeSet<>();
        t.get("entries").forEach(e -> names.add(e.get("name").asText()));
        Set<String> expected = new TreeSet<>();
        try (var s = Files.list(src.resolve("docs"))) {
            s.forEach(p -> expected.add(p.getFileName().toString()));
        }
        assertEquals(expected, names);
        assertEquals(src + "/docs", t.get("path").asText());
        assertError(get("/api/snapshots/" + id + "/tree?path=" + q(src + "/nope"), VIEWER), 404, "has no entry \"nope\"");
        assertError(get("/api/snapshots/" + id + "/tree?path=" + q(src + "/big.bin"), VIEWER), 400, "not a directory");
        assertError(get("/api/snapshots/ffffffff/tree", VIEWER), 404, "no snapshot matches");
        assertError(get("/api/snapshots/" + id + "/tree", null), 401, "no API token");
    }

    @Test
    void search_findsNamesAcrossSnapshots_paged() throws Exception {
        JsonNode r = json(get("/api/search?q=MADE-BY", VIEWER), 200);
        assertEquals(1, r.get("total").asInt());
        assertEquals(src2 + "/made-by-restic.txt", r.get("hits").get(0).get("entry").get("path").asText());
        JsonNode all = json(get("/api/search?q=small-&size=500", VIEWER), 200);
        assertEquals(40, all.get("total").asInt());
        JsonNode page2 = json(get("/api/search?q=small-&size=15&page=2", VIEWER), 200);
        assertEquals(15, page2.get("hits").size());
        assertEquals(all.get("hits").get(15), page2.get("hits").get(0));
        assertError(get("/api/search", VIEWER), 400, "query parameter \"q\"");
        assertError(get("/api/search?q=x&size=0", VIEWER), 400, "query parameter \"size\": must be between 1 and 500");
        assertError(get("/api/search?q=x&page=two", VIEWER), 400, "query parameter \"page\": must be a whole number");
    }

    @Test
    void downloadRaw_isTheFilesBytes_tokenMayBeAQueryParameter() throws Exception {
        String id = snapshotOf(src);
        HttpResponse<byte[]> r = get("/api/snapshots/" + id + "/download?format=raw&path=" + q(src + "/big.bin")
                + "&token=" + VIEWER, null);
        assertEquals(200, r.statusCode());
        assertArrayEquals(Files.readAllBytes(src.resolve("big.bin")), r.body());
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("big.bin"));
        HttpResponse<byte[]> unicode = get("/api/snapshots/" + id + "/download?path="
                + q(src + "/docs/café ünïcödé 😀.txt"), ADMIN);
        assertArrayEquals(Files.readAllBytes(src.resolve("docs/café ünïcödé 😀.txt")), unicode.body());
    }

    @Test
    void downloadTarAndZip_extractToTheSource() throws Exception {
        String id = snapshotOf(src);
        HttpResponse<byte[]> tar = get("/api/snapshots/" + id + "/download?path=" + q(src.toString()), VIEWER);
        assertEquals(200, tar.statusCode());
        assertEquals("application/x-tar", tar.headers().firstValue("Content-Type").orElse(""));
        Path t = tmp.resolve("from-tar");
        Archives.extractTar(new ByteArrayInputStream(tar.body()), t);
        TreeAssert.assertSameTree(src, t.resolve(src.toString().substring(1)), DumpIT.TAR_PRECISION);

        HttpResponse<byte[]> zip = get("/api/snapshots/" + id + "/download?format=zip&path=" + q(src.toString()),
                VIEWER);
        assertEquals(200, zip.statusCode());
        Path zipFile = Files.write(tmp.resolve("download.zip"), zip.body());
        Path z = tmp.resolve("from-zip");
        Archives.extractZip(zipFile, z);
        TreeAssert.assertSameTree(src, z.resolve(src.toString().substring(1)), DumpIT.ZIP_PRECISION);
    }

    @Test
    void download_wrongFormatOrPath_isRefusedBeforeStreaming() throws Exception {
        String id = snapshotOf(src);
        assertError(get("/api/snapshots/" + id + "/download?format=raw&path=" + q(src.toString()), VIEWER), 400,
                "is a directory: download it as tar or zip");
        assertError(get("/api/snapshots/" + id + "/download?format=rar&path=" + q(src + "/big.bin"), VIEWER), 400,
                "query parameter \"format\": must be tar, zip or raw");
        assertError(get("/api/snapshots/" + id + "/download?format=zip&path=" + q(src + "/big.bin"), VIEWER), 400,
                "is a file: download it as raw");
        assertError(get("/api/snapshots/" + id + "/download?path=" + q(src + "/link-to-big"), VIEWER), 400,
                "is a symlink");
        assertError(get("/api/snapshots/" + id + "/download?path=" + q(src + "/missing"), VIEWER), 404,
                "is not in the snapshot");
    }

    @Test
    void restore_adminRestoresAPath_viewerIsForbidden_badBodiesNameTheField() throws Exception {
        Path target = tmp.resolve("restored");
        String body = "{\"snapshot\":\"latest\",\"path\":\"" + src2 + "\",\"target\":\"" + target + "\"}";
        assertError(post("/api/restore", null, body), 401, "no API token");
        assertError(post("/api/restore", VIEWER, body), 403, "viewer token may only read");
        assertFalse(Files.exists(target));
        assertError(post("/api/restore", ADMIN, "{\"snapshot\":\"latest\","), 400, "malformed JSON");
        assertError(post("/api/restore", ADMIN, "{\"snapshot\":\"latest\",\"taget\":\"/x\"}"), 400,
                "field \"taget\": unknown field");
        assertError(post("/api/restore", ADMIN, "{\"snapshot\":\"latest\",\"target\":7}"), 400,
                "field \"target\": wrong type");
        assertError(post("/api/restore", ADMIN, "{\"snapshot\":\"latest\"}"), 400, "field \"target\": is required");
        assertError(post("/api/restore", ADMIN, "{\"snapshot\":\"latest\",\"target\":\"rel/dir\"}"), 400,
                "field \"target\": must be an absolute path");

        JsonNode r = json(post("/api/restore", ADMIN, body), 200);
        assertEquals(1, r.get("files").asInt());
        assertEquals(List.of(), toList(r.get("errors")));
        assertArrayEquals(Files.readAllBytes(src2.resolve("made-by-restic.txt")),
                Files.readAllBytes(target.resolve(src2.toString().substring(1)).resolve("made-by-restic.txt")));
    }

    @Test
    void browse_listsFoldersForAdminsOnly() throws Exception {
        JsonNode b = json(get("/api/browse?path=" + q(tmp.toString()), ADMIN), 200);
        List<String> names = new ArrayList<>();
        b.get("directories").forEach(d -> names.add(d.get("name").asText()));
        assertTrue(names.containsAll(List.of("repo", "source", "restic-source")), names.toString());
        assertEquals(tmp.getParent().toString(), b.get("parent").asText());
        String node = b.get("node").asText();
        assertEquals(b, json(get("/api/browse?node=" + q(node) + "&path=" + q(tmp.toString()), ADMIN), 200));
        assertError(get("/api/browse?node=elsewhere&path=/", ADMIN), 404, "unknown node \"elsewhere\"");
        assertError(get("/api/browse?path=" + q(tmp.toString()), VIEWER), 403, "admin token");
        assertError(get("/api/browse?path=relative", ADMIN), 400, "query parameter \"path\": must be an absolute path");
        assertError(get("/api/browse?path=" + q(tmp + "/nope"), ADMIN), 404, "does not exist");
        assertError(get("/api/browse?path=" + q(src + "/big.bin"), ADMIN), 400, "is not a folder");
    }

    @Test
    void history_listsTheRunTheCatalogRecorded() throws Exception {
        JsonNode runs = json(get("/api/history", VIEWER), 200);
        assertEquals(1, runs.size(), runs.toString());
        JsonNode run = runs.get(0);
        assertEquals("chronosguard", run.get("source").asText());
        assertEquals("success", run.get("outcome").asText());
        assertTrue(snapshotOf(src).startsWith(run.get("snapshotId").asText()), run.toString());
        assertEquals(List.of(src.toString()), toList(run.get("paths")));
        assertEquals(0, json(get("/api/history?outcome=failed", VIEWER), 200).size());
        assertError(get("/api/history", null), 401, "no API token");
        assertError(get("/api/history?outcome=bogus", VIEWER), 400, "query parameter \"outcome\"");
        assertError(get("/api/history?since=yesterday", VIEWER), 400, "query parameter \"since\"");
        assertError(get("/api/history?limit=0", VIEWER), 400, "query parameter \"limit\"");
    }

    @Test
    void select_adminSetsTheDefaultFolders_savedInTheStateDir() throws Exception {
        String body = "{\"directories\":[\"" + src + "\",\"" + src2 + "/\"]}";
        assertError(post("/api/select", VIEWER, body), 403, "admin token");
        assertError(post("/api/select", ADMIN, "{\"directories\":[\"" + src + "\",\"relative\"]}"), 400,
                "field \"directories[1]\": must be an absolute path");
        assertError(post("/api/select", ADMIN, "{\"directories\":[\"" + src + "/big.bin\"]}"), 400,
                "field \"directories[0]\": " + src + "/big.bin is not a folder");
        assertError(post("/api/select", ADMIN, "{\"directories\":\"" + src + "\"}"), 400,
                "field \"directories\": wrong type (expected an array)");
        JsonNode saved = json(post("/api/select", ADMIN, body), 200);
        assertEquals(List.of(src.toString(), src2.toString()), toList(saved.get("directories")));
        assertEquals(saved, json(get("/api/select", VIEWER), 200));
        assertEquals(saved, JSON.readTree(tmp.resolve("state/selection.json").toFile()));
    }

    @Test
    void unknownPathsAndMethods_getJsonErrors() throws Exception {
        assertError(get("/api/nothing-here", ADMIN), 404, "could not be found");
        assertError(get("/no/such/page", null), 404, "could not be found");
        assertError(post("/api/snapshots", ADMIN, "{}"), 405, "supported methods: GET");
    }

    @Test
    void page_andChartScript_areServedFromTheJar() throws Exception {
        HttpResponse<byte[]> page = get("/", null);
        assertEquals(200, page.statusCode());
        String html = new String(page.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("<script src=\"/static/app.js\"></script>"), html);
        assertFalse(html.contains("https://"), "the page must not load anything from a CDN");
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").startsWith("default-src 'self'"));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElse(""));
        assertEquals(200, get("/static/chart.umd.js", null).statusCode());
        assertEquals(200, get("/static/app.css", null).statusCode());
    }

    @Test
    void tokens_neverAppearInTheServersOutput() {
        assertFalse(server.output().contains(ADMIN) || server.errors().contains(ADMIN));
        assertFalse(server.output().contains(VIEWER) || server.errors().contains(VIEWER));
    }

    static List<String> toList(JsonNode arr) {
        List<String> out = new ArrayList<>();
        arr.forEach(n -> out.add(n.asText()));
        return out;
    }
}
