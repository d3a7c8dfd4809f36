package io.chronosguard.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SecretTest {

    @Test
    void toString_anySecret_isStars() {
        assertEquals("***", Secret.of("hunter2").toString());
        assertEquals("***", String.valueOf(Secret.of("")));
    }

    @Test
    void reveal_callerOverwritesCopy_secretUnchanged() {
        Secret s = Secret.of("hunter2");

        char[] copy = s.reveal();
        java.util.Arrays.fill(copy, '\0');

        assertArrayEquals("hunter2".toCharArray(), s.reveal());
    }

    @Test
    void of_callerOverwritesInput_secretUnchanged() {
        char[] input = "hunter2".toCharArray();
        Secret s = Secret.of(input);

        java.util.Arrays.fill(input, '\0');

        assertArrayEquals("hunter2".toCharArray(), s.reveal());
        assertEquals(7, s.length());
    }

    @Test
    void equals_sameAndDifferentContents_comparesContents() {
        assertEquals(Secret.of("abc"), Secret.of("abc"));
        assertEquals(Secret.of("abc").hashCode(), Secret.of("xyz").hashCode());
        assertNotEquals(Secret.of("abc"), Secret.of("abd"));
        assertNotEquals(Secret.of("abc"), Secret.of("abcd"));
    }
}
