package io.chronosguard.engine.repo.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GoUtf8Test {

    private static int decode(String hex) {
        return GoUtf8.decode(HexFormat.of().parseHex(hex), 0);
    }

    @Test
    void decode_validForms_giveCodePoints() {
        assertEquals(0x41, decode("41"));
        assertEquals(0xE9, decode("c3a9"));
        assertEquals(0xFFFD, decode("efbfbd"));
        assertEquals(0x10FFFF, decode("f48fbfbf"));
    }

    @Test
    void decode_overlongSurrogateTooLargeOrTruncated_isInvalid() {
        for (String bad : new String[] {"c0af", "c1bf", "e080af", "eda080", "f08fbfbf", "f4908080",
                "f5808080", "80", "bf", "e282", "e28241", "ff"}) {
            assertEquals(GoUtf8.INVALID, decode(bad), bad);
        }
    }

    @Test
    void toGoString_invalidBytes_eachBecomeOneReplacement() {
        // restic stored the link target tar E2 82 'x' get as "tar\ufffd\ufffdxget".
        byte[] raw = HexFormat.of().parseHex("746172e2827867657400");
        assertEquals("tar\ufffd\ufffdxget\0", GoUtf8.toGoString(raw));
    }
}
