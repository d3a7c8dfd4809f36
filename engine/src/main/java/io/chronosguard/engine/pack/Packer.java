package io.chronosguard.engine.pack;

import io.chronosguard.engine.crypto.Key;
import io.chronosguard.engine.repo.Id;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds one pack in memory: sealed blobs appended back to back, then {@link #finish}
 * appends the sealed header and its length. The bytes stay in one array that grows as
 * needed, handed out by {@link #bytes()} without a copy. Not thread-safe; one owner at a time.
 */
public final class Packer {
    private byte[] buf;
    private int size;
    private final List<PackEntry> entries = new ArrayList<>();

    public Packer(int expectedSize) {
        this(new byte[Math.max(expectedSize, 64)]);
    }

    /** A packer that starts in {@code buffer} (whose content it overwrites), e.g. a finished pack's. */
    public Packer(byte[] buffer) {
        this.buf = buffer;
    }

    /** Appends a sealed blob and returns its entry (offset in this pack). */
    public PackEntry add(BlobType type, Id id, byte[] sealed, int uncompressedLength) {
        return add(type, id, sealed, 0, sealed.length, uncompressedLength);
    }

    /** Appends {@code sealed[off, off+len)}, a sealed blob, and returns its entry. */
    public PackEntry add(BlobType type, Id id, byte[] sealed, int off, int len, int uncompressedLength) {
        PackEntry e = new PackEntry(id, type, size, len, uncompressedLength);
        append(sealed, off, len);
        entries.add(e);
        return e;
    }

    private void append(byte[] b, int off, int len) {
        if (size + len > buf.length) {
            // a pack closes once past its target size: grow by a quarter, not double
            buf = Arrays.copyOf(buf, Math.max(size + len, buf.length + (buf.length >> 2)));
        }
        System.arraycopy(b, off, buf, size, len);
        size += len;
    }

    public int size() {
        return size;
    }

    public int count() {
        return entries.size();
    }

    public List<PackEntry> entries() {
        return List.copyOf(entries);
    }

    /** Appends the sealed header and its length; the pack file is then {@code bytes()[0, size())}. */
    public void finish(Key key) {
        byte[] header = PackHeader.seal(key, entries);
        append(header, 0, header.length);
    }

    /** The buffer holding the pack's {@link #size()} bytes (and spare room after them). */
    public byte[] bytes() {
        return buf;
    }
}
