package io.chronosguard.engine.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdTest {

    @Test
    void hexAndParse_randomIds_matchHexFormat() {
        Random rnd = new Random(32);
        for (int i = 0; i < 5_000; i++) {
            byte[] b = new byte[Id.LENGTH];
            rnd.nextBytes(b);
            String hex = HexFormat.of().formatHex(b);
            Id id = Id.of(b);
            assertEquals(hex, id.hex());
            assertEquals(id, Id.parse(hex));
            assertEquals(id, Id.parse(hex.toUpperCase()));
            assertArrayEquals(b, HexFormat.of().parseHex(Id.parse(hex).hex()));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "g000000000000000000000000000000000000000000000000000000000000000",
        "000000000000000000000000000000000000000000000000000000000000000",
        "0000000000000000000000000000000000000000000000000000000000000000a",
        // an Arabic-Indic three: Character.digit accepts it, restic does not
        "\u0663000000000000000000000000000000000000000000000000000000000000",
        " 000000000000000000000000000000000000000000000000000000000000000"})
    void parse_notHex_throwsAndIsInvalid(String s) {
        assertFalse(Id.isValid(s));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Id.parse(s));
        assertTrue(e.getMessage().startsWith("not a 64-character hex id"), e.getMessage());
    }
}
