package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.fail;

import io.chronosguard.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code chronosguard -r REPO serve --http 127.0.0.1:0} running in-process (as the launcher
 * runs it) on a thread, until closed; {@link #url()} is where it listens.
 */
final class Served implements AutoCloseable {
    private static final Pattern SERVING = Pattern.compile("serving .* at (http://\\S+)/ ");

    private final Thread thread;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private volatile int exit = -1;
    private String url;

    private Served(Map<String, String> env, List<String> args) {
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("CHRONOSGUARD_STATE_DIR", System.getProperty("java.io.tmpdir") + "/cg-test-state");
        PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream r = new PrintStream(err, true, StandardCharsets.UTF_8);
        thread = new Thread(() -> exit = Main.run(args.toArray(String[]::new), e,
                new ByteArrayInputStream(new byte[0]), o, r), "serve");
        thread.setDaemon(true);
    }

    static Served start(java.nio.file.Path repo, Map<String, String> env) throws InterruptedException {
        List<String> args = new ArrayList<>(List.of("-r", repo.toString(), "serve", "--http", "127.0.0.1:0"));
        Served s = new Served(env, args);
        s.thread.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher m = SERVING.matcher(s.output());
            if (m.find()) {
                s.url = m.group(1);
                return s;
            }
            if (!s.thread.isAlive()) {
                fail("serve exited with " + s.exit + ": " + s.errors());
            }
            Thread.sleep(50);
        }
        s.close();
        throw new AssertionError("serve did not start within 60 s: " + s.output() + s.errors());
    }

    String url() {
        return url;
    }

    String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
