package io.chronosguard.engine.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.index.IndexFile;
import io.chronosguard.engine.index.MasterIndex;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ParallelIndexLoadTest {
    private static Id id(int i) {
        byte[] b = new byte[Id.LENGTH];
        b[0] = (byte) i;
        return Id.of(b);
    }

    @Test
    void load_blobInSeveralFiles_firstLocationIsTheFirstListedFile() {
        // the same blob in every file, each file naming another pack: the first listed must win
        List<Id> files = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            files.add(id(100 + i));
        }
        Id blob = id(1);
        Function<Id, IndexFile> read = f -> new IndexFile(List.of(),
                List.of(new PackedBlob(blob, BlobType.DATA, f, 0, 40, 0)));
        for (int threads : new int[] {1, 2, 8}) {
            MasterIndex idx = ParallelIndexLoad.load(files, read, threads);
            assertEquals(files.get(0), idx.lookup(blob, BlobType.DATA).orElseThrow().pack(), threads + " threads");
            assertEquals(12, idx.locations(blob, BlobType.DATA).size());
            assertEquals(files.get(11), idx.locations(blob, BlobType.DATA).get(11).pack());
        }
    }

    @Test
    void load_corruptFile_throwsTheReadersOwnException() {
        CorruptDataException bad = new CorruptDataException("index file 07 fails authentication");
        Map<Id, Boolean> corrupt = Map.of(id(7), true);
        Function<Id, IndexFile> read = f -> {
            if (corrupt.containsKey(f)) {
                throw bad;
            }
            return new IndexFile(List.of(), List.of());
        };
        CorruptDataException e = assertThrows(CorruptDataException.class,
                () -> ParallelIndexLoad.load(List.of(id(5), id(6), id(7), id(8)), read, 2));
        assertSame(bad, e);
    }
}
