package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * ChronosGuard writes snapshots that the real restic 0.14 accepts: `check --read-data`
 * passes, `restore` gives back the same bytes and metadata, and restic backing up the
 * same data adds no data blobs (same chunks). Incremental runs skip unchanged files.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    Path src;
    Path repo;

    @BeforeAll
    void createRepositoryAndSource() throws IOException {
        src = tmp.resolve("source");
        SourceTree.create(src, 99);
        repo = tmp.resolve("repo");
        new Restic(repo).ok("init");
    }

    static JsonNode summary(Cli.Result r) throws IOException {
        String[] lines = r.out().strip().split("\n");
        JsonNode last = JSON.readTree(lines[lines.length - 1]);
        assertEquals("summary", last.get("message_type").asText(), r.out());
        return last;
    }

    Cli.Result backup(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("-r", repo.toString(), "backup", "--json"));
        args.addAll(List.of(extra));
        args.add(src.toString());
        return Cli.withPassword(args.toArray(String[]::new));
    }

    @Test
    void backup_thenResticChecksRestoresAndDedups() throws IOException {
        Cli.Result first = backup("--tag", "cg");
        assertEquals(0, first.exit(), first.err());
        JsonNode s1 = summary(first);
        String snap = s1.get("snapshot_id").asText();
        assertTrue(s1.get("files_new").asLong() > 40, s1.toString());
        assertTrue(s1.get("data_added").asLong() > 10_000_000, s1.toString());

        new Restic(repo).ok("check", "--read-data");

        Path target = tmp.resolve("restic-restore");
        new Restic(repo).ok("restore", snap, "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        TreeAssert.assertHardLinked(target.resolve(src.toString().substring(1)).resolve("docs/log.txt"),
                target.resolve(src.toString().substring(1)).resolve("docs/hardlink-to-log.txt"));

        JsonNode snaps = JSON.readTree(new Restic(repo).ok("snapshots", "--json"));
        assertEquals(snap, snaps.get(0).get("id").asText());
        assertEquals("cg", snaps.get(0).get("tags").get(0).asText());
        assertEquals(src.toString(), snaps.get(0).get("paths").get(0).asText());

        String theirs = new Restic(repo).ok("backup", "--force", src.toString());
        Matcher m = Pattern.compile("Added to the repo(?:sitory)?: ([0-9.]+) (\\w+)").matcher(theirs);
        assertTrue(m.find(), theirs);
        double added = Double.parseDouble(m.group(1)) * switch (m.group(2)) {
            case "B" -> 1;
            case "KiB" -> 1024;
            case "MiB" -> 1024 * 1024;
            default -> 1024.0 * 1024 * 1024;
        };
        assertTrue(added < 512 * 1024, "restic should find every data chunk already stored, added " + m.group());
    }

    @Test
    void backup_secondRunWithoutChanges_readsNothingAndAddsNoData() throws IOException {
        Path own = tmp.resolve("own-repo");
        new Restic(own).ok("init");
        repo = own;
        try {
            JsonNode s1 = summary(backup());
            JsonNode s2 = summary(backup());
            assertEquals(s1.get("snapshot_id").asText(), s2.get("parent_id").asText());
            assertEquals(0, s2.get("files_new").asLong() + s2.get("files_changed").asLong(), s2.toString());
            assertEquals(s1.get("files_new").asLong(), s2.get("files_unmodified").asLong());
            assertEquals(0, s2.get("data_blobs").asLong(), s2.toString());

            Files.writeString(src.resolve("docs/added-later.txt"), "later\n");
            JsonNode s3 = summary(backup());
            assertEquals(1, s3.get("files_new").asLong(), s3.toString());
            new Restic(own).ok("check", "--read-data");
            Path target = tmp.resolve("own-restore");
            Cli.Result r = Cli.withPassword("-r", own.toString(), "restore", "latest", "--target", target.toString());
            assertEquals(0, r.exit(), r.err());
            TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        } finally {
            Files.deleteIfExists(src.resolve("docs/added-later.txt"));
            SourceTree.setTimes(src);
            repo = tmp.resolve("repo");
        }
    }

    @Test
    void backup_missingTarget_exits14AndWritesNothing() throws IOException {
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "backup", tmp.resolve("no-such-dir").toString());
        assertEquals(14, r.exit(), r.err());
        assertTrue(r.err().contains("no-such-dir"), r.err());
    }

    @Test
    void backup_excludePatternAndCacheTag_leaveThoseOut() throws IOException {
        Path own = tmp.resolve("partial-repo");
        new Restic(own).ok("init");
        Path s = tmp.resolve("partial-src");
        Files.createDirectories(s.resolve("cache"));
        Files.writeString(s.resolve("ok.txt"), "fine\n");
        Files.writeString(s.resolve("skip.tmp"), "excluded\n");
        Files.write(s.resolve("cache/CACHEDIR.TAG"), "Signature: 8a477f597d28d172789f06886806bc55\n".getBytes());
        Files.writeString(s.resolve("cache/blob"), "cached\n");
        Cli.Result r = Cli.withPassword("-r", own.toString(), "backup", "--json", "--exclude", "*.tmp",
                "--exclude-caches", s.toString());
        assertEquals(0, r.exit(), r.out() + r.err());
        Cli.Result ls = Cli.withPassword("-r", own.toString(), "ls", "latest");
        assertTrue(ls.out().contains(s + "/ok.txt"), ls.out());
        assertTrue(ls.out().contains(s + "/cache/CACHEDIR.TAG"), ls.out());
        assertTrue(!ls.out().contains("skip.tmp") && !ls.out().contains("cache/blob"), ls.out());
        JsonNode snap = JSON.readTree(new Restic(own).ok("snapshots", "--json")).get(0);
        assertEquals("*.tmp", snap.get("excludes").get(0).asText());
        new Restic(own).ok("check");
    }
}
