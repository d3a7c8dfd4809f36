package io.chronosguard.tests;

import io.chronosguard.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs ChronosGuard's CLI in-process, exactly as the launcher runs it, capturing its output. */
final class Cli {
    /**
     * This test JVM's own state folder (and so its own SQLite catalog), so test runs never
     * share a catalog with other runs on the machine.
     */
    private static final Path STATE_DIR = tempStateDir();

    private static Path tempStateDir() {
        try {
            Path dir = Files.createTempDirectory("cg-test-state");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> Trees.delete(dir), "cg-test-state-cleanup"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Result(int exit, String out, String err, byte[] rawOut) {
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("CHRONOSGUARD_STATE_DIR", STATE_DIR.toString());
        int code = Main.run(args, e, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                out.toByteArray());
    }

    /** With the test password in CHRONOSGUARD_PASSWORD. */
    static Result withPassword(String... args) {
        return run(Map.of("CHRONOSGUARD_PASSWORD", Restic.PASSWORD), args);
    }
}
