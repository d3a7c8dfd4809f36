package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code key list/add/remove/passwd} on repositories made by {@code chronosguard init}:
 * restic 0.14 and ChronosGuard agree on which passwords open the repository after each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KeysIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECOND = "second password, für alle";

    @TempDir
    static Path tmp;
    Path secondPasswordFile;

    @BeforeAll
    void passwordFile() throws IOException {
        secondPasswordFile = tmp.resolve("second-password.txt");
        Files.writeString(secondPasswordFile, SECOND + "\n");
    }

    static Path newRepository(String name) {
        Path repo = tmp.resolve(name);
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "init");
        assertEquals(0, r.exit(), r.err());
        return repo;
    }

    static Cli.Result as(String password, Path repo, String... args) {
        List<String> a = new ArrayList<>(List.of("-r", repo.toString()));
        a.addAll(List.of(args));
        return Cli.run(Map.of("CHRONOSGUARD_PASSWORD", password), a.toArray(String[]::new));
    }

    static List<String> keyFiles(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("keys"))) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    static void assertNoPasswordShown(Cli.Result r) {
        for (String pw : List.of(Restic.PASSWORD, SECOND)) {
            assertFalse(r.out().contains(pw) || r.err().contains(pw), "password shown:\n" + r.out() + r.err());
        }
    }

    @Test
    void keyAdd_bothPasswordsOpenTheRepositoryInResticAndOurs() throws IOException {
        Path repo = newRepository("add");
        Cli.Result add = as(Restic.PASSWORD, repo, "key", "add", "--new-password-file", secondPasswordFile.toString());
        assertEquals(0, add.exit(), add.err());
        assertTrue(add.out().startsWith("saved new key as "), add.out());
        assertNoPasswordShown(add);
        assertEquals(2, keyFiles(repo).size());

        new Restic(repo).ok("snapshots");
        new Restic(repo, SECOND).ok("snapshots");
        new Restic(repo, SECOND).ok("check");
        assertEquals(0, as(Restic.PASSWORD, repo, "snapshots").exit());
        assertEquals(0, as(SECOND, repo, "snapshots").exit());
    }

    @Test
    void keyListJson_sameAsResticsForEitherPassword() throws IOException {
        Path repo = newRepository("list");
        assertEquals(0, as(Restic.PASSWORD, repo, "key", "add", "--new-password-file", secondPasswordFile.toString()).exit());
        for (String pw : List.of(Restic.PASSWORD, SECOND)) {
            Cli.Result ours = as(pw, repo, "key", "list", "--json");
            assertEquals(0, ours.exit(), ours.err());
            JsonNode theirs = JSON.readTree(new Restic(repo, pw).ok("key", "list", "--json"));
            assertEquals(set(theirs), set(JSON.readTree(ours.out())), "key list --json with either password");
            assertEquals(1, count(JSON.readTree(ours.out()), true));
        }
    }

    @Test
    void keyListTable_marksTheKeyInUse() {
        Path repo = newRepository("table");
        Cli.Result ours = as(Restic.PASSWORD, repo, "key", "list");
        assertEquals(0, ours.exit(), ours.err());
        String[] lines = ours.out().split("\n");
        assertTrue(lines[0].matches(" ID\\s+User\\s+Host\\s+Created"), lines[0]);
        assertTrue(lines[1].matches("-+"), lines[1]);
        assertTrue(lines[2].matches("\\*[0-9a-f]{8}  .*\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), lines[2]);
        assertEquals(4, lines.length, ours.out());
    }

    @Test
    void keyRemove_otherKey_onlyThatPasswordStopsWorking() throws IOException {
        Path repo = newRepository("remove");
        assertEquals(0, as(Restic.PASSWORD, repo, "key", "add", "--new-password-file", secondPasswordFile.toString()).exit());
        String other = otherKeyId(repo);

        Cli.Result rm = as(Restic.PASSWORD, repo, "key", "remove", other);
        assertEquals(0, rm.exit(), rm.err());
        assertTrue(rm.out().contains("removed key " + other), rm.out());
        assertEquals(1, keyFiles(repo).size());
        assertEquals(12, as(SECOND, repo, "snapshots").exit());
        assertNotEquals(0, new Restic(repo, SECOND).run("snapshots").exit());
        new Restic(repo).ok("snapshots");
        assertEquals(List.of(), lockFiles(repo), "the exclusive lock is released");
    }

    @Test
    void keyRemove_keyInUse_isRefusedAndKept() throws IOException {
        Path repo = newRepository("remove-current");
        List<String> before = keyFiles(repo);
        Cli.Result rm = as(Restic.PASSWORD, repo, "key", "remove", before.get(0).substring(0, 8));
        assertEquals(2, rm.exit(), rm.err());
        assertTrue(rm.err().contains("refusing to remove key"), rm.err());
        RepositoryErrorsIT.assertNoStackTrace(rm);
        assertEquals(before, keyFiles(repo));
        assertEquals(List.of(), lockFiles(repo));
    }

    @Test
    void keyRemove_unknownId_exits14() {
        Path repo = newRepository("remove-unknown");
        String absent = keyFilesUnchecked(repo).get(0).startsWith("0") ? "1234" : "0123";
        Cli.Result rm = as(Restic.PASSWORD, repo, "key", "remove", absent);
        assertEquals(14, rm.exit(), rm.err());
    }

    @Test
    void keyPasswd_oldPasswordFailsNewWorksInResticAndOurs() throws IOException {
        Path repo = newRepository("passwd");
        List<String> before = keyFiles(repo);
        Cli.Result pw = as(Restic.PASSWORD, repo, "key", "passwd", "--new-password-file", secondPasswordFile.toString());
        assertEquals(0, pw.exit(), pw.err());
        assertNoPasswordShown(pw);
        List<String> after = keyFiles(repo);
        assertEquals(1, after.size());
        assertNotEquals(before, after);

        Cli.Result old = as(Restic.PASSWORD, repo, "snapshots");
        assertEquals(12, old.exit(), old.err());
        assertTrue(old.err().contains("wrong password"), old.err());
        assertNoPasswordShown(old);
        assertNotEquals(0, new Restic(repo).run("snapshots").exit());
        new Restic(repo, SECOND).ok("snapshots");
        new Restic(repo, SECOND).ok("check");
        assertEquals(0, as(SECOND, repo, "snapshots").exit());
    }

    @Test
    void keyAdd_noNewPasswordAndNoTerminal_exits2AndAddsNothing() throws IOException {
        Path repo = newRepository("add-no-password");
        Cli.Result add = as(Restic.PASSWORD, repo, "key", "add");
        assertEquals(2, add.exit(), add.err());
        assertTrue(add.err().contains("--new-password-file"), add.err());
        assertEquals(1, keyFiles(repo).size());
        assertEquals(List.of(), lockFiles(repo));
    }

    @Test
    void key_withoutSubcommand_exits2() {
        Path repo = newRepository("key-alone");
        Cli.Result r = as(Restic.PASSWORD, repo, "key");
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("list, add, remove or passwd"), r.err());
    }

    /** The short id of the key not in use, from our key list --json. */
    static String otherKeyId(Path repo) throws IOException {
        Cli.Result r = as(Restic.PASSWORD, repo, "key", "list", "--json");
        assertEquals(0, r.exit(), r.err());
        for (JsonNode k : JSON.readTree(r.out())) {
            if (!k.get("current").asBoolean()) {
                return k.get("id").asText();
            }
        }
        throw new AssertionError("only the current key is listed: " + r.out());
    }

    static List<String> keyFilesUnchecked(Path repo) {
        try {
            return keyFiles(repo);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static List<String> lockFiles(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("locks"))) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    static Set<JsonNode> set(JsonNode arr) {
        Set<JsonNode> s = new HashSet<>();
        arr.forEach(s::add);
        return s;
    }

    static long count(JsonNode arr, boolean current) {
        long n = 0;
        for (JsonNode k : arr) {
            n += k.get("current").asBoolean() == current ? 1 : 0;
        }
        return n;
    }
}
