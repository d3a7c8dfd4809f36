package io.chronosguard.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code packaging/chronosguard-node.service} passes {@code systemd-analyze verify} and keeps its hardening. */
class ServiceUnitIT {
    private static final Path UNIT = Path.of(System.getProperty("user.dir")).getParent()
            .resolve("packaging/chronosguard-node.service");

    @TempDir
    Path dir;

    @Test
    void unit_systemdAnalyzeVerify_noWarnings() throws Exception {
        // verify checks that ExecStart's program exists: point it at a stand-in for the installed launcher
        Path launcher = dir.resolve("chronosguard");
        Files.writeString(launcher, "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path unit = dir.resolve("chronosguard-node.service");
        Files.writeString(unit, Files.readString(UNIT).replace("/opt/chronosguard/chronosguard", launcher.toString()));

        Process p = new ProcessBuilder("systemd-analyze", "verify", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));

        assertEquals(0, p.exitValue(), out);
        assertEquals("", out.strip());
    }

    @Test
    void unit_hardeningAndRestartSettings_present() throws Exception {
        Map<String, String> s = settings(Files.readAllLines(UNIT));

        assertTrue(s.get("ExecStart").startsWith("/opt/chronosguard/chronosguard "), s.get("ExecStart"));
        assertTrue(s.get("ExecStart").contains(" node "), s.get("ExecStart"));
        Map<String, String> want = Map.ofEntries(Map.entry("User", "chronosguard"),
                Map.entry("EnvironmentFile", "/etc/chronosguard/env"), Map.entry("NoNewPrivileges", "yes"),
                Map.entry("ProtectSystem", "strict"), Map.entry("ProtectHome", "read-only"),
                Map.entry("PrivateTmp", "yes"), Map.entry("ProtectKernelTunables", "yes"),
                Map.entry("SystemCallFilter", "@system-service"),
                Map.entry("CapabilityBoundingSet", "CAP_DAC_READ_SEARCH"), Map.entry("Restart", "on-failure"),
                Map.entry("SuccessExitStatus", "143"));
        want.forEach((k, v) -> assertEquals(v, s.get(k), k));
        assertTrue(s.get("RestrictAddressFamilies").contains("AF_INET"), s.get("RestrictAddressFamilies"));
        assertTrue(s.containsKey("ReadWritePaths"));
    }

    /** Key → value, continuation lines joined; the last of a repeated key wins. */
    private static Map<String, String> settings(List<String> lines) {
        Map<String, String> out = new HashMap<>();
        StringBuilder cur = new StringBuilder();
        for (String raw : lines) {
            String line = raw.strip();
            if (cur.length() == 0 && (line.isEmpty() || line.startsWith("#") || line.startsWith("["))) {
                continue;
            }
            cur.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) + " " : line);
            if (!line.endsWith("\\")) {
                String full = cur.toString().replaceAll("\\s+", " ");
                int eq = full.indexOf('=');
                out.put(full.substring(0, eq), full.substring(eq + 1));
                cur.setLength(0);
            }
        }
        return out;
    }
}
