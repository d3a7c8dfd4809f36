package io.chronosguard.engine.pack;

import io.chronosguard.engine.crypto.AuthenticationFailedException;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.repo.Id;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Encodes and decodes a pack's header: {@code sealed(entries) || u32le(sealed length)} at the
 * end of the pack. Entries are in file order; offsets follow from the lengths before them.
 */
public final class PackHeader {
    private static final int PLAIN_ENTRY = 1 + 4 + 32;
    private static final int COMPRESSED_ENTRY = 1 + 4 + 4 + 32;

    private PackHeader() {
    }

    /** Parses and checks a pack's header from the pack's last {@code tail.length} bytes. */
    public static List<PackEntry> parse(Key key, byte[] tail, long packSize, String packName) {
        if (tail.length < 4) {
            throw new PackFormatException(packName, "is too short (" + packSize + " bytes) to hold a header");
        }
        int hlen = headerLength(tail, packName, packSize);
        if (tail.length < hlen + 4) {
            throw new PackFormatException(packName, "header needs " + (hlen + 4) + " bytes, read only " + tail.length);
        }
        byte[] plain;
        try {
            plain = Crypto.open(key, tail, tail.length - 4 - hlen, hlen);
        } catch (AuthenticationFailedException e) {
            throw new PackFormatException(packName, "header fails authentication (" + e.getMessage() + ")");
        }
        List<PackEntry> entries = decodeEntries(plain, packName);
        long sum = hlen + 4L;
        for (PackEntry e : entries) {
            sum += e.length();
        }
        if (sum != packSize) {
            throw new PackFormatException(packName, "blobs and header add up to " + sum
                    + " bytes but the pack has " + packSize);
        }
        return entries;
    }

    /** The sealed header's length from the pack's last 4 bytes, checked against the size. */
    public static int headerLength(byte[] tail, String packName, long packSize) {
        long hlen = ByteBuffer.wrap(tail, tail.length - 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xffffffffL;
        if (hlen < Crypto.OVERHEAD || hlen > packSize - 4) {
            throw new PackFormatException(packName, "has an impossible header length " + hlen
                    + " for a pack of " + packSize + " bytes (truncated?)");
        }
        return (int) hlen;
    }

    static List<PackEntry> decodeEntries(byte[] plain, String packName) {
        List<PackEntry> entries = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(plain).order(ByteOrder.LITTLE_ENDIAN);
        long offset = 0;
        while (buf.hasRemaining()) {
            int type = buf.get() & 0xff;
            boolean compressed = type == 2 || type == 3;
            if (type > 3) {
                throw new PackFormatException(packName, "header entry " + entries.size() + " has unknown type " + type);
            }
            if (buf.remaining() < (compressed ? COMPRESSED_ENTRY : PLAIN_ENTRY) - 1) {
                throw new PackFormatException(packName, "header entry " + entries.size() + " is cut short");
            }
            long length = buf.getInt() & 0xffffffffL;
            long ulen = compressed ? buf.getInt() & 0xffffffffL : 0;
            byte[] id = new byte[32];
            buf.get(id);
            if (length < Crypto.OVERHEAD || length > Integer.MAX_VALUE || ulen > Integer.MAX_VALUE) {
                throw new PackFormatException(packName, "header entry " + entries.size() + " has impossible length " + length);
            }
            BlobType bt = (type & 1) == 0 ? BlobType.DATA : BlobType.TREE;
            entries.add(new PackEntry(Id.of(id), bt, offset, (int) length, (int) ulen));
            offset += length;
        }
        return entries;
    }

    /** Plaintext header for {@code entries} (in file order); seal it and append its length. */
    public static byte[] encodeEntries(List<PackEntry> entries) {
        int size = 0;
        for (PackEntry e : entries) {
            size += e.compressed() ? COMPRESSED_ENTRY : PLAIN_ENTRY;
        }
        ByteBuffer buf = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        for (PackEntry e : entries) {
            int type = (e.type() == BlobType.TREE ? 1 : 0) | (e.compressed() ? 2 : 0);
            buf.put((byte) type).putInt(e.length());
            if (e.compressed()) {
                buf.putInt(e.uncompressedLength());
            }
            buf.put(e.id().bytes());
        }
        return buf.array();
    }

    /** The sealed header plus its u32 length: what follows the last blob of a pack. */
    public static byte[] seal(Key key, List<PackEntry> entries) {
        byte[] sealed = Crypto.seal(key, encodeEntries(entries));
        ByteBuffer buf = ByteBuffer.allocate(sealed.length + 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(sealed).putInt(sealed.length);
        return buf.array();
    }
}
