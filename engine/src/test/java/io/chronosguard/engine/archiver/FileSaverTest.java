package io.chronosguard.engine.archiver;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.chunker.Chunker;
import io.chronosguard.engine.chunker.Polynomial;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSaverTest {
    /** The blob ids a file must get: restic's chunk boundaries, SHA-256 of each chunk. */
    private static List<Id> expectedIds(Polynomial pol, byte[] data) {
        List<Id> ids = new ArrayList<>();
        int start = 0;
        for (int end : Chunker.cutPoints(pol, data)) {
            ids.add(Id.hash(data, start, end - start));
            start = end;
        }
        return ids;
    }

    @Test
    void save_pipelinedAndInline_giveResticsChunksAndStoreThem(@TempDir Path dir) throws Exception {
        Random rnd = new Random(11);
        // Regression: with 6 MiB the "several chunks" check failed about one run in four (the
        // repository's polynomial is random, and with some the file got two chunks or fewer).
        // Past 16 MiB the 8 MiB maximum chunk size alone makes at least three.
        byte[] big = new byte[20 << 20];
        rnd.nextBytes(big);
        byte[] small = new byte[1000];
        rnd.nextBytes(small);
        Path bigFile = Files.write(dir.resolve("big"), big);
        Path smallFile = Files.write(dir.resolve("small"), small);
        Path emptyFile = Files.write(dir.resolve("empty"), new byte[0]);
        char[] pw = "pw".toCharArray();
        try (Repository repo = RepositoryInit.forThisHost().init(new LocalBackend(dir.resolve("repo")), pw, 2,
                new KdfParams(1024, 8, 1))) {
            Polynomial pol = Polynomial.parse(repo.config().chunkerPolynomial());
            BlobSaver saver = new BlobSaver(repo, new IndexSaver(repo), 4 << 20, BlobSaver.Compression.AUTO);
            AtomicInteger handedOver = new AtomicInteger();
            ExecutorService workers = Executors.newFixedThreadPool(2);
            try {
                FileSaver inline = new FileSaver(saver, pol);
                FileSaver piped = new FileSaver(saver, pol, r -> {
                    handedOver.incrementAndGet();
                    workers.execute(r);
                }, 2);
                List<Id> bigIds = expectedIds(pol, big);
                assertTrue(bigIds.size() > 2, "the big file has several chunks");
                assertEquals(bigIds, piped.save(bigFile, "big", new ArchiverListener() { }));
                assertEquals(bigIds.size(), handedOver.get(), "every chunk of the big file went to a worker");
                assertEquals(bigIds, inline.save(bigFile, "big", new ArchiverListener() { }));
                assertEquals(expectedIds(pol, small), piped.save(smallFile, "small", new ArchiverListener() { }));
                assertEquals(bigIds.size(), handedOver.get(), "a one-chunk file is saved by its reader");
                assertEquals(List.of(), piped.save(emptyFile, "empty", new ArchiverListener() { }));
            } finally {
                workers.shutdownNow();
            }
            saver.flush();
            int start = 0;
            int[] cuts = Chunker.cutPoints(pol, big);
            List<Id> ids = expectedIds(pol, big);
            for (int i = 0; i < cuts.length; i++) {
                assertArrayEquals(Arrays.copyOfRange(big, start, cuts[i]), repo.loadBlob(ids.get(i), BlobType.DATA));
                start = cuts[i];
            }
        }
    }
}
