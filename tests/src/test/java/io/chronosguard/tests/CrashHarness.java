package io.chronosguard.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Runs one CLI command as its own JVM (the runnable main on this test's class path, password in
 * the environment only), SIGKILLs it at a seeded point, then proves the repository survived:
 * restic unlocks the stale lock, {@code restic check --read-data} passes on every repository
 * the command writes, and the same command run again completes (exit 0) and leaves a
 * repository restic checks clean.
 *
 * <p>Points are a trigger plus a seeded delay after it. Triggers watch the repository from
 * outside, so no hook exists in production code: {@link Trigger#PACK_UPLOAD} fires when a pack
 * is being written (a {@code .tmp-} file under {@code data/}; the local store writes a temporary
 * file, syncs it and renames it), {@link Trigger#INDEX_WRITE} when an index file is being written,
 * {@link Trigger#REMOVAL} when the command first deletes a file it found in the repository.
 * With delay 0 the kill lands while that write or delete is under way (the harness notes when
 * a temporary file was left behind, the proof that it landed mid-write).
 *
 * <p>A command is one {@link Command} line: to add {@code copy}, declare
 * {@code new Command("copy", Template.HISTORY, ws -> List.of("copy", "--to", ws.other().toString()),
 * ws -> List.of(ws.repo(), ws.other()), List.of(Trigger.START, Trigger.PACK_UPLOAD, Trigger.INDEX_WRITE))}
 * (with the flag spelling copy ends up with) and list it in
 * {@link CrashPointsIT#COMMANDS}.
 */
final class CrashHarness {
    /** What a kill waits for before its seeded delay. */
    enum Trigger { START, PACK_UPLOAD, INDEX_WRITE, REMOVAL }

    /** The state a command starts from: built once, copied for every point. */
    enum Template {
        /** restic-initialised, no snapshot. */
        EMPTY,
        /** three snapshots of a folder that loses and gains files between them. */
        HISTORY,
        /** HISTORY after {@code forget --keep-last 1}: data for prune to repack and delete. */
        FORGOTTEN
    }

    /**
     * Where a point runs: its private repository copy, the folder backups read, and a second,
     * restic-initialised empty repository (for commands that write to another one, e.g. copy).
     */
    record Workspace(Path repo, Path source, Path other, Path config) {
    }

    /**
     * One command under test.
     *
     * @param args      the command's arguments after {@code -r REPO --config FILE}
     * @param checked   the repositories restic must accept after the kill and after the rerun
     * @param triggers  the points worth killing at for this command
     */
    record Command(String name, Template template, Function<Workspace, List<String>> args,
            Function<Workspace, List<Path>> checked, List<Trigger> triggers) {
        Command(String name, Template template, Function<Workspace, List<String>> args, Trigger... triggers) {
            this(name, template, args, ws -> List.of(ws.repo()), List.of(triggers));
        }
    }

    /** One kill point: the command, what it waits for, and how long after that it kills. */
    record Point(int number, Command command, Trigger trigger, int delayMs) {
        @Override
        public String toString() {
            return "#" + number + " " + command.name() + " at " + trigger + "+" + delayMs + "ms";
        }
    }

    /** What happened at a point; {@code failure} is null when every check passed. */
    record Outcome(Point point, boolean killedWhileRunning, boolean leftTemporary, String failure) {
        boolean passed() {
            return failure == null;
        }
    }

    private CrashHarness() {
    }

    /**
     * {@code n} seeded points spread over the commands in turn; each takes one of its command's
     * triggers at random and a delay: 0 ms for a third of the points (the kill lands inside the
     * write the trigger saw), otherwise up to 0.8 s (from the start: 300 ms to 3 s, past the JVM
     * start and key derivation).
     */
    static List<Point> points(List<Command> commands, long seed, int n) {
        Random rnd = new Random(seed);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Command c = commands.get(i % commands.size());
            Trigger t = c.triggers().get(rnd.nextInt(c.triggers().size()));
            int delay = t == Trigger.START ? 300 + rnd.nextInt(2700) : rnd.nextInt(3) == 0 ? 0 : rnd.nextInt(800);
            points.add(new Point(i + 1, c, t, delay));
        }
        return points;
    }

    /** Kills the command at {@code p} in {@code ws} (already holding its template copy) and checks the aftermath. */
    static Outcome run(Point p, Workspace ws) throws IOException, InterruptedException {
        List<String> before = files(ws.repo()).stream().filter(f -> !f.startsWith("locks")).toList();
        Process proc = start(p.command(), ws);
        boolean killed;
        try {
            waitFor(p.trigger(), proc, ws.repo(), before);
            if (p.delayMs() > 0) {
                proc.waitFor(p.delayMs(), TimeUnit.MILLISECONDS);
            }
            killed = proc.isAlive();
        } finally {
            proc.destroyForcibly(); // SIGKILL on Linux
            proc.waitFor(30, TimeUnit.SECONDS);
        }
        boolean temporary = files(ws.repo()).stream().anyMatch(f -> f.contains(".tmp-"));
        for (Path repo : p.command().checked().apply(ws)) {
            Restic restic = new Restic(repo);
            Restic.Result unlock = restic.run("unlock");
            if (unlock.exit() != 0) {
                return new Outcome(p, killed, temporary, "restic unlock failed: " + unlock.err());
            }
            Restic.Result check = restic.run("check", "--read-data");
            if (check.exit() != 0) {
                return new Outcome(p, killed, temporary, "restic check --read-data of " + repo
                        + " after the kill failed:\n" + check.out() + check.err());
            }
        }
        Cli.Result rerun = Cli.withPassword(cliArgs(p.command(), ws).toArray(String[]::new));
        if (rerun.exit() != 0) {
            return new Outcome(p, killed, temporary, "the rerun failed (exit " + rerun.exit() + "): " + rerun.err());
        }
        for (Path repo : p.command().checked().apply(ws)) {
            Restic.Result check = new Restic(repo).run("check");
            if (check.exit() != 0) {
                return new Outcome(p, killed, temporary, "restic check of " + repo + " after the rerun failed:\n"
                        + check.out() + check.err());
            }
        }
        return new Outcome(p, killed, temporary, null);
    }

    private static List<String> cliArgs(Command c, Workspace ws) {
        List<String> args = new ArrayList<>(List.of("-r", ws.repo().toString(), "--config", ws.config().toString()));
        args.addAll(c.args().apply(ws));
        return args;
    }

    private static Process start(Command c, Workspace ws) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "io.chronosguard.cli.Main"));
        cmd.addAll(cliArgs(c, ws));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        pb.environment().put("CHRONOSGUARD_STATE_DIR", ws.repo().resolveSibling(ws.repo().getFileName() + "-state")
                .toString());
        pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        return pb.start();
    }

    /** Polls (every millisecond: a small index file exists for only a few) until the trigger fires or the process ends. */
    private static void waitFor(Trigger t, Process p, Path repo, List<String> before) throws InterruptedException {
        BooleanSupplier fired = switch (t) {
            case START -> () -> true;
            case PACK_UPLOAD -> () -> anyTemporary(repo.resolve("data"));
            case INDEX_WRITE -> () -> anyTemporary(repo.resolve("index"));
            case REMOVAL -> () -> {
                List<String> now = files(repo);
                return !now.isEmpty() && !now.containsAll(before);
            };
        };
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (p.isAlive() && !fired.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            p.waitFor(1, TimeUnit.MILLISECONDS);
        }
    }

    private static boolean anyTemporary(Path dir) {
        return files(dir).stream().anyMatch(f -> f.contains(".tmp-"));
    }

    /** Relative paths of the regular files under {@code dir}; empty while it does not exist. */
    static List<String> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()).toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of(); // a file vanished while we walked: the next poll sees the new state
        }
    }
}
