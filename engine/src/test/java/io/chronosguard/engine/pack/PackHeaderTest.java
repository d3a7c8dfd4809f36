package io.chronosguard.engine.pack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.repo.Id;
import java.io.ByteArrayOutputStream;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackHeaderTest {
    final Key key = Key.random(new SecureRandom());

    /** A pack of two compressed-looking data blobs and one uncompressed tree blob. */
    byte[] pack(List<PackEntry> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long off = 0;
        int[] sizes = {100, 5, 0};
        List<PackEntry> built = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            byte[] sealed = Crypto.seal(key, new byte[sizes[i]]);
            out.writeBytes(sealed);
            BlobType t = i == 2 ? BlobType.TREE : BlobType.DATA;
            int ulen = i == 2 ? 0 : 1000 + i;
            built.add(new PackEntry(Id.hash(new byte[] {(byte) i}), t, off, sealed.length, ulen));
            off += sealed.length;
        }
        entries.addAll(built);
        out.writeBytes(PackHeader.seal(key, built));
        return out.toByteArray();
    }

    @Test
    void parse_sealedHeader_returnsEntriesWithOffsets() {
        List<PackEntry> expected = new ArrayList<>();
        byte[] p = pack(expected);
        List<PackEntry> got = PackHeader.parse(key, p, p.length, "p");
        assertEquals(expected, got);
        assertEquals(132, got.get(1).offset());
    }

    @Test
    void encodeEntries_sizes_are41ForCompressedAnd37ForPlain() {
        List<PackEntry> entries = new ArrayList<>();
        pack(entries);
        assertEquals(41 + 41 + 37, PackHeader.encodeEntries(entries).length);
    }

    @Test
    void parse_truncatedPack_namesPack() {
        byte[] p = pack(new ArrayList<>());
        byte[] cut = Arrays.copyOfRange(p, 10, p.length);
        PackFormatException e = assertThrows(PackFormatException.class,
                () -> PackHeader.parse(key, cut, cut.length, "abc123"));
        assertTrue(e.getMessage().contains("abc123"), e.getMessage());
        assertTrue(e.getMessage().contains("add up"), e.getMessage());
    }

    @Test
    void parse_cutInsideHeader_reportsImpossibleLength() {
        byte[] p = pack(new ArrayList<>());
        byte[] cut = Arrays.copyOf(p, p.length - 3);
        PackFormatException e = assertThrows(PackFormatException.class,
                () -> PackHeader.parse(key, cut, cut.length, "abc"));
        assertTrue(e.getMessage().startsWith("pack abc"), e.getMessage());
    }

    @Test
    void parse_tamperedHeader_failsAuthentication() {
        byte[] p = pack(new ArrayList<>());
        p[p.length - 10] ^= 0x40;
        PackFormatException e = assertThrows(PackFormatException.class, () -> PackHeader.parse(key, p, p.length, "x"));
        assertTrue(e.getMessage().contains("authentication"), e.getMessage());
    }
}
