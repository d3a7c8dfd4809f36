package io.chronosguard.engine.pack;

import io.chronosguard.engine.repo.Id;

/**
 * One blob as a pack header lists it: id of the uncompressed plaintext, type, position and
 * sealed length in the pack, and the plaintext length when compressed (0 when not).
 */
public record PackEntry(Id id, BlobType type, long offset, int length, int uncompressedLength) {

    public boolean compressed() {
        return uncompressedLength > 0;
    }
}
