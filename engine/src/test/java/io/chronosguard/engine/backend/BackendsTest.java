package io.chronosguard.engine.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.rest.RestBackend;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which store a location names, how it may be shown, and what is refused before any connection. */
class BackendsTest {

    @Test
    void scheme_networkPrefixes_andPathsWithColons() {
        assertEquals("sftp", Backends.scheme("sftp:host:/x"));
        assertEquals("rest", Backends.scheme("REST:http://h/"));
        assertEquals("local", Backends.scheme("/srv/backup"));
        assertEquals("local", Backends.scheme("dir:with:colons"));
    }

    @Test
    void redact_restPasswordMasked_othersUnchanged() {
        assertEquals("rest:http://u:***@h:8000/r/", Backends.redact("rest:http://u:pw@h:8000/r/"));
        assertEquals("sftp://u@h:22//x", Backends.redact("sftp://u@h:22//x"));
        assertEquals("/srv/backup", Backends.redact("/srv/backup"));
    }

    @Test
    void open_rest_locationShowsNoPassword() throws Exception {
        try (Backend b = Backends.open("rest:http://u:pw@127.0.0.1:1/r", Map.of())) {
            assertTrue(b instanceof RestBackend);
            assertEquals("rest:http://u:***@127.0.0.1:1/r/", b.location());
        }
    }

    @Test
    void open_badLocationOrUnknownOption_refusedBeforeConnecting() {
        assertThrows(IllegalArgumentException.class, () -> Backends.open("sftp:nohostpath", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> Backends.open("rest:ftp://h/", Map.of()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Backends.open("/tmp/x", Map.of(), Map.of("sftp.colour", "blue")));
        assertTrue(e.getMessage().contains("sftp.colour"), e.getMessage());
    }

    @Test
    void open_unknownHostName_saysSoForBothNetworkStores() throws Exception {
        // .invalid never resolves (RFC 2606)
        io.chronosguard.engine.BackendIOException e = assertThrows(io.chronosguard.engine.BackendIOException.class,
                () -> Backends.open("sftp:u@no-such-host.invalid:/x", Map.of("HOME", "/nonexistent")));
        assertTrue(e.getMessage().endsWith("cannot connect to no-such-host.invalid: unknown host name"), e.getMessage());
        try (Backend rest = Backends.open("rest:http://no-such-host.invalid:8000/r", Map.of())) {
            java.io.IOException io = assertThrows(java.io.IOException.class, rest::exists);
            assertEquals("cannot connect to no-such-host.invalid:8000 (unknown host name)", io.getMessage());
        }
    }
}
