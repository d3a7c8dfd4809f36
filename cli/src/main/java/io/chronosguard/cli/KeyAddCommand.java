package io.chronosguard.cli;

import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.KeyRing;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code key add}: a second password for the same repository (a new key file sealing the same master key). */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a key: a new password that opens the same repository.")
final class KeyAddCommand implements Callable<Integer> {
    @ParentCommand
    KeyCommand parent;

    @Option(names = "--new-password-file", paramLabel = "FILE",
            description = "File whose first line is the new password (else asked twice on a terminal).")
    Path newPasswordFile;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        // restic 0.14 takes a shared lock here: adding a key file disturbs no other operation.
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, false)) {
            addKey(ctx, repo, newPasswordFile);
        }
        return ExitCode.OK;
    }

    /**
     * Adds a key file for the new password (from {@code newPasswordFile}, else asked twice),
     * prints its id and returns it; the password is wiped from memory afterwards.
     */
    static Id addKey(CliContext ctx, Repository repo, Path newPasswordFile) {
        char[] pw = ctx.newPassword(newPasswordFile);
        try {
            Id id = KeyRing.addKey(repo.backend(), repo.key(), pw, KdfParams.DEFAULT);
            ctx.out().println("saved new key as " + id.shortHex());
            return id;
        } finally {
            Arrays.fill(pw, '\0');
        }
    }
}
