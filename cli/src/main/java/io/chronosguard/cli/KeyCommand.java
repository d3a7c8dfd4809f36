package io.chronosguard.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code key}: the group of commands that manage a repository's key files (its passwords). */
@Command(name = "key", mixinStandardHelpOptions = true, description = "Manage the keys (passwords) of a repository.",
        subcommands = {KeyListCommand.class, KeyAddCommand.class, KeyRemoveCommand.class, KeyPasswdCommand.class})
final class KeyCommand implements Callable<Integer> {
    @ParentCommand
    ChronosGuardCommand parent;

    CliContext ctx() {
        return parent.ctx();
    }

    @Override
    public Integer call() {
        throw new CliException(ExitCode.USAGE, "key needs a subcommand: list, add, remove or passwd");
    }
}
