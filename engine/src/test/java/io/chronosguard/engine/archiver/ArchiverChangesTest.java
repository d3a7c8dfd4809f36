package io.chronosguard.engine.archiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.Tree;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that vanish, shrink or grow between the listing and the read, and folders that
 * vanish after their parent listed them: reported by path, skipped or saved as read, and
 * the snapshot is still written. One worker thread, so the hooks run in a known order.
 */
class ArchiverChangesTest {
    @TempDir
    Path dir;
    Path src;
    Repository repo;

    /** Records what the archiver reported. */
    static class Recorder implements ArchiverListener {
        final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        final List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void error(String path, String reason) {
            errors.add(path + ": " + reason);
        }

        @Override
        public void warning(String path, String message) {
            warnings.add(path + ": " + message);
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("keep.txt"), "kept\n");
        repo = new RepositoryInit(new SecureRandom(), Clock.systemUTC(), new Host("h", "u", 1, 0, 0))
                .init(new LocalBackend(dir.resolve("repo")), "pw".toCharArray(), 2, new KdfParams(1024, 8, 1));
    }

    BackupSummary backup(ArchiverListener hooks) {
        BackupRequest req = new BackupRequest(List.of(src), List.of(), "h", Optional.empty(), true, Excluder.none(),
                io.chronosguard.engine.repo.BlobSaver.Compression.AUTO, 1, 4 << 20);
        return new Backup(repo, Clock.systemUTC(), new Host("h", "u", 1, 0, 0)).run(req, hooks);
    }

    /** The snapshot's tree for the source folder. */
    Tree srcTree(BackupSummary sum) {
        Tree t = repo.loadTree(Id.parse(repo.loadSnapshot(sum.snapshotId()).tree()));
        for (Path c : src) {
            t = repo.loadTree(t.find(c.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow().subtree());
        }
        return t;
    }

    static Optional<Node> node(Tree t, String name) {
        return t.find(name.getBytes(StandardCharsets.UTF_8));
    }

    byte[] content(Node n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Id id : n.content()) {
            out.writeBytes(repo.loadBlob(id, BlobType.DATA));
        }
        return out.toByteArray();
    }

    static void run(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    @Test
    void backup_fileDeletedBetweenListingAndReading_reportsAndSkipsItStillWritesSnapshot() throws IOException {
        Path gone = src.resolve("gone.txt");
        Files.writeString(gone, "soon gone\n");
        Recorder rec = new Recorder() {
            @Override
            public void fileStarted(String path, long size) {
                if (path.equals(gone.toString())) {
                    run(() -> Files.delete(gone));
                }
            }
        };
        BackupSummary sum = backup(rec);
        assertEquals(List.of(gone + ": vanished before it could be read"), rec.errors);
        assertTrue(sum.incomplete());
        Tree t = srcTree(sum);
        assertFalse(node(t, "gone.txt").isPresent());
        assertArrayEquals("kept\n".getBytes(), content(node(t, "keep.txt").orElseThrow()));
    }

    // Regression: the node kept the listed size while its content held fewer bytes, a tree
    // restic check rejects ("metadata size and sum of blob sizes do not match").
    @Test
    void backup_fileTruncatedBeforeReading_savesWhatWasReadWithMatchingSizeAndWarns() throws IOException {
        Path f = src.resolve("shrinks.bin");
        byte[] data = new byte[100_000];
        new Random(1).nextBytes(data);
        Files.write(f, data);
        Recorder rec = new Recorder() {
            @Override
            public void fileStarted(String path, long size) {
                if (path.equals(f.toString())) {
                    run(() -> Files.write(f, java.util.Arrays.copyOf(data, 1000)));
                }
            }
        };
        BackupSummary sum = backup(rec);
        assertEquals(List.of(), rec.errors);
        assertEquals(1, rec.warnings.size(), rec.warnings.toString());
        assertTrue(rec.warnings.get(0).startsWith(f + ": file changed while it was being read"), rec.warnings.get(0));
        assertFalse(sum.incomplete());
        Node n = node(srcTree(sum), "shrinks.bin").orElseThrow();
        assertEquals(1000, n.size());
        assertArrayEquals(java.util.Arrays.copyOf(data, 1000), content(n));
    }

    @Test
    void backup_fileAppendedWhileRead_savesAllBytesReadAndWarns() throws IOException {
        Path f = src.resolve("grows.log");
        // Zeros: the chunker cuts them at its minimum size (512 KiB) whatever the repository's
        // polynomial, so the first bytesRead comes long before the reader reaches the end. With
        // random bytes the first cut could fall at the end of the file, and the append came too late.
        byte[] data = new byte[3 << 20];
        Files.write(f, data);
        byte[] tail = "appended while the backup read the file\n".getBytes(StandardCharsets.UTF_8);
        AtomicBoolean appended = new AtomicBoolean();
        Recorder rec = new Recorder() {
            @Override
            public void bytesRead(String path, long n) {
                if (path.equals(f.toString()) && appended.compareAndSet(false, true)) {
                    run(() -> Files.write(f, tail, StandardOpenOption.APPEND));
                }
            }
        };
        BackupSummary sum = backup(rec);
        assertTrue(appended.get());
        assertEquals(1, rec.warnings.size(), rec.warnings.toString());
        assertTrue(rec.warnings.get(0).startsWith(f + ": file changed while it was being read"), rec.warnings.get(0));
        Node n = node(srcTree(sum), "grows.log").orElseThrow();
        byte[] saved = content(n);
        assertEquals(saved.length, n.size());
        assertEquals(data.length + tail.length, saved.length);
    }

    @Test
    void backup_directoryVanishesAfterParentListedIt_reportsAndLeavesItOut() throws IOException {
        Path sub = Files.createDirectories(src.resolve("sub"));
        Files.writeString(sub.resolve("inner.txt"), "inner\n");
        Recorder rec = new Recorder() {
            @Override
            public void discovered(long files, long bytes) {
                if (Files.exists(sub)) {
                    run(() -> {
                        Files.delete(sub.resolve("inner.txt"));
                        Files.delete(sub);
                    });
                }
            }
        };
        BackupSummary sum = backup(rec);
        assertEquals(List.of(sub + ": directory vanished before it could be listed"), rec.errors);
        assertTrue(sum.incomplete());
        Tree t = srcTree(sum);
        assertFalse(node(t, "sub").isPresent());
        assertTrue(node(t, "keep.txt").isPresent());
    }

    // Regression: reading a FIFO's extended attributes opened it, and open(2) on a FIFO
    // waits for a writer: the backup hung forever.
    @Test
    void backup_fifoInTree_savedWithoutOpeningIt() throws Exception {
        Process mk = new ProcessBuilder("mkfifo", src.resolve("pipe").toString()).inheritIO().start();
        assertEquals(0, mk.waitFor());
        Recorder rec = new Recorder();
        BackupSummary sum = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(60),
                () -> backup(rec));
        assertEquals(List.of(), rec.errors);
        assertEquals(io.chronosguard.engine.repo.format.NodeType.FIFO, node(srcTree(sum), "pipe").orElseThrow().type());
    }

    @Test
    void backup_nothingChanges_noErrorsNoWarnings() {
        Recorder rec = new Recorder();
        BackupSummary sum = backup(rec);
        assertEquals(List.of(), rec.errors);
        assertEquals(List.of(), rec.warnings);
        assertFalse(sum.incomplete());
    }
}
