package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code forget} against restic 0.14 itself: on identical copies of a repository with eleven
 * snapshots (made by restic with {@code --time}, two hosts, tags, a two-path snapshot), our
 * {@code forget --dry-run --json} must print the same groups, kept and removed snapshots and
 * reasons as restic's; after our real {@code forget}, restic's {@code check} passes and
 * restic lists exactly the snapshots restic itself would have kept.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForgetIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    Path pristine;
    int copies;

    @BeforeAll
    void writeSnapshotsWithRestic() throws IOException {
        Path src = tmp.resolve("src");
        Path src2 = tmp.resolve("src2");
        Files.createDirectories(src);
        Files.createDirectories(src2);
        Files.writeString(src.resolve("file.txt"), "forget me not\n");
        Files.writeString(src2.resolve("other.txt"), "second path\n");
        pristine = tmp.resolve("pristine");
        Restic restic = new Restic(pristine);
        restic.ok("init");
        String a = src.toString();
        backup(restic, "2024-01-01 10:00:00", "alpha", List.of(), a);
        backup(restic, "2024-01-01 12:00:00", "alpha", List.of(), a);
        backup(restic, "2024-01-02 09:00:00", "alpha", List.of("keep"), a);
        backup(restic, "2024-01-08 09:00:00", "alpha", List.of(), a);
        backup(restic, "2024-01-15 09:00:00", "alpha", List.of(), a);
        backup(restic, "2024-01-15 18:30:00", "alpha", List.of(), a);
        backup(restic, "2024-01-20 10:00:00", "alpha", List.of(), src2.toString(), a);
        backup(restic, "2024-02-01 00:30:00", "alpha", List.of("keep", "db"), a);
        backup(restic, "2024-02-03 10:00:00", "alpha", List.of(), a);
        backup(restic, "2024-01-05 10:00:00", "beta", List.of(), a);
        backup(restic, "2024-02-02 10:00:00", "beta", List.of("keep"), a);
    }

    private static void backup(Restic restic, String time, String host, List<String> tags, String... paths) {
        List<String> args = new ArrayList<>(List.of("backup", "-q", "--time", time, "--host", host));
        tags.forEach(t -> args.addAll(List.of("--tag", t)));
        args.addAll(List.of(paths));
        restic.ok(args.toArray(String[]::new));
    }

    /** A private copy of the repository, so each test may forget in it. */
    Path copy() throws IOException {
        Path dst = tmp.resolve("copy-" + (++copies));
        try (Stream<Path> s = Files.walk(pristine)) {
            for (Path p : s.sorted().toList()) {
                Path t = dst.resolve(pristine.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
        return dst;
    }

    /** Our command line: {@code -r REPO forget REST... FLAGS...}, where {@code ''} in flags is an empty argument. */
    static String[] args(Path repo, String flags, String... rest) {
        List<String> a = new ArrayList<>(List.of("-r", repo.toString()));
        a.addAll(List.of(resticArgs(flags, rest)));
        return a.toArray(String[]::new);
    }

    /** The same for {@link Restic}, which adds the repository itself. */
    static String[] resticArgs(String flags, String... rest) {
        List<String> a = new ArrayList<>(List.of("forget"));
        a.addAll(List.of(rest));
        if (!flags.isEmpty()) {
            for (String f : flags.split(" ")) {
                a.add(f.equals("''") ? "" : f);
            }
        }
        return a.toArray(String[]::new);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--keep-daily 2 --keep-last 1",
        "--keep-last 3",
        "--keep-hourly 4",
        "--keep-weekly 2",
        "--keep-monthly 1 --keep-yearly 1",
        "--keep-within 5d",
        "--keep-within 1m",
        "--keep-within-daily 10d --keep-within-weekly 1m",
        "--keep-within-hourly 2d --keep-within-monthly 1y --keep-within-yearly 2y",
        "--keep-tag keep --keep-last 1",
        "--keep-tag keep,db --keep-tag nonexistent --keep-daily 1",
        "--group-by host --keep-last 2",
        "--group-by '' --keep-weekly 3",
        "--group-by tags --keep-last 1",
        "--group-by host,tags,paths --keep-monthly 1",
        "--host alpha --keep-last 1",
        "--tag keep --keep-last 1",
        "--path SRC --keep-daily 3 --group-by ''"})
    void forget_sameFlags_sameDecisionsAsRestic(String flagTemplate) throws IOException {
        String flags = flagTemplate.replace("SRC", tmp.resolve("src").toString());
        Path repo = copy();
        Set<String> all = snapshotFiles(repo);

        JsonNode theirs = JSON.readTree(new Restic(repo).ok(resticArgs(flags, "--dry-run", "--json")));
        Cli.Result dry = Cli.withPassword(args(repo, flags, "--dry-run", "--json"));
        assertEquals(0, dry.exit(), dry.err());
        JsonNode ours = JSON.readTree(dry.out());

        assertFalse(ids(theirs, "remove").isEmpty(), "each case removes something");
        assertEquals(byGroup(theirs), byGroup(ours), "forget --dry-run --json " + flags);
        assertEquals(all, snapshotFiles(repo), "a dry run removes nothing");

        Cli.Result real = Cli.withPassword(args(repo, flags));
        assertEquals(0, real.exit(), real.out() + real.err());
        Set<String> expected = new TreeSet<>(all);
        expected.removeAll(ids(theirs, "remove"));
        assertEquals(expected, snapshotIds(repo), "restic lists exactly what restic would have kept");
        new Restic(repo).ok("check");
        assertNoLocks(repo);
    }

    /** Groups keyed by host, paths and tags, since restic prints them in random map order. */
    static Map<String, JsonNode> byGroup(JsonNode groups) {
        Map<String, JsonNode> out = new TreeMap<>();
        groups.forEach(g -> out.put(g.get("host") + " " + g.get("paths") + " " + g.get("tags"), g));
        return out;
    }

    static Set<String> ids(JsonNode groups, String field) {
        Set<String> out = new TreeSet<>();
        groups.forEach(g -> g.path(field).forEach(s -> out.add(s.get("id").asText())));
        return out;
    }

    /** The snapshot file names, i.e. ids, without asking restic. */
    static Set<String> snapshotFiles(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("snapshots"))) {
            return new TreeSet<>(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** The ids restic lists. */
    Set<String> snapshotIds(Path repo) throws IOException {
        Set<String> out = new TreeSet<>();
        JSON.readTree(new Restic(repo).ok("snapshots", "--json")).forEach(s -> out.add(s.get("id").asText()));
        return out;
    }

    static void assertNoLocks(Path repo) throws IOException {
        try (Stream<Path> s = Files.list(repo.resolve("locks"))) {
            assertEquals(0, s.count(), "forget leaves no lock behind");
        }
    }

    @Test
    void forget_namedSnapshots_removesThemByPrefixAndFullId() throws IOException {
        Path repo = copy();
        List<String> all = new ArrayList<>(snapshotFiles(repo));
        String prefix = all.get(0).substring(0, 8);
        String full = all.get(1);

        Cli.Result r = Cli.withPassword(args(repo, "", prefix, full));

        assertEquals(0, r.exit(), r.out() + r.err());
        Set<String> expected = new TreeSet<>(all.subList(2, all.size()));
        assertEquals(expected, snapshotIds(repo));
        new Restic(repo).ok("check");
        assertNoLocks(repo);
    }

    @Test
    void forget_latestWithHostFilter_removesNewestOfThatHost() throws IOException {
        Path repo = copy();
        JsonNode beta = JSON.readTree(new Restic(repo).ok("snapshots", "--json", "--host", "beta", "latest"));
        String newestBeta = beta.get(0).get("id").asText();

        Cli.Result r = Cli.withPassword(args(repo, "--host beta", "latest"));

        assertEquals(0, r.exit(), r.out() + r.err());
        Set<String> left = snapshotIds(repo);
        assertEquals(10, left.size());
        assertFalse(left.contains(newestBeta));
    }

    @Test
    void forget_unknownSnapshotAmongNamed_removesTheOthersAndExits14() throws IOException {
        Path repo = copy();
        List<String> all = new ArrayList<>(snapshotFiles(repo));

        Cli.Result r = Cli.withPassword(args(repo, "", "ffffffffffffff", all.get(0)));

        assertEquals(14, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("ignoring \"ffffffffffffff\""), r.err());
        assertFalse(snapshotFiles(repo).contains(all.get(0)));
    }

    @Test
    void forget_noPolicy_removesNothingAndSaysSo() throws IOException {
        Path repo = copy();
        Cli.Result r = Cli.withPassword(args(repo, ""));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("no policy was specified, no snapshots will be removed"), r.out());
        assertEquals(11, snapshotFiles(repo).size());
    }

    @Test
    void forget_textOutput_showsPolicyGroupsAndReasons() throws IOException {
        Path repo = copy();
        Cli.Result r = Cli.withPassword(args(repo, "--keep-daily 2 --keep-last 1 --dry-run"));
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("Applying Policy: keep 1 latest, 2 daily snapshots\n"), r.out());
        assertTrue(r.out().contains("snapshots for (host [beta], paths [" + tmp.resolve("src") + "]):"), r.out());
        assertTrue(r.out().contains("last snapshot"), r.out());
        assertTrue(r.out().contains("Would have removed the following snapshots:"), r.out());
        assertEquals(11, snapshotFiles(repo).size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--keep-within 3x|--keep-within: invalid duration \"3x\": invalid unit 'x' found after number 3",
        "--keep-within-daily 7|--keep-within-daily: invalid duration \"7\": no unit found after number 7",
        "--keep-last -1|keep-last must not be negative, got -1",
        "--keep-within -2d|keep-within must not have negative parts",
        "--group-by host,user --keep-last 1|--group-by: unknown grouping option: 'user'",
        "--keep-daily x|--keep-daily",
        "--prune --max-unused 100% --keep-last 1|--max-unused: percentage \"100%\" must be below 100%",
        "--prune --max-repack-size 5x --keep-last 1|--max-repack-size: invalid size \"5x\""})
    void forget_badFlags_exit2WithClearMessageAndRemoveNothing(String caseText) throws IOException {
        String[] parts = caseText.split("\\|");
        Path repo = copy();

        Cli.Result r = Cli.withPassword(args(repo, parts[0]));

        assertEquals(2, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(parts[1]), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        assertEquals(11, snapshotFiles(repo).size());
        assertNoLocks(repo);
    }
}
