package io.chronosguard.cli;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code init}: creates a new repository that restic 0.14 opens, with the password as its first key. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a new repository (restic format version 2 unless told otherwise).")
final class InitCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    @Option(names = "--repository-version", paramLabel = "VERSION", defaultValue = "stable",
            description = "Format version: 1, 2, stable or latest (both mean 2). Default: ${DEFAULT-VALUE}.")
    String version;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        int v = parseVersion(version);
        Backend backend = ctx.openBackend();
        // Before the prompt: nobody should type a new password twice only to hear the folder is taken.
        RepositoryInit.checkLocation(backend);
        char[] pw = ctx.passwordForNewRepository();
        try (Repository repo = RepositoryInit.forThisHost().init(backend, pw, v, KdfParams.DEFAULT)) {
            PrintStream out = ctx.out();
            out.println("created repository " + repo.config().id().substring(0, 10) + " (format version " + v
                    + ") at " + backend.location());
            out.println();
            out.println("Please note that knowledge of your password is required to access");
            out.println("the repository. Losing your password means that your data is");
            out.println("irrecoverably lost.");
        } finally {
            Arrays.fill(pw, '\0');
        }
        return ExitCode.OK;
    }

    static int parseVersion(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "1" -> 1;
            case "2", "stable", "latest" -> RepositoryInit.DEFAULT_VERSION;
            default -> throw new CliException(ExitCode.USAGE, "unknown --repository-version \"" + s
                    + "\": use 1, 2, stable or latest");
        };
    }
}
