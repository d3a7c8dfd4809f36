package io.chronosguard.engine.crypto;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KdfParamsTest {
    @Test
    void new_nNotPowerOfTwo_isRejectedNamingN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new KdfParams(1000, 8, 1));
        assertTrue(e.getMessage().contains("N"), e.getMessage());
    }

    @Test
    void new_nOne_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(1, 8, 1));
    }

    @Test
    void new_zeroROrP_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(16, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(16, 1, 0));
    }

    @Test
    void new_rTimesPTooLarge_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new KdfParams(16, 1 << 15, 1 << 15));
    }

    @Test
    void default_isWithinResticLimits() {
        assertDoesNotThrow(() -> new KdfParams(KdfParams.DEFAULT.n(), KdfParams.DEFAULT.r(), KdfParams.DEFAULT.p()));
        assertTrue(128L * KdfParams.DEFAULT.n() * KdfParams.DEFAULT.r() <= 60L << 20, "memory within restic's 60 MiB");
    }
}
