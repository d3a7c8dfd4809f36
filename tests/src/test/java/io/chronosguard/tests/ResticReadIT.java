package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Repositories written by the real restic 0.14 (format v1 and v2, two snapshots each) are
 * listed, restored byte for byte and checked clean by ChronosGuard's CLI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResticReadIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    Path src;
    String changedBefore;

    @BeforeAll
    void writeRepositoriesWithRestic() throws IOException {
        src = tmp.resolve("source");
        SourceTree.create(src, 42);
        for (int v : new int[] {1, 2}) {
            new Restic(repo(v)).ok("init", "--repository-version", Integer.toString(v));
            new Restic(repo(v)).ok("backup", "--tag", "first", src.toString());
        }
        Path changed = src.resolve("deep/a/small-1.txt");
        changedBefore = Files.readString(changed);
        Files.writeString(changed, "changed for the second snapshot\n");
        Files.writeString(src.resolve("new-in-second.txt"), "only in the second snapshot\n");
        SourceTree.setTimes(src);
        for (int v : new int[] {1, 2}) {
            new Restic(repo(v)).ok("backup", src.toString());
        }
    }

    Path repo(int version) {
        return tmp.resolve("repo-v" + version);
    }

    static String[] args(Path repo, String... rest) {
        List<String> a = new ArrayList<>(List.of("-r", repo.toString()));
        a.addAll(List.of(rest));
        return a.toArray(String[]::new);
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void snapshotsJson_sameIdsTreesAndPathsAsRestic(int v) throws IOException {
        JsonNode theirs = JSON.readTree(new Restic(repo(v)).ok("snapshots", "--json"));
        Cli.Result r = Cli.withPassword(args(repo(v), "snapshots", "--json"));
        assertEquals(0, r.exit(), r.err());
        JsonNode ours = JSON.readTree(r.out());
        assertEquals(2, ours.size());
        assertEquals(ids(theirs), ids(ours));
        for (JsonNode o : ours) {
            JsonNode t = find(theirs, o.get("id").asText());
            for (String field : List.of("short_id", "time", "tree", "paths", "hostname", "username", "tags", "parent")) {
                assertEquals(t.get(field), o.get(field), field);
            }
        }
    }

    static Set<String> ids(JsonNode arr) {
        Set<String> s = new TreeSet<>();
        arr.forEach(n -> s.add(n.get("id").asText()));
        return s;
    }

    static JsonNode find(JsonNode arr, String id) {
        for (JsonNode n : arr) {
            if (n.get("id").asText().equals(id)) {
                return n;
            }
        }
        throw new AssertionError("restic has no snapshot " + id);
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void snapshotsTable_listsBothSnapshots(int v) {
        Cli.Result r = Cli.withPassword(args(repo(v), "snapshots"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("2 snapshots"), r.out());
        assertTrue(r.out().contains(src.toString()), r.out());
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void ls_latest_listsSamePathsAsRestic(int v) {
        List<String> theirs = new ArrayList<>(List.of(new Restic(repo(v)).ok("ls", "latest").split("\n")));
        theirs.remove(0);
        Cli.Result r = Cli.withPassword(args(repo(v), "ls", "latest"));
        assertEquals(0, r.exit(), r.err());
        List<String> ours = new ArrayList<>(List.of(r.out().split("\n")));
        ours.remove(0);
        assertEquals(new TreeSet<>(theirs), new TreeSet<>(ours));
        assertTrue(ours.contains(src + "/docs/café ünïcödé 😀.txt"), "unicode name listed");
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void lsJson_withPath_listsDirectoryChildren(int v) throws IOException {
        Cli.Result r = Cli.withPassword(args(repo(v), "ls", "--json", "latest", src + "/docs"));
        assertEquals(0, r.exit(), r.err());
        String[] lines = r.out().split("\n");
        assertEquals("snapshot", JSON.readTree(lines[0]).get("struct_type").asText());
        Set<String> names = new TreeSet<>();
        for (int i = 1; i < lines.length; i++) {
            names.add(JSON.readTree(lines[i]).get("name").asText());
        }
        assertTrue(names.containsAll(Set.of("docs", "medium.bin", "log.txt", "secret.txt", "name with  spaces.txt")), names::toString);
        assertFalse(names.contains("big.bin"));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void restore_latest_isByteExactWithModesTimesAndLinks(int v) throws IOException {
        Path target = tmp.resolve("restore-latest-v" + v);
        Cli.Result r = Cli.withPassword(args(repo(v), "restore", "latest", "--target", target.toString()));
        assertEquals(0, r.exit(), r.err());
        Path restored = target.resolve(src.toString().substring(1));
        TreeAssert.assertSameTree(src, restored);
        TreeAssert.assertHardLinked(restored.resolve("docs/log.txt"), restored.resolve("docs/hardlink-to-log.txt"));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void restore_firstSnapshotWithInclude_restoresOnlyThatFileAsItWas(int v) throws IOException {
        JsonNode snaps = JSON.readTree(new Restic(repo(v)).ok("snapshots", "--json", "--tag", "first"));
        String first = snaps.get(0).get("id").asText().substring(0, 10);
        Path target = tmp.resolve("restore-first-v" + v);
        String file = src + "/deep/a/small-1.txt";
        Cli.Result r = Cli.withPassword(args(repo(v), "restore", first, "--target", target.toString(), "--include", file));
        assertEquals(0, r.exit(), r.err());
        Path restored = target.resolve(file.substring(1));
        assertEquals(changedBefore, Files.readString(restored, StandardCharsets.UTF_8));
        assertFalse(Files.exists(target.resolve(src.toString().substring(1)).resolve("big.bin")));
        assertFalse(Files.exists(target.resolve(src.toString().substring(1)).resolve("new-in-second.txt")));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void check_readData_resticRepositoryIsClean(int v) {
        Cli.Result r = Cli.withPassword(args(repo(v), "check", "--read-data"));
        assertEquals(0, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("no errors were found"), r.out());
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void catConfig_showsVersionAndPolynomial(int v) throws IOException {
        Cli.Result r = Cli.withPassword(args(repo(v), "cat", "config"));
        assertEquals(0, r.exit(), r.err());
        JsonNode theirs = JSON.readTree(new Restic(repo(v)).ok("cat", "config"));
        JsonNode ours = JSON.readTree(r.out());
        assertEquals(v, ours.get("version").asInt());
        assertEquals(theirs.get("chunker_polynomial"), ours.get("chunker_polynomial"));
        assertEquals(theirs.get("id"), ours.get("id"));
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void commands_leaveNoLockBehind(int v) throws IOException {
        Cli.withPassword(args(repo(v), "snapshots"));
        try (var s = Files.list(repo(v).resolve("locks"))) {
            assertEquals(0, s.count());
        }
    }
}
