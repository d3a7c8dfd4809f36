package io.chronosguard.engine.repo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about this process that restic records in locks, keys and snapshots. */
public record Host(String hostname, String username, long pid, long uid, long gid) {

    /** The current process, read without DNS look-ups. */
    public static Host current() {
        String host = System.getenv("HOSTNAME");
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                host = new String(Files.readAllBytes(etc), StandardCharsets.UTF_8).trim();
            }
        } catch (IOException ignored) {
            // fall back to the environment
        }
        if (host == null || host.isBlank()) {
            host = "localhost";
        }
        long uid = 0;
        long gid = 0;
        try {
            uid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).longValue();
            gid = ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:gid")).longValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException ignored) {
            // not Linux: leave 0, which restic omits
        }
        return new Host(host, System.getProperty("user.name", ""), ProcessHandle.current().pid(), uid, gid);
    }
}
