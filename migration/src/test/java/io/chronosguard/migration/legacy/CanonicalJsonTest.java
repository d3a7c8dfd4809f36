package io.chronosguard.migration.legacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static final ObjectMapper M = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .build();

    @Test
    void canonical_sortsKeysAndDropsWhitespace() throws Exception {
        assertEquals("{\"a\":[1,true,null],\"b\":\"x\"}", CanonicalJson.canonical(tree("{ \"b\": \"x\", \"a\": [1, true, null] }")));
    }

    @Test
    void canonical_numbersByValue() throws Exception {
        assertEquals(CanonicalJson.canonical(tree("{\"d\": 1.5}")), CanonicalJson.canonical(tree("{\"d\": 1.50}")));
        assertEquals(CanonicalJson.canonical(tree("{\"d\": 15e-1}")), CanonicalJson.canonical(tree("{\"d\": 1.5}")));
        assertEquals("{\"s\":73950404200}", CanonicalJson.canonical(tree("{\"s\": 73950404200.0}")));
        assertEquals("{\"t\":1751069649151000000000}", CanonicalJson.canonical(tree("{\"t\": 1.751069649151e21}")));
        assertEquals("{\"t\":1E+999999999}", CanonicalJson.canonical(tree("{\"t\": 1e999999999}")));
    }

    @Test
    void raw_keepsKeyOrderAndNumberSpelling() throws Exception {
        assertEquals("{\"b\":1.50,\"a\":6217.985276222229}", CanonicalJson.raw(tree("{\"b\": 1.50, \"a\": 6217.985276222229}")));
    }

    @Test
    void both_asciiOnlyWithLoneSurrogatesIntact() throws Exception {
        JsonNode n = tree("{\"n\": \"caf\\u00e9 \\ud83d\\ude00 \\udc80\\n\\t\\\"\\\\\"}");

        assertEquals("{\"n\":\"caf\\u00e9 \\ud83d\\ude00 \\udc80\\n\\t\\\"\\\\\"}", CanonicalJson.raw(n));
        assertEquals(CanonicalJson.raw(n), CanonicalJson.canonical(n));
    }

    @Test
    void fingerprint_sameEntryAnyLayout_sameFingerprint() throws Exception {
        String a = CanonicalJson.fingerprint(tree("{\"date\": \"2025-01-01 10:00:00\", \"errors\": 4}"));
        String b = CanonicalJson.fingerprint(tree("{\n  \"errors\": 4,\n  \"date\": \"2025-01-01 10:00:00\"\n}"));

        assertEquals(a, b);
        assertEquals(64, a.length());
    }

    @Test
    void fingerprint_sameDateOtherContent_differs() throws Exception {
        assertNotEquals(CanonicalJson.fingerprint(tree("{\"date\": \"2025-01-01 10:00:00\", \"errors\": 4}")),
                CanonicalJson.fingerprint(tree("{\"date\": \"2025-01-01 10:00:00\", \"errors\": 5}")));
        assertNotEquals(CanonicalJson.fingerprint(tree("{\"date\": \"2025-01-01 10:00:00\"}")),
                CanonicalJson.fingerprint(tree("{\"date\": \"2025-01-01 10:00:00\", \"extra\": null}")));
    }

    private static JsonNode tree(String json) throws Exception {
        return M.readTree(json);
    }
}
