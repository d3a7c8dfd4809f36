package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.Backend;
import io.chronosguard.engine.backend.FileType;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarantees every store gives (see {@link Backend}), run against each one: a subclass
 * says how to make a fresh, empty store for one test. One suite for all backends, as restic
 * runs one conformance suite against each of its backends.
 */
abstract class BackendContract {
    private final Random random = new Random(42);
    private Backend backend;

    /** A new store at a location nobody used before. */
    protected abstract Backend newBackend() throws Exception;

    @BeforeEach
    void open() throws Exception {
        backend = newBackend();
    }

    @AfterEach
    void closeBackend() throws Exception {
        backend.close();
    }

    private String randomName() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @Test
    void newStore_isUnusedAndHasNoRepository() throws IOException {
        assertTrue(backend.isUnused());
        assertFalse(backend.exists());
    }

    @Test
    void saveThenLoad_returnsTheSameBytesForEveryType() throws IOException {
        backend.createLayout();
        for (FileType t : FileType.values()) {
            String name = t == FileType.CONFIG ? "config" : randomName();
            byte[] data = randomBytes(1000 + t.ordinal());
            backend.save(t, name, data);
            assertArrayEquals(data, backend.load(t, name), t.toString());
            assertEquals(data.length, backend.size(t, name), t.toString());
        }
        assertTrue(backend.exists());
        assertFalse(backend.isUnused());
    }

    @Test
    void saveSlice_storesOnlyTheSlice() throws IOException {
        byte[] data = randomBytes(5000);
        String name = randomName();
        backend.save(FileType.DATA, name, data, 100, 3000);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 100, 3100), backend.load(FileType.DATA, name));
    }

    @Test
    void loadRange_returnsThoseBytesAndFewerAtTheEnd() throws IOException {
        byte[] data = randomBytes(10_000);
        String name = randomName();
        backend.save(FileType.DATA, name, data);
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 1234, 1234 + 777),
                backend.load(FileType.DATA, name, 1234, 777));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 9_990, 10_000),
                backend.load(FileType.DATA, name, 9_990, 100));
    }

    @Test
    void emptyFile_roundTrips() throws IOException {
        String name = randomName();
        backend.save(FileType.INDEX, name, new byte[0]);
        assertArrayEquals(new byte[0], backend.load(FileType.INDEX, name));
        assertEquals(0, backend.size(FileType.INDEX, name));
    }

    @Test
    void largeFile_roundTrips() throws IOException {
        byte[] data = randomBytes(17 << 20); // above a pack's size, above multipart thresholds
        String name = randomName();
        backend.save(FileType.DATA, name, data);
        assertArrayEquals(data, backend.load(FileType.DATA, name));
        assertArrayEquals(java.util.Arrays.copyOfRange(data, 16 << 20, (16 << 20) + 4096),
                backend.load(FileType.DATA, name, 16 << 20, 4096));
    }

    @Test
    void list_namesExactlyTheFilesOfThatType() throws IOException {
        backend.createLayout();
        Set<String> data = new HashSet<>();
        for (int i = 0; i < 40; i++) { // many fan-out folders
            String n = randomName();
            data.add(n);
            backend.save(FileType.DATA, n, randomBytes(10));
        }
        String snap = randomName();
        backend.save(FileType.SNAPSHOT, snap, randomBytes(10));
        assertEquals(data, new HashSet<>(backend.list(FileType.DATA)));
        assertEquals(List.of(snap), backend.list(FileType.SNAPSHOT));
        assertEquals(List.of(), backend.list(FileType.LOCK));
    }

    @Test
    void remove_makesTheFileGone() throws IOException {
        String name = randomName();
        backend.save(FileType.LOCK, name, randomBytes(10));
        backend.remove(FileType.LOCK, name);
        assertEquals(List.of(), backend.list(FileType.LOCK));
        assertThrows(NoSuchFileException.class, () -> backend.load(FileType.LOCK, name));
    }

    @Test
    void missingFile_isNoSuchFile() {
        String name = randomName();
        assertThrows(NoSuchFileException.class, () -> backend.load(FileType.DATA, name));
        assertThrows(NoSuchFileException.class, () -> backend.load(FileType.DATA, name, 0, 10));
        assertThrows(NoSuchFileException.class, () -> backend.size(FileType.DATA, name));
    }
}
