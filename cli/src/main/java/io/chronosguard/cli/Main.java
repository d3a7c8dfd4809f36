package io.chronosguard.cli;

import io.chronosguard.config.ConfigException;
import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.catalog.CatalogException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;

/**
 * Entry point. {@link #run} is the whole program with its environment and streams passed
 * in, so tests drive it in-process exactly as the launcher does.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        ignoreHangup();
        int code = run(args, System.getenv(), System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /**
     * restic (0.14) checks whether the owner of a lock on the same host is alive by sending it
     * SIGHUP; the JVM would take that as a request to shut down, so a long backup, restore,
     * serve or node holding its lock would die whenever someone ran restic beside it. Like
     * restic itself, ChronosGuard ignores SIGHUP (SIGINT and SIGTERM still stop it).
     */
    @SuppressWarnings("restriction")
    private static void ignoreHangup() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("HUP"), sun.misc.SignalHandler.SIG_IGN);
        } catch (IllegalArgumentException e) {
            // no SIGHUP on this platform
        }
    }

    public static int run(String[] args, Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {
        CliContext ctx = new CliContext(env, in, out, err);
        CommandLine cl = CommandTree.create(new ChronosGuardCommand(ctx), args);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(errWriter);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, ctx, errWriter));
        return cl.execute(args);
    }

    static int handle(Exception ex, CliContext ctx, PrintWriter err) {
        int code;
        String message;
        if (ex instanceof CliException ce) {
            code = ce.exitCode();
            message = ce.getMessage();
        } else if (ex instanceof EngineException ee) {
            code = ExitCode.of(ee);
            message = ee.getMessage();
        } else if (ex instanceof CatalogException ce) {
            // A catalog that cannot be opened is a setting to fix (--catalog, --state-dir, credentials).
            code = ExitCode.USAGE;
            message = ce.getMessage();
        } else if (ex instanceof ConfigException ce) {
            code = ExitCode.USAGE;
            message = "invalid configuration:\n" + ce.getMessage();
        } else if (ex instanceof IllegalArgumentException iae) {
            code = ExitCode.USAGE;
            message = iae.getMessage();
        } else {
            code = ExitCode.FAILED;
            message = "internal error: " + ex + (ctx.debug() ? "" : " (run with --debug for details)");
        }
        err.println("chronosguard: " + message);
        if (ctx.debug()) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }
}
