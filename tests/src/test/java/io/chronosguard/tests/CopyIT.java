package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code copy --from-repo}: snapshots restic 0.14 wrote (format v1, its own password) copied
 * into our v2 repository and ours copied into a repository restic initialised; restic checks
 * every destination with {@code --read-data} and restores the copies byte-exact; a second
 * copy copies nothing, a partly filled destination gets only the blobs it lacks, and restic's
 * own copy agrees that nothing is left to copy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CopyIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SOURCE_PASSWORD = "source secret";
    static final Pattern SAVED = Pattern.compile("snapshot ([0-9a-f]{8}) saved");

    @TempDir
    static Path tmp;
    Path src;
    /** restic's repository, format v1: snapshot "first" (tag t1), then one after a change. */
    Path resticRepo;

    @BeforeAll
    void resticSourceWithTwoSnapshots() throws IOException {
        src = tmp.resolve("src");
        Random rnd = new Random(42);
        Files.createDirectories(src.resolve("sub/deeper"));
        SourceTree.randomFile(src.resolve("big.bin"), 3L << 20, rnd);
        SourceTree.randomFile(src.resolve("sub/medium.bin"), 700_000, rnd);
        for (int i = 0; i < 10; i++) {
            Files.writeString(src.resolve("sub/deeper/small-" + i + ".txt"), "small " + i + " " + rnd.nextLong() + "\n");
        }
        Files.createSymbolicLink(src.resolve("link"), Path.of("big.bin"));
        SourceTree.setTimes(src);
        resticRepo = tmp.resolve("restic-v1");
        Restic restic = new Restic(resticRepo, SOURCE_PASSWORD);
        restic.ok("init", "--repository-version", "1");
        restic.ok("backup", "--tag", "t1", src.toString());
        SourceTree.randomFile(src.resolve("sub/changed.bin"), 900_000, rnd);
        Files.writeString(src.resolve("sub/deeper/small-3.txt"), "changed\n");
        SourceTree.setTimes(src);
        restic.ok("backup", src.toString());
    }

    private static Cli.Result copy(Path dst, Path from, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("-r", dst.toString(), "copy", "--from-repo", from.toString()));
        args.addAll(List.of(more));
        return Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD, "CHRONOSGUARD_FROM_PASSWORD", SOURCE_PASSWORD),
                args.toArray(String[]::new));
    }

    private static Path ourRepo(String name) {
        Path repo = tmp.resolve(name);
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "init");
        assertEquals(0, r.exit(), r.err());
        return repo;
    }

    private static long packBytes(Path repo) throws IOException {
        try (var s = Files.walk(repo.resolve("data"))) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static List<String> blobs(Restic restic) {
        return restic.ok("list", "blobs").lines().sorted().toList();
    }

    @Test
    void copy_resticV1RepoIntoOurs_checksRestoresAndSecondRunSkips() throws IOException {
        Path dst = ourRepo("ours-from-restic");
        Cli.Result r = copy(dst, resticRepo);
        assertEquals(0, r.exit(), r.err());
        Matcher m = SAVED.matcher(r.out());
        assertEquals(2, r.out().lines().filter(l -> l.equals("  copy started, this may take a while...")).count(), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.matches("snapshot [0-9a-f]{8} of \\[" + Pattern.quote(src.toString())
                + "\\] at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d+ \\+0000 UTC")), r.out());
        assertTrue(m.find() && m.find(), r.out());

        Restic restic = new Restic(dst);
        restic.ok("check", "--read-data");
        Path target = tmp.resolve("restore-ours");
        restic.ok("restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));
        // the copies name their originals and drop the parent, as restic's copy writes them
        JsonNode snaps = JSON.readTree(restic.ok("snapshots", "--json"));
        JsonNode sources = JSON.readTree(new Restic(resticRepo, SOURCE_PASSWORD).ok("snapshots", "--json"));
        for (int i = 0; i < 2; i++) {
            assertEquals(sources.get(i).get("id").asText(), snaps.get(i).get("original").asText());
            assertEquals(sources.get(i).get("tree").asText(), snaps.get(i).get("tree").asText());
            assertFalse(snaps.get(i).has("parent"));
        }
        assertEquals("[\"t1\"]", snaps.get(0).get("tags").toString());

        long before = packBytes(dst);
        Cli.Result again = copy(dst, resticRepo);
        assertEquals(0, again.exit(), again.err());
        assertEquals(2, again.out().lines().filter(l -> l.matches(
                "skipping source snapshot [0-9a-f]{8}, was already copied to snapshot [0-9a-f]{8}")).count(), again.out());
        assertFalse(again.out().contains("copy started"), again.out());
        assertEquals(before, packBytes(dst));
        assertEquals(2, restic.ok("list", "snapshots").lines().count());

        // restic's own copy finds both snapshots already there and copies nothing
        Restic.Result theirs = resticCopy(dst, resticRepo);
        assertEquals(0, theirs.exit(), theirs.err());
        assertEquals(2, theirs.out().lines().filter(l -> l.startsWith("skipping source snapshot")).count(), theirs.out());
        assertFalse(theirs.out().contains("copy started"), theirs.out());
        assertEquals(before, packBytes(dst));
    }

    @Test
    void copy_partlyFilledDestination_getsOnlyTheMissingBlobs() throws IOException {
        Path dst = ourRepo("ours-partly");
        Cli.Result first = copy(dst, resticRepo, "--tag", "t1", "--json");
        assertEquals(0, first.exit(), first.err());
        JsonNode firstSummary = JSON.readTree(first.out().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(1, firstSummary.get("snapshots_copied").asInt(), first.out());
        Restic restic = new Restic(dst);
        int afterFirst = blobs(restic).size();
        assertEquals(afterFirst, firstSummary.get("blobs_copied").asInt());

        Cli.Result second = copy(dst, resticRepo, "--json");
        assertEquals(0, second.exit(), second.err());
        List<JsonNode> lines = second.out().lines().map(CopyIT::json).toList();
        assertEquals("snapshot_skipped", lines.get(0).get("message_type").asText(), second.out());
        assertEquals("snapshot_copied", lines.get(1).get("message_type").asText(), second.out());
        JsonNode summary = lines.get(2);
        List<String> all = blobs(new Restic(resticRepo, SOURCE_PASSWORD));
        // every blob of the source once, none twice: the second run stored just the difference
        assertEquals(all, blobs(restic));
        assertEquals(all.size() - afterFirst, summary.get("blobs_copied").asInt(), second.out());
        restic.ok("check", "--read-data");
    }

    /** v2 (ours) into v2 and into v1: the v1 copy stores its blobs uncompressed. */
    @ParameterizedTest(name = "into v{0}")
    @ValueSource(ints = {1, 2})
    void copy_oursIntoResticInitialisedRepo_resticChecksAndRestoresByteExact(int version) throws IOException {
        Path ours = ourRepo("ours-source-" + version);
        Cli.Result b = Cli.withPassword("-r", ours.toString(), "backup", "--tag", "mine", src.toString());
        assertEquals(0, b.exit(), b.err());
        Path dst = tmp.resolve("restic-dst-v" + version);
        Restic restic = new Restic(dst);
        restic.ok("init", "--repository-version", Integer.toString(version));

        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD, "CHRONOSGUARD_FROM_PASSWORD",
                Restic.PASSWORD), "-r", dst.toString(), "--limit-upload", "200000", "--limit-download", "200000",
                "--connections", "2", "copy", "--from-repo", ours.toString(), "latest");
        assertEquals(0, r.exit(), r.err());
        assertTrue(SAVED.matcher(r.out()).find(), r.out());
        restic.ok("check", "--read-data");
        Path target = tmp.resolve("restore-restic-dst-v" + version);
        restic.ok("restore", "latest", "--target", target.toString());
        TreeAssert.assertSameTree(src, target.resolve(src.toString().substring(1)));

        Restic.Result theirs = resticCopy(dst, ours, Restic.PASSWORD);
        assertEquals(0, theirs.exit(), theirs.err());
        assertTrue(theirs.out().contains("skipping source snapshot"), theirs.out());
        assertFalse(theirs.out().contains("copy started"), theirs.out());
    }

    @Test
    void copy_noSourcePassword_failsWithOneLine() {
        Path dst = ourRepo("ours-no-pw");
        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD), "-r", dst.toString(), "copy",
                "--from-repo", resticRepo.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("chronosguard: no password given for the source repository: use --from-password-file FILE,"
                + " set CHRONOSGUARD_FROM_PASSWORD, or run on a terminal to be asked\n", r.err());
        assertEquals(List.of(), new Restic(dst).ok("list", "locks").lines().toList(), "no lock left behind");
    }

    @Test
    void copy_wrongSourcePassword_exitsTwelve() {
        Path dst = ourRepo("ours-wrong-pw");
        Cli.Result r = Cli.run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD, "CHRONOSGUARD_FROM_PASSWORD", "nope"),
                "-r", dst.toString(), "copy", "--from-repo", resticRepo.toString());
        assertEquals(12, r.exit(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static Restic.Result resticCopy(Path dst, Path from) {
        return resticCopy(dst, from, SOURCE_PASSWORD);
    }

    /** restic copy into {@code dst} (test password) from {@code from}, its password in RESTIC_FROM_PASSWORD. */
    private static Restic.Result resticCopy(Path dst, Path from, String fromPassword) {
        ProcessBuilder pb = new ProcessBuilder("restic", "-r", dst.toString(), "--no-cache", "copy", "--from-repo",
                from.toString());
        pb.environment().put("RESTIC_PASSWORD", Restic.PASSWORD);
        pb.environment().put("RESTIC_FROM_PASSWORD", fromPassword);
        pb.redirectErrorStream(true);
        try {
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (!p.waitFor(5, java.util.concurrent.TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("restic copy did not finish");
            }
            return new Restic.Result(p.exitValue(), out, "", new byte[0]);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
