package io.chronosguard.cli;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.KeyRing;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code key passwd}: replaces the password in use. The new key file is written before the
 * old one is removed, so a failure in between leaves both passwords working, never neither.
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = "Change the password: add a key for the new one, then remove the current key.")
final class KeyPasswdCommand implements Callable<Integer> {
    @ParentCommand
    KeyCommand parent;

    @Option(names = "--new-password-file", paramLabel = "FILE",
            description = "File whose first line is the new password (else asked twice on a terminal).")
    Path newPasswordFile;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, true)) {
            Id old = repo.keyId().orElseThrow();
            Id fresh = KeyAddCommand.addKey(ctx, repo, newPasswordFile);
            KeyRing.removeKey(repo.backend(), old, fresh);
            ctx.out().println("removed old key " + old.shortHex());
        }
        return ExitCode.OK;
    }
}
