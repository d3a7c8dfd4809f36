package io.chronosguard.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiAuthTest {
    @Test
    void roleOf_adminAndViewerTokens_grantTheirRoles() {
        ApiAuth auth = new ApiAuth("admin-secret", Optional.of("viewer-secret"));
        assertEquals(Optional.of(Role.ADMIN), auth.roleOf("admin-secret"));
        assertEquals(Optional.of(Role.VIEWER), auth.roleOf("viewer-secret"));
    }

    @Test
    void roleOf_wrongPrefixOrEmptyToken_grantsNothing() {
        ApiAuth auth = new ApiAuth("admin-secret", Optional.of("viewer-secret"));
        assertEquals(Optional.empty(), auth.roleOf("admin-secre"));
        assertEquals(Optional.empty(), auth.roleOf("admin-secret "));
        assertEquals(Optional.empty(), auth.roleOf(""));
        assertEquals(Optional.empty(), auth.roleOf((String) null));
    }

    @Test
    void roleOf_noViewerConfigured_emptyTokenIsNotAViewer() {
        ApiAuth auth = new ApiAuth("a", Optional.of(""));
        assertEquals(Optional.empty(), auth.roleOf(""));
        assertEquals(Optional.of(Role.ADMIN), auth.roleOf("a"));
    }

    @Test
    void constructor_blankAdminToken_isRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ApiAuth(" ", Optional.empty()));
    }

    @Test
    void fromEnvironment_noAdminToken_generatesOneAndPrintsItOnce() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiAuth auth = ApiAuth.fromEnvironment(Map.of(), new PrintStream(out, true, StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8).trim();
        String token = printed.substring(printed.lastIndexOf(' ') + 1);
        assertEquals(43, token.length(), printed);
        assertEquals(1, printed.lines().count());
        assertEquals(Optional.of(Role.ADMIN), auth.roleOf(token));
    }

    @Test
    void fromEnvironment_configuredTokens_printNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ApiAuth auth = ApiAuth.fromEnvironment(Map.of(ApiAuth.ADMIN_ENV, "adm", ApiAuth.VIEWER_ENV, "view"),
                new PrintStream(out, true, StandardCharsets.UTF_8));
        assertEquals(0, out.size());
        assertEquals(Optional.of(Role.VIEWER), auth.roleOf("view"));
    }

    @Test
    void generateToken_isRandom() {
        assertFalse(ApiAuth.generateToken().equals(ApiAuth.generateToken()));
        assertTrue(ApiAuth.generateToken().matches("[A-Za-z0-9_-]{43}"));
    }
}
