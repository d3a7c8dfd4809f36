package io.chronosguard.cli;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.KeyRing;
import io.chronosguard.engine.repo.Locker;
import io.chronosguard.engine.repo.Repository;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code key remove ID}: deletes another key file; never the one the given password opened. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a key (not the one the given password opens).")
final class KeyRemoveCommand implements Callable<Integer> {
    @ParentCommand
    KeyCommand parent;

    @Parameters(index = "0", paramLabel = "ID", description = "Key id, or a unique prefix of it (as key list shows).")
    String id;

    @Override
    public Integer call() {
        CliContext ctx = parent.ctx();
        try (Repository repo = ctx.openRepository(); Locker.RepoLock lock = ctx.lock(repo, true)) {
            Id target = KeyRing.find(repo.backend(), id);
            KeyRing.removeKey(repo.backend(), target, repo.keyId().orElseThrow());
            ctx.out().println("removed key " + target.shortHex());
        }
        return ExitCode.OK;
    }
}
