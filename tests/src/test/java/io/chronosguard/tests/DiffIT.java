package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code diff} between two snapshots restic 0.14 took of a folder in which, between the two,
 * files and a folder were added and removed, a file's content changed, a file was chmod'ed, a
 * symlink retargeted and a file replaced by a symlink. Without {@code --metadata} our output
 * (text and JSON, statistics included) is restic's, byte for byte; with it, exactly the chmod
 * and the retargeted link are added.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DiffIT {
    static final ObjectMapper JSON = new ObjectMapper();
    /** One mtime for everything, so directory mtimes do not change when their entries do. */
    static final FileTime FIXED = FileTime.from(Instant.parse("2024-05-01T08:00:00.5Z"));

    @TempDir
    static Path tmp;
    Path src;
    String first;
    String second;

    @BeforeAll
    void twoSnapshotsWithRestic() throws IOException {
        src = tmp.resolve("src");
        Files.createDirectories(src.resolve("olddir"));
        Files.createDirectories(src.resolve("stay"));
        Files.writeString(src.resolve("keep.txt"), "kept\n");
        Files.writeString(src.resolve("change.txt"), "before\n");
        Files.writeString(src.resolve("chmod.txt"), "mode changes\n");
        Files.writeString(src.resolve("gone.txt"), "removed later\n");
        Files.writeString(src.resolve("type"), "a file that becomes a symlink\n");
        Files.writeString(src.resolve("olddir/x.txt"), "in a removed folder\n");
        Files.writeString(src.resolve("stay/deep.txt"), "untouched folder\n");
        Files.createSymbolicLink(src.resolve("ln"), Path.of("keep.txt"));
        fixTimes();
        for (int v : new int[] {1, 2}) {
            new Restic(repo(v)).ok("init", "--repository-version", Integer.toString(v));
            new Restic(repo(v)).ok("backup", src.toString());
        }

        Files.writeString(src.resolve("new.txt"), "added\n");
        Files.createDirectories(src.resolve("newdir"));
        Files.writeString(src.resolve("newdir/inner.txt"), "added folder\n");
        Files.delete(src.resolve("gone.txt"));
        Files.delete(src.resolve("olddir/x.txt"));
        Files.delete(src.resolve("olddir"));
        Files.writeString(src.resolve("change.txt"), "after, longer\n");
        Files.setPosixFilePermissions(src.resolve("chmod.txt"), PosixFilePermissions.fromString("rw-------"));
        Files.delete(src.resolve("ln"));
        Files.createSymbolicLink(src.resolve("ln"), Path.of("change.txt"));
        Files.delete(src.resolve("type"));
        Files.createSymbolicLink(src.resolve("type"), Path.of("keep.txt"));
        fixTimes();
        for (int v : new int[] {1, 2}) {
            new Restic(repo(v)).ok("backup", src.toString());
        }
        JsonNode snaps = JSON.readTree(new Restic(repo(2)).ok("snapshots", "--json"));
        first = snaps.get(0).get("short_id").asText();
        second = snaps.get(1).get("short_id").asText();
    }

    void fixTimes() throws IOException {
        try (Stream<Path> s = Files.walk(src)) {
            for (Path p : s.filter(p -> !Files.isSymbolicLink(p)).toList()) {
                Files.setLastModifiedTime(p, FIXED);
            }
        }
    }

    Path repo(int v) {
        return tmp.resolve("repo-v" + v);
    }

    /** Snapshot ids of repository v, oldest first. */
    String[] ids(int v) throws IOException {
        JsonNode snaps = JSON.readTree(new Restic(repo(v)).ok("snapshots", "--json"));
        return new String[] {snaps.get(0).get("short_id").asText(), snaps.get(1).get("short_id").asText()};
    }

    Cli.Result ours(int v, String... rest) {
        List<String> a = new ArrayList<>(List.of("-r", repo(v).toString()));
        a.addAll(List.of(rest));
        Cli.Result r = Cli.withPassword(a.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r;
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void diff_text_isResticsOutput(int v) throws IOException {
        String[] id = ids(v);
        assertEquals(new Restic(repo(v)).ok("diff", id[0], id[1]), ours(v, "diff", id[0], id[1]).out());
    }

    @ParameterizedTest(name = "v{0}")
    @ValueSource(ints = {1, 2})
    void diffJson_changesAndStatistics_areRestics(int v) throws IOException {
        String[] id = ids(v);
        List<String> theirs = new Restic(repo(v)).ok("diff", "--json", id[0], id[1]).lines().toList();
        List<String> ours = ours(v, "diff", "--json", id[0], id[1]).out().lines().toList();
        assertEquals(theirs.size(), ours.size(), () -> "restic:\n" + theirs + "\nours:\n" + ours);
        for (int i = 0; i < theirs.size(); i++) {
            assertEquals(JSON.readTree(theirs.get(i)), JSON.readTree(ours.get(i)), "line " + i);
        }
        JsonNode stats = JSON.readTree(ours.get(ours.size() - 1));
        assertEquals("statistics", stats.get("message_type").asText());
        assertEquals(1, stats.get("changed_files").asInt());
    }

    @Test
    void diff_listsExactlyTheChanges() {
        List<String> lines = changeLines(ours(2, "diff", first, second).out());
        assertEquals(List.of(
                "M    " + src + "/change.txt",
                "-    " + src + "/gone.txt",
                "+    " + src + "/new.txt",
                "+    " + src + "/newdir/",
                "+    " + src + "/newdir/inner.txt",
                "-    " + src + "/olddir/",
                "-    " + src + "/olddir/x.txt",
                "T    " + src + "/type"), lines);
    }

    @Test
    void diffMetadata_addsTheChmodAndTheRetargetedLink() {
        List<String> lines = changeLines(ours(2, "diff", "--metadata", first, second).out());
        List<String> inSource = lines.stream().filter(l -> l.substring(5).startsWith(src + "/")).toList();
        assertEquals(List.of(
                "M    " + src + "/change.txt",
                "U    " + src + "/chmod.txt",
                "-    " + src + "/gone.txt",
                "U    " + src + "/ln",
                "+    " + src + "/new.txt",
                "+    " + src + "/newdir/",
                "+    " + src + "/newdir/inner.txt",
                "-    " + src + "/olddir/",
                "-    " + src + "/olddir/x.txt",
                "T    " + src + "/type"), inSource);
        // The folders above src (/tmp...) are backed up with their real metadata, and other
        // processes touch /tmp between the backups: those may show as U, nothing else may.
        for (String l : lines) {
            if (!inSource.contains(l)) {
                assertTrue(l.startsWith("U    ") && src.toString().startsWith(l.substring(5)), l);
            }
        }
    }

    @Test
    void diff_reversed_swapsAddedAndRemoved() {
        List<String> lines = changeLines(ours(2, "diff", second, first).out());
        assertTrue(lines.contains("+    " + src + "/gone.txt"), lines::toString);
        assertTrue(lines.contains("-    " + src + "/newdir/inner.txt"), lines::toString);
        assertTrue(lines.contains("M    " + src + "/change.txt"), lines::toString);
    }

    @Test
    void diff_snapshotWithItself_reportsNothing() {
        Cli.Result r = ours(2, "diff", "--json", "--metadata", second, "latest");
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        assertTrue(lines.get(0).contains("\"added\":{\"files\":0,\"dirs\":0,\"others\":0,\"data_blobs\":0,"
                + "\"tree_blobs\":0,\"bytes\":0}"), r.out());
    }

    @Test
    void diff_unknownSnapshot_exits14WithoutStackTrace() {
        Cli.Result r = Cli.withPassword("-r", repo(2).toString(), "diff", first, "0123abcd");
        assertEquals(14, r.exit(), r.err());
        assertTrue(r.err().contains("0123abcd"), r.err());
        RepositoryErrorsIT.assertNoStackTrace(r);
    }

    /** The change lines of diff's text output, without the header and the statistics. */
    static List<String> changeLines(String out) {
        return out.lines().filter(l -> l.matches("[-+MTU]    /.*")).toList();
    }
}
