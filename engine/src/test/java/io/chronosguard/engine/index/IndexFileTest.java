package io.chronosguard.engine.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.FormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexFileTest {
    static final String P1 = "a".repeat(64);
    static final String P2 = "b".repeat(64);
    static final String B1 = "1".repeat(64);
    static final String B2 = "2".repeat(64);

    static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void decode_v2Index_readsCompressedAndPlainBlobs() {
        IndexFile f = IndexFile.decode(json("{\"supersedes\":[\"" + P2 + "\"],\"packs\":[{\"id\":\"" + P1 + "\",\"blobs\":["
                + "{\"id\":\"" + B1 + "\",\"type\":\"data\",\"offset\":100,\"length\":43,\"uncompressed_length\":2},"
                + "{\"id\":\"" + B2 + "\",\"type\":\"tree\",\"offset\":0,\"length\":100}]}]}\n"), "i");
        assertEquals(List.of(Id.parse(P2)), f.supersedes());
        assertEquals(new PackedBlob(Id.parse(B1), BlobType.DATA, Id.parse(P1), 100, 43, 2), f.blobs().get(0));
        assertEquals(new PackedBlob(Id.parse(B2), BlobType.TREE, Id.parse(P1), 0, 100, 0), f.blobs().get(1));
        assertEquals(68, f.blobs().get(1).plaintextLength());
    }

    @Test
    void encode_blobsOfTwoPacks_decodesToTheSameEntriesWithoutSupersedes() {
        List<PackedBlob> blobs = List.of(new PackedBlob(Id.parse(B1), BlobType.DATA, Id.parse(P1), 0, 43, 2),
                new PackedBlob(Id.parse(B2), BlobType.TREE, Id.parse(P2), 0, 100, 0),
                new PackedBlob(Id.parse(B2), BlobType.DATA, Id.parse(P1), 43, 50, 0));

        byte[] json = IndexFile.encode(blobs);

        String text = new String(json, StandardCharsets.UTF_8);
        assertTrue(!text.contains("supersedes"), text);
        assertEquals(1, text.split("uncompressed_length", -1).length - 1, "only the compressed blob has it: " + text);
        IndexFile back = IndexFile.decode(json, "encoded");
        assertEquals(List.of(blobs.get(0), blobs.get(2), blobs.get(1)), back.blobs(), "grouped by pack, in order");
    }

    @Test
    void decode_legacyArrayForm_isRead() {
        IndexFile f = IndexFile.decode(json("[{\"id\":\"" + P1 + "\",\"blobs\":[{\"id\":\"" + B1
                + "\",\"type\":\"data\",\"offset\":0,\"length\":40}]}]"), "old");
        assertEquals(1, f.blobs().size());
        assertTrue(f.supersedes().isEmpty());
    }

    @Test
    void decode_unknownBlobType_namesIndexAndPack() {
        FormatException e = assertThrows(FormatException.class, () -> IndexFile.decode(json("{\"packs\":[{\"id\":\"" + P1
                + "\",\"blobs\":[{\"id\":\"" + B1 + "\",\"type\":\"weird\",\"offset\":0,\"length\":40}]}]}"), "idx9"));
        assertTrue(e.getMessage().contains("idx9") && e.getMessage().contains("weird"), e.getMessage());
    }

    @Test
    void decode_malformedJson_namesIndex() {
        FormatException e = assertThrows(FormatException.class, () -> IndexFile.decode(json("{\"packs\":[{"), "idx7"));
        assertTrue(e.getMessage().contains("idx7"), e.getMessage());
    }

    @Test
    void masterIndex_mergesOverlappingFiles_keepingEveryLocation() {
        MasterIndex m = new MasterIndex();
        PackedBlob a = new PackedBlob(Id.parse(B1), BlobType.DATA, Id.parse(P1), 0, 40, 0);
        PackedBlob b = new PackedBlob(Id.parse(B1), BlobType.DATA, Id.parse(P2), 0, 40, 0);
        m.addAll(List.of(a, b, a));
        assertEquals(a, m.lookup(Id.parse(B1), BlobType.DATA).orElseThrow());
        assertEquals(2, m.locations(Id.parse(B1), BlobType.DATA).size());
        assertTrue(m.lookup(Id.parse(B1), BlobType.TREE).isEmpty());
        assertEquals(2, m.packs().size());
        assertEquals(1, m.blobCount(BlobType.DATA));
    }
}
