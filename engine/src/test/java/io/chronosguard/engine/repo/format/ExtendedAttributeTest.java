package io.chronosguard.engine.repo.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ExtendedAttributeTest {

    @Test
    void equals_sameBytesInDifferentArrays_areEqual() {
        ExtendedAttribute a = new ExtendedAttribute("user.x", new byte[] {1, 2});
        ExtendedAttribute b = new ExtendedAttribute("user.x", new byte[] {1, 2});
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
    }

    @Test
    void equals_nullValueAndEmptyValue_differ() {
        // restic writes them differently: "value":null versus "value":"".
        assertNotEquals(new ExtendedAttribute("user.x", null), new ExtendedAttribute("user.x", new byte[0]));
    }

    @Test
    void value_mutatingInputOrOutput_doesNotChangeAttribute() {
        byte[] v = {1};
        ExtendedAttribute a = new ExtendedAttribute("user.x", v);
        v[0] = 9;
        a.value()[0] = 9;
        assertArrayEquals(new byte[] {1}, a.value());
    }
}
