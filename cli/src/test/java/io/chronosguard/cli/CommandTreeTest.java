package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {

    @Test
    void named_plainSubcommand_isFoundPastGlobalOptionsAndTheirValues() {
        assertEquals(SnapshotsCommand.class, CommandTree.named(new String[] {"snapshots"}));
        assertEquals(SnapshotsCommand.class, CommandTree.named(new String[] {"-r", "/repo", "snapshots", "--json"}));
        // a repository folder named like a command is the option's value, not the command
        assertEquals(BackupCommand.class, CommandTree.named(new String[] {"--repo", "snapshots", "backup", "/x"}));
        assertEquals(LsCommand.class, CommandTree.named(new String[] {"--debug", "--repo=/r", "ls", "latest"}));
        assertEquals(KeyCommand.class, CommandTree.named(new String[] {"--password-file", "pw", "key", "list"}));
    }

    @Test
    void named_helpTyposAndUnknownOptions_getTheFullTree() {
        for (String[] args : new String[][] {{}, {"--help"}, {"-V"}, {"help", "snapshots"}, {"snapshotz"},
                {"-rX", "ls"}, {"--", "ls"}, {"--bogus", "ls"}}) {
            assertNull(CommandTree.named(args), String.join(" ", args));
        }
    }

    @Test
    void create_namedSubcommand_hasOnlyIt_otherwiseAll() {
        CliContext ctx = new CliContext(Map.of(), new ByteArrayInputStream(new byte[0]), System.out, System.err);
        CommandLine one = CommandTree.create(new ChronosGuardCommand(ctx), new String[] {"snapshots"});
        assertEquals(java.util.Set.of("snapshots"), one.getSubcommands().keySet());
        CommandLine all = CommandTree.create(new ChronosGuardCommand(ctx), new String[] {"--help"});
        assertEquals(ChronosGuardCommand.SUBCOMMANDS.size(), all.getSubcommands().size());
        assertTrue(all.getSubcommands().containsKey("help"));
    }

    @Test
    void run_badOptionOfNamedSubcommand_sameUsageErrorAsWithTheFullTree() {
        String light = run("snapshots", "--bogus");
        String full = run("--debug", "snapshots", "--bogus");   // --debug is known: still light
        assertTrue(light.startsWith("Unknown option: '--bogus'"), light);
        assertTrue(light.contains("Usage: chronosguard snapshots"), light);
        assertEquals(light, full);
        assertTrue(run("--help").contains("snapshots"), "the top help still lists every command");
    }

    private static String run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Main.run(args, Map.of(), new ByteArrayInputStream(new byte[0]), ps, ps);
        return out.toString(StandardCharsets.UTF_8);
    }
}
