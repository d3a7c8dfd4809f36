package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The {@code serve} command's start-up: the generated admin token, and user errors as one line and an exit code. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServeIT {
    @TempDir
    static Path tmp;
    Path repo;

    @BeforeAll
    void init() {
        repo = tmp.resolve("repo");
        assertEquals(0, Cli.withPassword("-r", repo.toString(), "init").exit());
    }

    @Test
    void serve_withoutAdminToken_printsAGeneratedOneOnceThatWorks() throws Exception {
        try (Served s = Served.start(repo, Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD))) {
            Matcher m = Pattern.compile("admin API token \\(generated[^)]*\\): (\\S+)").matcher(s.output());
            assertTrue(m.find(), s.output());
            String token = m.group(1);
            assertEquals(s.output().indexOf(token), s.output().lastIndexOf(token), "printed more than once");
            assertFalse(s.errors().contains(token));
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(s.url() + "/api/session")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("admin", new ObjectMapper().readTree(r.body()).get("role").asText());
        }
    }

    @Test
    void serve_badHttpAddress_isAUsageError() {
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "serve", "--http", "localhost:http");
        assertEquals(2, r.exit(), r.err());
        assertEquals("chronosguard: --http: expected HOST:PORT with a port 0..65535, got \"localhost:http\"\n", r.err());
    }

    @Test
    void serve_portInUse_failsWithOneLine() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String at = "127.0.0.1:" + busy.getLocalPort();
            Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD, "CHRONOSGUARD_API_TOKEN", "t"),
                    "-r", repo.toString(), "serve", "--http", at);
            assertEquals(15, r.exit(), r.err());
            assertEquals("chronosguard: cannot listen on " + at + ": Address already in use\n", r.err());
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("chronosguard:")).count(), r.err());
            assertFalse(r.err().contains("\tat "), r.err());
        }
    }
}
