package io.chronosguard.engine.repo.format;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GoQuoteTest {

    static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    /** The rows of format §8.2, at the Go-quoting level: raw bytes and the Go-quoted text. */
    static Stream<Arguments> specTable() {
        return Stream.of(
                Arguments.of("quote\"name".getBytes(UTF_8), "quote\\\"name"),
                Arguments.of("back\\slash".getBytes(UTF_8), "back\\\\slash"),
                Arguments.of("ctl\u0001\ttab".getBytes(UTF_8), "ctl\\x01\\ttab"),
                Arguments.of("new\nline".getBytes(UTF_8), "new\\nline"),
                Arguments.of(hex("626164ff75746638"), "bad\\xffutf8"),
                Arguments.of("nb\u00a0sp".getBytes(UTF_8), "nb\\u00a0sp"),
                Arguments.of("zw\u200bsp".getBytes(UTF_8), "zw\\u200bsp"),
                Arguments.of("<tag>&amp".getBytes(UTF_8), "<tag>&amp"),
                Arguments.of("café".getBytes(UTF_8), "café"),
                Arguments.of("ａfullwidth".getBytes(UTF_8), "ａfullwidth"),
                Arguments.of("😀emoji".getBytes(UTF_8), "😀emoji"));
    }

    @ParameterizedTest
    @MethodSource("specTable")
    void quote_specTableRow_matchesGo(byte[] raw, String quoted) {
        assertEquals(quoted, GoQuote.quote(raw));
    }

    @ParameterizedTest
    @MethodSource("specTable")
    void unquote_specTableRow_givesRawBytes(byte[] raw, String quoted) {
        assertArrayEquals(raw, GoQuote.unquote(quoted));
    }

    @Test
    void quote_controlCharacters_useGoShortFormsThenHex() {
        assertEquals("\\a\\b\\f\\n\\r\\t\\v\\x00\\x1f\\x7f ~",
                GoQuote.quote(hex("07080c0a0d090b001f7f207e")));
    }

    @Test
    void quote_nonPrintableCodePoints_useUEscapes() {
        // Cf soft hyphen, Zl, Zp, Co private use, Cn unassigned (BMP and astral), Cf astral tag.
        String s = "\u00ad\u2028\u2029\ue000\u0378" + new String(Character.toChars(0xE0001))
                + new String(Character.toChars(0x10FFFF));
        assertEquals("\\u00ad\\u2028\\u2029\\ue000\\u0378\\U000e0001\\U0010ffff",
                GoQuote.quote(s.getBytes(UTF_8)));
    }

    @Test
    void quote_genuineReplacementCharacter_staysRaw() {
        assertEquals("a\ufffdb", GoQuote.quote("a\ufffdb".getBytes(UTF_8)));
    }

    @Test
    void quote_invalidSequences_escapeEveryByte() {
        // Overlong, surrogate, above U+10FFFF, truncated: Go consumes one byte per error.
        assertEquals("\\xc0\\x80", GoQuote.quote(hex("c080")));
        assertEquals("\\xed\\xa0\\x80", GoQuote.quote(hex("eda080")));
        assertEquals("\\xf4\\x90\\x80\\x80", GoQuote.quote(hex("f4908080")));
        assertEquals("\\xe2\\x82x", GoQuote.quote(hex("e28278")));
        assertEquals("\\xf0\\x9f\\x98", GoQuote.quote(hex("f09f98")));
    }

    @Test
    void unquote_octalAndLongForms_decode() {
        assertArrayEquals(hex("00ff41"), GoQuote.unquote("\\000\\377\\101"));
        assertArrayEquals("😀".getBytes(UTF_8), GoQuote.unquote("\\U0001F600"));
        assertArrayEquals("é".getBytes(UTF_8), GoQuote.unquote("\\u00E9"));
        assertArrayEquals(hex("07082722"), GoQuote.unquote("\\a\\b\\'\\\""));
    }

    @Test
    void unquote_hexEscape_isOneRawByteNotACodePoint() {
        // \xe9 is the byte E9 (invalid UTF-8 alone), not U+00E9 (C3 A9).
        assertArrayEquals(hex("e9"), GoQuote.unquote("\\xe9"));
    }

    @Test
    void unquote_loneSurrogate_becomesReplacementCharacter() {
        // Go's JSON decoder turns a lone \ud800 into U+FFFD before restic unquotes.
        assertArrayEquals(hex("61efbfbd"), GoQuote.unquote("a\ud800"));
    }

    @Test
    void unquote_malformedEscapes_throwWithPosition() {
        assertMalformed("ab\\", "position 2");
        assertMalformed("a\\q", "position 1");
        assertMalformed("\\x4", "position 0");
        assertMalformed("\\xg0", "position 2");
        assertMalformed("\\400", "position 0");
        assertMalformed("\\uD800", "position 0");
        assertMalformed("\\U00110000", "position 0");
        assertMalformed("\\18", "position 0");
    }

    private static void assertMalformed(String s, String where) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GoQuote.unquote(s));
        assertTrue(e.getMessage().contains(where), e.getMessage());
    }

    @Test
    void quoteThenUnquote_randomByteNames_roundTrip() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] name = new byte[1 + random.nextInt(40)];
            random.nextBytes(name);
            if (i % 3 == 0) { // mostly valid multi-byte text too, not only noise
                name = new String(name, UTF_8).getBytes(UTF_8);
            }
            String quoted = GoQuote.quote(name);
            assertArrayEquals(name, GoQuote.unquote(quoted), quoted);
        }
    }

    @Test
    void quoteThenUnquote_everyCodePoint_roundTrips() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            byte[] raw = new String(Character.toChars(cp)).getBytes(UTF_8);
            assertArrayEquals(raw, GoQuote.unquote(GoQuote.quote(raw)));
        }
    }

    @Test
    void isPrint_followsGoCategories() {
        assertTrue(GoQuote.isPrint(' '));
        assertTrue(GoQuote.isPrint('é'));
        assertTrue(GoQuote.isPrint(0x1F600));
        assertFalse(GoQuote.isPrint(0x3000)); // ideographic space, Zs
        assertFalse(GoQuote.isPrint(0x200B)); // zero-width space, Cf
        assertFalse(GoQuote.isPrint(0xFEFF)); // BOM, Cf
    }
}
