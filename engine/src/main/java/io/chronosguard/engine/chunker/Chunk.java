package io.chronosguard.engine.chunker;

import java.util.Objects;

/**
 * One chunk of a file: {@code length} bytes at {@code offset} in the file, held in
 * {@code data[0..length)}. {@code data} may be longer than the chunk and is the caller's
 * reusable buffer: it is overwritten by the next {@link Chunker#next(byte[])} given it
 * (and, as for any record holding an array, {@code equals} compares it by identity).
 */
public record Chunk(long offset, int length, byte[] data) {

    public Chunk {
        Objects.requireNonNull(data, "data");
        if (offset < 0) {
            throw new IllegalArgumentException("chunk offset " + offset + " is negative");
        }
        if (length < 1 || length > data.length) {
            throw new IllegalArgumentException("chunk length " + length
                    + " is not between 1 and the buffer length " + data.length);
        }
    }

    @Override
    public String toString() {
        return "Chunk[offset=" + offset + ", length=" + length + "]";
    }
}
