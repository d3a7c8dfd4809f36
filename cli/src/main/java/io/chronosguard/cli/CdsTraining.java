package io.chronosguard.cli;

import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.repo.RepositoryInit;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * The training run for the launcher's class-data-sharing archive: runs the common commands
 * once, in one JVM, on a throwaway repository in a temporary folder, so that the JVM started
 * with {@code -XX:ArchiveClassesAtExit} records the classes they load. Starting from that
 * archive saves most of the class loading and verification every command otherwise pays
 * (about a third of a short command's CPU time). Prints nothing; exits non-zero if a command
 * failed, and the launcher then simply does without an archive.
 */
public final class CdsTraining {
    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("chronosguard-cds");
        int failures;
        try {
            failures = train(dir);
        } finally {
            deleteTree(dir);
        }
        System.exit(failures == 0 ? 0 : 1);
    }

    static int train(Path dir) throws IOException {
        Path src = dir.resolve("src");
        Path sub = Files.createDirectories(src.resolve("sub"));
        Random rnd = new Random(1);
        byte[] big = new byte[3 << 20];
        rnd.nextBytes(big);
        Files.write(src.resolve("big.bin"), big);
        Files.writeString(sub.resolve("notes.txt"), "chronosguard ".repeat(2000));
        Files.createSymbolicLink(src.resolve("link"), Path.of("sub/notes.txt"));
        String repo = dir.resolve("repo").toString();
        String target = dir.resolve("restore").toString();
        // A password for this throwaway repository only, handed over in memory.
        Map<String, String> env = Map.of("CHRONOSGUARD_PASSWORD", "cds-training",
                "CHRONOSGUARD_STATE_DIR", dir.resolve("state").toString());
        // Cheap scrypt parameters: the run is about which classes load, not about key cost.
        char[] pw = env.get("CHRONOSGUARD_PASSWORD").toCharArray();
        RepositoryInit.forThisHost().init(new LocalBackend(Path.of(repo)), pw, RepositoryInit.DEFAULT_VERSION,
                new KdfParams(1024, 8, 2)).close();
        List<String[]> commands = List.of(
                new String[] {"-r", repo, "backup", src.toString()},
                new String[] {"-r", repo, "backup", "--json", src.toString()},
                new String[] {"-r", repo, "snapshots"},
                new String[] {"-r", repo, "snapshots", "--json"},
                new String[] {"-r", repo, "ls", "latest", "-l"},
                new String[] {"-r", repo, "restore", "latest", "--target", target},
                new String[] {"-r", repo, "check"},
                new String[] {"-r", repo, "key", "list"},
                new String[] {"--help"});
        PrintStream quiet = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        int failures = 0;
        for (String[] c : commands) {
            int code = Main.run(c, env, new ByteArrayInputStream(new byte[0]), quiet, quiet);
            if (code != 0) {
                failures++;
            }
        }
        return failures;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
