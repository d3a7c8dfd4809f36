package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.tests.CrashHarness.Command;
import io.chronosguard.tests.CrashHarness.Outcome;
import io.chronosguard.tests.CrashHarness.Point;
import io.chronosguard.tests.CrashHarness.Template;
import io.chronosguard.tests.CrashHarness.Trigger;
import io.chronosguard.tests.CrashHarness.Workspace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash consistency at seeded points across backup, forget, prune and copy (see {@link CrashHarness}):
 * after every SIGKILL restic accepts the repository with {@code check --read-data} and the same
 * command then completes. The suite runs {@code -Dcrash.points} points (default 12);
 * {@code bench/crash-points.sh} runs 100. The seed is printed; {@code -Dcrash.seed=N} replays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrashPointsIT {
    /** Every command the harness kills; adding one (e.g. copy) is one line here. */
    static final List<Command> COMMANDS = List.of(
            new Command("backup", Template.EMPTY, ws -> List.of("backup", ws.source().toString()),
                    Trigger.START, Trigger.PACK_UPLOAD, Trigger.INDEX_WRITE),
            new Command("forget", Template.HISTORY,
                    ws -> List.of("forget", "--keep-last", "1", "--prune", "--max-unused", "0%"),
                    Trigger.START, Trigger.REMOVAL, Trigger.PACK_UPLOAD, Trigger.INDEX_WRITE),
            new Command("prune", Template.FORGOTTEN, ws -> List.of("prune", "--max-unused", "0%"),
                    Trigger.START, Trigger.PACK_UPLOAD, Trigger.INDEX_WRITE, Trigger.REMOVAL),
            // copy writes into the point's repository (an empty one) from `other`, which holds the history
            new Command("copy", Template.EMPTY, ws -> List.of("copy", "--from-repo", ws.other().toString(),
                    "--from-password-file", fromPasswordFile(ws).toString()),
                    ws -> List.of(ws.repo(), ws.other()), List.of(Trigger.START, Trigger.PACK_UPLOAD, Trigger.INDEX_WRITE)));

    /** The source repository's password for copy, in a file beside the workspace (never argv). */
    static Path fromPasswordFile(Workspace ws) {
        return ws.other().resolveSibling("from-password");
    }

    @TempDir
    static Path tmp;
    Path backupSource;
    Path config;
    Path templateConfig;
    final Map<Template, Path> templates = new EnumMap<>(Template.class);

    @BeforeAll
    void buildTemplates() throws IOException {
        Random rnd = new Random(11);
        backupSource = tmp.resolve("backup-source");
        for (int d = 0; d < 4; d++) {
            Path dir = Files.createDirectories(backupSource.resolve("d" + d));
            for (int f = 0; f < 20; f++) {
                SourceTree.randomFile(dir.resolve("f" + f), 16 * 1024 + rnd.nextInt(200 * 1024), rnd);
            }
            SourceTree.randomFile(dir.resolve("big"), 5L << 20, rnd);
        }
        // 4 MiB packs (the smallest) make several pack and index writes to land in; zstd's
        // highest level makes the backup slow enough to be caught mid-way
        config = Files.writeString(tmp.resolve("crash.conf"), "pack-size = 4\ncompression = max\n");
        templateConfig = Files.writeString(tmp.resolve("template.conf"), "pack-size = 4\n");

        Path empty = tmp.resolve("template-empty");
        new Restic(empty).ok("init");
        templates.put(Template.EMPTY, empty);

        Path history = tmp.resolve("template-history");
        copyTree(empty, history);
        Path src = tmp.resolve("history-source");
        Files.createDirectories(src.resolve("old"));
        Files.createDirectories(src.resolve("new"));
        for (int f = 0; f < 60; f++) {
            SourceTree.randomFile(src.resolve("old/f" + f), 32 * 1024 + rnd.nextInt(160 * 1024), rnd);
        }
        backup(history, src);
        for (int f = 0; f < 60; f += 2) {
            Files.delete(src.resolve("old/f" + f));
        }
        SourceTree.randomFile(src.resolve("new/a"), 3L << 20, rnd);
        backup(history, src);
        SourceTree.randomFile(src.resolve("new/b"), 3L << 20, rnd);
        backup(history, src);
        templates.put(Template.HISTORY, history);

        Path forgotten = tmp.resolve("template-forgotten");
        copyTree(history, forgotten);
        Cli.Result r = Cli.withPassword("-r", forgotten.toString(), "forget", "--keep-last", "1");
        assertEquals(0, r.exit(), r.err());
        templates.put(Template.FORGOTTEN, forgotten);
    }

    @Test
    void commands_killedAtSeededPoints_resticChecksCleanAndRerunCompletes() throws Exception {
        long seed = Long.getLong("crash.seed", System.nanoTime());
        int n = Integer.getInteger("crash.points", 12);
        System.out.println("CrashPointsIT seed: " + seed + " points: " + n + " (replay with -Dcrash.seed=" + seed + ")");
        List<Outcome> outcomes = new ArrayList<>();
        for (Point p : CrashHarness.points(COMMANDS, seed, n)) {
            Path dir = Files.createDirectories(tmp.resolve("point-" + p.number()));
            Workspace ws = new Workspace(dir.resolve("repo"), backupSource, dir.resolve("other"), config);
            copyTree(templates.get(p.command().template()), ws.repo());
            copyTree(templates.get(p.command().name().equals("copy") ? Template.HISTORY : Template.EMPTY), ws.other());
            Files.writeString(fromPasswordFile(ws), Restic.PASSWORD + "\n");
            Outcome o = CrashHarness.run(p, ws);
            System.out.printf("CrashPointsIT %s: %s%s, %s%n", p, o.killedWhileRunning() ? "killed while running"
                    : "had already finished", o.leftTemporary() ? " (mid-write: a temporary file was left)" : "",
                    o.passed() ? "passed" : "FAILED: " + o.failure());
            outcomes.add(o);
            Trees.delete(dir);
        }
        long passed = outcomes.stream().filter(Outcome::passed).count();
        long killed = outcomes.stream().filter(Outcome::killedWhileRunning).count();
        long midWrite = outcomes.stream().filter(Outcome::leftTemporary).count();
        String summary = passed + " passed, " + (n - passed) + " failed (" + killed + " killed while running, "
                + midWrite + " mid-write; seed " + seed + ")";
        System.out.println("CrashPointsIT: " + summary);
        assertEquals(n, passed, summary + "; first failure: " + outcomes.stream().filter(o -> !o.passed())
                .map(o -> o.point() + ": " + o.failure()).findFirst().orElse(""));
        for (Command c : COMMANDS) {
            assertTrue(outcomes.stream().anyMatch(o -> o.point().command() == c && o.killedWhileRunning()),
                    c.name() + " was never killed while running: the points prove nothing about it (" + summary + ")");
        }
    }

    private void backup(Path repo, Path src) {
        Cli.Result r = Cli.withPassword("-r", repo.toString(), "--config", templateConfig.toString(), "backup", src.toString());
        assertEquals(0, r.exit(), r.err());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t);
                }
            }
        }
    }
}
