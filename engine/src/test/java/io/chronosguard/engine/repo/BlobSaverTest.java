package io.chronosguard.engine.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.ForwardingBackend;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.pack.BlobType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BlobSaverTest {
    @TempDir
    Path dir;
    Repository repo;
    /** Stores of the given type fail while set. */
    FileType failing;

    @BeforeEach
    void setUp() {
        LocalBackend local = new LocalBackend(dir.resolve("repo"));
        RepositoryInitTest.init().init(local, RepositoryInitTest.PASSWORD, 2, KeyRingTest.CHEAP);
        repo = Repository.open(new ForwardingBackend(local) {
            @Override
            public void save(FileType type, String name, byte[] data) throws IOException {
                if (type == failing) {
                    throw new IOException("disk full");
                }
                inner().save(type, name, data);
            }
        }, RepositoryInitTest.PASSWORD);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void state_blobThroughOpenPackStoredPackAndIndex_movesFromUnstoredToIndexed() {
        BlobSaver saver = new BlobSaver(repo, new IndexSaver(repo), 1 << 20, BlobSaver.Compression.AUTO);
        Id id = saver.save(BlobType.DATA, bytes("hello"), 5).id();
        assertEquals(BlobSaver.State.UNSTORED, saver.state(BlobType.DATA, id));
        assertTrue(saver.hasUnflushed());
        saver.flush();
        assertEquals(BlobSaver.State.INDEXED, saver.state(BlobType.DATA, id));
        assertFalse(saver.hasUnflushed());
        assertTrue(repo.loadIndex().has(id, BlobType.DATA));
        assertEquals(BlobSaver.State.MISSING, saver.state(BlobType.TREE, id), "tree and data ids are apart");
    }

    @Test
    void state_fullPackStoredButIndexNotYetWritten_isUnindexedUntilFlushIndex() {
        // a pack size of 1 byte: every blob fills its pack, which the saving thread uploads
        BlobSaver saver = new BlobSaver(repo, new IndexSaver(repo), 1, BlobSaver.Compression.AUTO);
        Id id = saver.save(BlobType.DATA, bytes("full pack"), 9).id();
        assertEquals(BlobSaver.State.UNINDEXED, saver.state(BlobType.DATA, id));
        assertEquals(1, repo.list(FileType.DATA).size());
        assertEquals(0, repo.list(FileType.INDEX).size());
        saver.flushIndex();
        assertEquals(BlobSaver.State.INDEXED, saver.state(BlobType.DATA, id));
    }

    @Test
    void state_packUploadFailed_isMissingAndTheBlobCanBeSavedAgain() {
        BlobSaver saver = new BlobSaver(repo, new IndexSaver(repo), 1 << 20, BlobSaver.Compression.AUTO);
        Id id = saver.save(BlobType.DATA, bytes("lost"), 4).id();
        failing = FileType.DATA;
        assertThrows(BackendIOException.class, saver::flush);
        assertEquals(BlobSaver.State.MISSING, saver.state(BlobType.DATA, id));
        failing = null;
        assertTrue(saver.save(BlobType.DATA, bytes("lost"), 4).added());
        saver.flush();
        assertEquals(BlobSaver.State.INDEXED, saver.state(BlobType.DATA, id));
    }

    // Regression guard: an index file that failed to store must not drop its packs, or the
    // blobs would stay "on their way" for ever and results waiting on them would never go.
    @Test
    void state_indexWriteFailed_staysUnindexedAndTheNextFlushIndexesIt() {
        BlobSaver saver = new BlobSaver(repo, new IndexSaver(repo), 1 << 20, BlobSaver.Compression.AUTO);
        byte[] data = new byte[4096];
        new Random(1).nextBytes(data);
        Id id = saver.save(BlobType.DATA, data, data.length).id();
        failing = FileType.INDEX;
        assertThrows(RuntimeException.class, saver::flush);
        assertEquals(BlobSaver.State.UNINDEXED, saver.state(BlobType.DATA, id));
        assertTrue(saver.hasUnflushed());
        failing = null;
        saver.flushIndex();
        assertEquals(BlobSaver.State.INDEXED, saver.state(BlobType.DATA, id));
        assertTrue(repo.loadIndex().has(id, BlobType.DATA));
    }
}
