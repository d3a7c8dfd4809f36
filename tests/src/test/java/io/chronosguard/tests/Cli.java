package io.chronosguard.tests;

import io.chronosguard.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs ChronosGuard's CLI in-process, exactly as the launcher runs it, capturing its output. */
final class Cli {
    record Result(int exit, String out, String err, byte[] rawOut) {
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Map<String, String> e = new HashMap<>(env);
        e.putIfAbsent("CHRONOSGUARD_STATE_DIR", System.getProperty("java.io.tmpdir") + "/cg-test-state");
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
