package io.chronosguard.engine.chunker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ChunkTest {

    @Test
    void constructor_lengthBeyondBuffer_throws() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Chunk(0, 11, new byte[10]));
        assertEquals("chunk length 11 is not between 1 and the buffer length 10", e.getMessage());
    }

    @Test
    void constructor_zeroLength_throws() {
        assertThrows(IllegalArgumentException.class, () -> new Chunk(0, 0, new byte[10]));
    }

    @Test
    void constructor_negativeOffset_throws() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Chunk(-1, 1, new byte[1]));
        assertEquals("chunk offset -1 is negative", e.getMessage());
    }

    @Test
    void toString_showsOffsetAndLengthNotTheBuffer() {
        assertEquals("Chunk[offset=5, length=3]", new Chunk(5, 3, new byte[8]).toString());
    }
}
