package io.chronosguard.engine.pack;

import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.repo.Id;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds one pack in memory: sealed blobs appended back to back, then {@link #finish}
 * appends the sealed header and its length. Not thread-safe; one owner at a time.
 */
public final class Packer {
    private final ByteArrayOutputStream buf;
    private final List<PackEntry> entries = new ArrayList<>();

    public Packer(int expectedSize) {
        this.buf = new ByteArrayOutputStream(expectedSize);
    }

    /** Appends a sealed blob and returns its entry (offset in this pack). */
    public PackEntry add(BlobType type, Id id, byte[] sealed, int uncompressedLength) {
        PackEntry e = new PackEntry(id, type, buf.size(), sealed.length, uncompressedLength);
        buf.write(sealed, 0, sealed.length);
        entries.add(e);
        return e;
    }

    public int size() {
        return buf.size();
    }

    public int count() {
        return entries.size();
    }

    public List<PackEntry> entries() {
        return List.copyOf(entries);
    }

    /** The whole pack file: blobs, sealed header, header length. */
    public byte[] finish(Key key) {
        buf.writeBytes(PackHeader.seal(key, entries));
        return buf.toByteArray();
    }
}
