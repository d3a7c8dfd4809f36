package io.chronosguard.engine.backend.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** REST locations: credentials from the URL or the environment, and never shown. */
class RestLocationTest {

    @Test
    void parse_credentialsInUrl_splitOffAndDecoded() {
        RestLocation l = RestLocation.parse("rest:http://alice:p%40ss%20w@127.0.0.1:8000/alice", Map.of());
        assertEquals(URI.create("http://127.0.0.1:8000/alice/"), l.base());
        assertEquals("alice", l.user());
        assertEquals("p@ss w", l.password());
        assertEquals("rest:http://alice:***@127.0.0.1:8000/alice/", l.display());
    }

    @Test
    void parse_environment_winsOverTheUrl() {
        RestLocation l = RestLocation.parse("rest:https://bob:old@backup.lan/", Map.of(
                RestLocation.USER_ENV, "carol", RestLocation.PASSWORD_ENV, "new"));
        assertEquals("carol", l.user());
        assertEquals("new", l.password());
        assertEquals(URI.create("https://backup.lan/"), l.base());
    }

    @Test
    void parse_noCredentialsNoPath_rootOfTheServer() {
        RestLocation l = RestLocation.parse("rest:http://127.0.0.1:8000", Map.of());
        assertNull(l.user());
        assertEquals(URI.create("http://127.0.0.1:8000/"), l.base());
        assertEquals("rest:http://127.0.0.1:8000/", l.display());
    }

    @Test
    void parse_notHttp_refusedWithoutShowingThePassword() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RestLocation.parse("rest:ftp://u:topsecret@h/", Map.of()));
        assertFalse(e.getMessage().contains("topsecret"), e.getMessage());
    }

    @Test
    void redact_masksOnlyThePassword() {
        assertEquals("rest:http://u:***@h:1/p/", RestLocation.redact("rest:http://u:secret@h:1/p/"));
        assertEquals("rest:http://u@h:1/p/", RestLocation.redact("rest:http://u@h:1/p/"));
        assertEquals("rest:http://h:1/p/", RestLocation.redact("rest:http://h:1/p/"));
    }
}
