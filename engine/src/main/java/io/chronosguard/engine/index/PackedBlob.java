package io.chronosguard.engine.index;

import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.Id;

/**
 * Where one blob is stored: its pack, offset and sealed length there, and the plaintext
 * length when compressed (0 when stored uncompressed).
 */
public record PackedBlob(Id id, BlobType type, Id pack, long offset, int length, int uncompressedLength) {

    public boolean compressed() {
        return uncompressedLength > 0;
    }

    /** Plaintext size: the uncompressed length, or the sealed length less IV and MAC. */
    public int plaintextLength() {
        return compressed() ? uncompressedLength : length - 32;
    }
}
