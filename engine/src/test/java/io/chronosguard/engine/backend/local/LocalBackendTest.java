package io.chronosguard.engine.backend.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chronosguard.engine.backend.FileType;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest {
    private static final String NAME = "ab".repeat(32);

    @Test
    void saveAndLoad_sizesAroundTheIoSlice_roundTrip(@TempDir Path dir) throws Exception {
        LocalBackend b = new LocalBackend(dir);
        b.createLayout();
        Random rnd = new Random(3);
        int slice = LocalBackend.IO_SLICE;
        for (int size : new int[] {0, 1, slice - 1, slice, slice + 1, 3 * slice + 5}) {
            byte[] data = new byte[size];
            rnd.nextBytes(data);
            String name = String.format("%064x", size);
            b.save(FileType.DATA, name, data);
            assertArrayEquals(data, b.load(FileType.DATA, name), "whole file of " + size);
            if (size > 10) {
                assertArrayEquals(Arrays.copyOfRange(data, 7, size - 3), b.load(FileType.DATA, name, 7, size - 10),
                        "range of " + size);
                assertArrayEquals(Arrays.copyOfRange(data, size - 4, size), b.load(FileType.DATA, name, size - 4, slice),
                        "a range past the end of " + size + " is cut at the end");
            }
        }
    }

    @Test
    void load_missingFile_throwsNoSuchFile(@TempDir Path dir) throws Exception {
        LocalBackend b = new LocalBackend(dir);
        b.createLayout();
        assertThrows(NoSuchFileException.class, () -> b.load(FileType.INDEX, NAME));
        assertThrows(NoSuchFileException.class, () -> b.load(FileType.DATA, NAME, 0, 10));
    }
}
