package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch PATH --delay D} in its own JVM: a snapshot per burst of changes, restored byte-exact by restic. */
class WatchCommandIT {
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot ([0-9a-f]{8}) saved");

    @TempDir
    Path tmp;

    @Test
    void watch_filesChanged_newSnapshotRestoresThem() throws Exception {
        Path repo = NodeProcesses.initRepository(tmp);
        Path src = Files.createDirectories(tmp.resolve("src/inner"));
        Files.writeString(src.resolve("a.txt"), "before\n");
        List<String> cmd = new ArrayList<>(NodeProcesses.javaNode());
        cmd.set(cmd.size() - 1, "watch");
        cmd.addAll(List.of("-r", repo.toString(), src.getParent().toString(), "--delay", "1s", "--workers", "2"));
        Path log = tmp.resolve("watch.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("CHRONOSGUARD_PASSWORD", Restic.PASSWORD);
        pb.environment().put("CHRONOSGUARD_STATE_DIR", tmp.resolve("state").toString());
        Process p = pb.start();
        try {
            String first = awaitSnapshot(log, 1, p);
            Files.writeString(src.resolve("a.txt"), "after the change\n");
            Files.createDirectories(src.resolve("made/later"));
            Files.write(src.resolve("made/later/b.bin"), new byte[70_000]);
            String second = awaitSnapshot(log, 2, p);
            assertTrue(!second.equals(first), Files.readString(log));
            Path target = tmp.resolve("restored");
            new Restic(repo).ok("restore", second, "--target", target.toString());
            TreeAssert.assertSameTree(src.getParent(), target.resolve(src.getParent().toString().substring(1)));
        } finally {
            p.destroy();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
        new Restic(repo).ok("check", "--read-data");
    }

    @Test
    void node_badDaemonConfig_exitsTwoNamingTheField() throws Exception {
        assertRefused("daemon.conf", "sources = [{ name = a, paths = [\"/a\"], watch { delay = soon } }]\n",
                "sources[0].watch.delay: \"soon\" is not a duration", "--daemon-config");
    }

    @Test
    void node_badDaemonSectionInConfigFile_exitsTwoNamingTheField() throws Exception {
        assertRefused("chronosguard.conf", "workers = 2\ndaemon { sources = [{ name = a, paths = [\"/a\"], schedule = \"x\" }] }\n",
                "daemon.sources[0].schedule: bad cron expression \"x\"", "--config");
    }

    /** {@code node} with the file given by {@code option} exits 2 with {@code expected}, no stack trace. */
    private void assertRefused(String name, String text, String expected, String option) throws Exception {
        Path repo = NodeProcesses.initRepository(tmp);
        Path conf = tmp.resolve(name);
        Files.writeString(conf, text);
        int port = NodeProcesses.freePort();
        List<String> args = new ArrayList<>(List.of("-r", repo.toString(), "node", "--bind", "127.0.0.1:" + port,
                "--seed", "127.0.0.1:" + port));
        args.addAll(option.equals("--config") ? 0 : args.size(), List.of(option, conf.toString()));
        Cli.Result r = Cli.withPassword(args.toArray(String[]::new));
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertTrue(!r.err().contains("Exception"), r.err());
    }

    /** The short id of the {@code n}th snapshot the command printed. */
    private static String awaitSnapshot(Path log, int n, Process p) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            String out = Files.exists(log) ? Files.readString(log) : "";
            Matcher m = SNAPSHOT.matcher(out);
            int seen = 0;
            while (m.find()) {
                if (++seen == n) {
                    return m.group(1);
                }
            }
            if (!p.isAlive()) {
                throw new AssertionError("watch exited " + p.exitValue() + ": " + out);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no snapshot #" + n + " within 60 s: " + Files.readString(log));
    }
}
