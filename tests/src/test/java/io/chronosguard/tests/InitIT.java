package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chronosguard.engine.chunker.Polynomial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repositories created by {@code chronosguard init} are repositories to restic 0.14: it
 * lists, checks, backs up into and restores from them, in format v2 and v1. Init never
 * touches a location that is already in use.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InitIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    Path src;

    @BeforeAll
    void source() throws IOException {
        src = tmp.resolve("source");
        SourceTree.create(src, 11);
    }

    static Cli.Result init(Path repo, String... extra) {
        List<String> args = new ArrayList<>(List.of("-r", repo.toString(), "init"));
        args.addAll(List.of(extra));
        return Cli.withPassword(args.toArray(String[]::new));
    }

    @Test
    void init_v2_resticListsChecksBacksUpAndRestores() throws IOException {
        Path repo = tmp.resolve("v2");
        Cli.Result r = init(repo);
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("created repository"), r.out());
        Restic restic = new Restic(repo);

        JsonNode config = JSON.readTree(restic.ok("cat", "config"));
        assertEquals(2, config.get("version").asInt());
        assertTrue(config.get("id").asText().matches("[0-9a-f]{64}"), config.toString());
        assertTrue(r.out().contains(config.get("id").asText().substring(0, 10)), "init names the repository id");
        Polynomial pol = Polynomial.parse(config.get("chunker_polynomial").asText());
        assertTrue(pol.isIrreducible(), "polynomial " + pol);
        assertEquals(53, pol.deg());

        assertEquals("[]", restic.ok("snapshots", "--json").trim());
        restic.ok("check");
        restic.ok("backup", src.toString());
        restic.ok("check", "--read-data");
        Path target = tmp.resolve("restored-v2");
        restic.ok("restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));

        Cli.Result ours = Cli.withPassword("-r", repo.toString(), "snapshots");
        assertEquals(0, ours.exit(), ours.err());
        assertTrue(ours.out().contains("1 snapshot"), ours.out());
    }

    @Test
    void init_v2_layoutAndKeyFileAreRestics() throws IOException {
        Path repo = tmp.resolve("layout");
        assertEquals(0, init(repo).exit());
        try (Stream<Path> s = Files.list(repo.resolve("data"))) {
            assertEquals(256, s.count());
        }
        try (Stream<Path> s = Files.list(repo)) {
            assertEquals(List.of("config", "data", "index", "keys", "locks", "snapshots"),
                    s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        List<Path> keys;
        try (Stream<Path> s = Files.list(repo.resolve("keys"))) {
            keys = s.toList();
        }
        assertEquals(1, keys.size());
        byte[] text = Files.readAllBytes(keys.get(0));
        // Key files are named by the SHA-256 of their text (format §1).
        assertEquals(keys.get(0).getFileName().toString(), HexFormat.of().formatHex(TreeAssert.sha256(keys.get(0))));
        String json = new String(text, StandardCharsets.UTF_8);
        assertTrue(json.matches("\\{\"created\":\"[^\"]+\",\"username\":\"[^\"]*\",\"hostname\":\"[^\"]*\","
                + "\"kdf\":\"scrypt\",\"N\":\\d+,\"r\":\\d+,\"p\":\\d+,\"salt\":\"[A-Za-z0-9+/]{86}==\",\"data\":\"[^\"]+\"}"),
                json);
        JsonNode list = JSON.readTree(new Restic(repo).ok("key", "list", "--json"));
        assertEquals(1, list.size());
        assertTrue(list.get(0).get("current").asBoolean());
    }

    @Test
    void init_v1_isReadableByRestic() throws IOException {
        Path repo = tmp.resolve("v1");
        Cli.Result r = init(repo, "--repository-version", "1");
        assertEquals(0, r.exit(), r.err());
        Restic restic = new Restic(repo);
        assertEquals(1, JSON.readTree(restic.ok("cat", "config")).get("version").asInt());
        Path small = src.resolve("deep");
        restic.ok("backup", small.toString());
        restic.ok("check", "--read-data");
        Cli.Result ours = Cli.withPassword("-r", repo.toString(), "check", "--read-data");
        assertEquals(0, ours.exit(), ours.err());
    }

    @Test
    void init_existingRepository_failsCleanlyAndLeavesItUntouched() throws IOException {
        Path repo = tmp.resolve("twice");
        assertEquals(0, init(repo).exit());
        Map<String, String> before = listing(repo);
        Cli.Result again = init(repo);
        assertEquals(16, again.exit(), again.err());
        assertTrue(again.err().contains("already exists"), again.err());
        assertTrue(again.err().contains(repo.toString()), again.err());
        RepositoryErrorsIT.assertNoStackTrace(again);
        assertEquals(before, listing(repo));
        new Restic(repo).ok("check");
    }

    @Test
    void init_existingResticRepository_failsCleanly() throws IOException {
        Path repo = tmp.resolve("restic-made");
        new Restic(repo).ok("init");
        Map<String, String> before = listing(repo);
        Cli.Result again = init(repo, "--repository-version", "1");
        assertEquals(16, again.exit(), again.err());
        RepositoryErrorsIT.assertNoStackTrace(again);
        assertEquals(before, listing(repo));
    }

    @Test
    void init_nonEmptyFolderThatIsNoRepository_isRefusedAndLeftAlone() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(dir.resolve("holiday.jpg"), "not a repository");
        Cli.Result r = init(dir);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("not an empty folder"), r.err());
        RepositoryErrorsIT.assertNoStackTrace(r);
        assertEquals(List.of("holiday.jpg"), List.copyOf(listing(dir).keySet()));
        assertEquals("not a repository", Files.readString(dir.resolve("holiday.jpg")));
    }

    @Test
    void init_unknownRepositoryVersion_exits2AndCreatesNothing() {
        Path repo = tmp.resolve("v3");
        Cli.Result r = init(repo, "--repository-version", "3");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("--repository-version"), r.err());
        assertFalse(Files.exists(repo));
    }

    @Test
    void init_noPasswordAndNoTerminal_exits2AndCreatesNothing() {
        Path repo = tmp.resolve("no-password");
        Cli.Result r = Cli.run(Map.of(), "-r", repo.toString(), "init");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("no password given"), r.err());
        assertFalse(Files.exists(repo));
    }

    /** Every file and folder under {@code root}: relative path → SHA-256 of the content (folders: "dir"). */
    static Map<String, String> listing(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(p -> !p.equals(root)).toList()) {
                String rel = root.relativize(p).toString();
                if (Files.isDirectory(p)) {
                    m.put(rel, "dir");
                } else {
                    m.put(rel, HexFormat.of().formatHex(TreeAssert.sha256(p)));
                }
            }
        }
        return m;
    }
}
