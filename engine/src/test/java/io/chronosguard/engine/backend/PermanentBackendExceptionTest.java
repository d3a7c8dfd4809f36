package io.chronosguard.engine.backend;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PermanentBackendExceptionTest {
    @Test
    void isPermanentHttpStatus_clientErrorsButTimeoutAndTooManyRequests() {
        for (int s : new int[] {400, 401, 403, 404, 409, 412, 499}) {
            assertTrue(PermanentBackendException.isPermanentHttpStatus(s), "status " + s);
        }
        for (int s : new int[] {200, 301, 408, 429, 500, 502, 503, 504}) {
            assertFalse(PermanentBackendException.isPermanentHttpStatus(s), "status " + s);
        }
    }
}
