package io.chronosguard.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Cleans up the temporary folders helpers make outside JUnit's {@code @TempDir}. */
final class Trees {
    private Trees() {
    }

    /** Deletes {@code dir} and everything in it, deepest first; says on stderr what it could not. */
    static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("cannot delete " + dir + ": " + e.getMessage());
        }
    }
}
