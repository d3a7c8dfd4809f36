package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real restic binary (the format oracle) against a repository. */
final class Restic {
    static final String PASSWORD = "correct horse battery staple";

    private final String repo;
    private final String password;
    private final List<String> options;
    private final java.util.Map<String, String> env;

    Restic(Path repo) {
        this(repo, PASSWORD);
    }

    /** Opening the repository with {@code password} (given through the environment, never argv). */
    Restic(Path repo, String password) {
        this(repo.toString(), password, List.of(), Map.of());
    }

    /** A repository at any location restic takes (e.g. {@code s3:http://...}), with extra environment (credentials). */
    Restic(String location, String password, Map<String, String> env) {
        this(location, password, List.of(), env);
    }

    /** A repository at a network location, with restic's {@code -o} options and extra environment. */
    Restic(String location, String password, List<String> options, Map<String, String> env) {
        this.repo = location;
        this.password = password;
        this.options = List.copyOf(options);
        this.env = Map.copyOf(env);
    }

    /** {@code rawOut} is stdout's bytes, for binary output such as {@code dump}. */
    record Result(int exit, String out, String err, byte[] rawOut) {
    }

    Result run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("restic", "-r", repo, "--no-cache"));
        for (String o : options) {
            cmd.addAll(List.of("-o", o));
        }
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        pb.environment().put("RESTIC_PASSWORD", password);
        pb.environment().remove("RESTIC_REPOSITORY");
        try {
            Path errFile = java.nio.file.Files.createTempFile("restic", ".err");
            pb.redirectError(errFile.toFile());
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("restic " + args[0] + " did not finish");
            }
            String err = java.nio.file.Files.readString(errFile);
            java.nio.file.Files.delete(errFile);
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), err, out);
        } catch (IOException e) {
            throw new AssertionError("cannot run restic (install it: apt-get install restic)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs and asserts exit 0, returning stdout's bytes. */
    byte[] okBytes(String... args) {
        Result r = run(args);
        assertEquals(0, r.exit(), () -> "restic " + String.join(" ", args) + " failed:\n" + r.err());
        return r.rawOut();
    }

    /** Runs and asserts exit 0, returning stdout. */
    String ok(String... args) {
        Result r = run(args);
        assertEquals(0, r.exit(), () -> "restic " + String.join(" ", args) + " failed:\n" + r.out() + r.err());
        return r.out();
    }
}
