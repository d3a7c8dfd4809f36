package io.chronosguard.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CdsTrainingTest {
    /** The launcher drops its archive when a training command fails: keep them all valid. */
    @Test
    void train_everyCommand_succeeds(@TempDir Path dir) throws Exception {
        assertEquals(0, CdsTraining.train(dir));
        assertTrue(Files.isDirectory(dir.resolve("restore").resolve(dir.resolve("src").toString().substring(1))),
                "the restore ran");
    }
}
