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
        // the kernel's node name is what restic (Go's os.Hostname) records and compares when
        // `restic unlock` decides whether a lock's process is gone; /etc/hostname can differ
        for (String f : new String[] {"/etc/hostname", "/proc/sys/kernel/hostname"}) {
            try {
                Path p = Path.of(f);
                if (Files.isReadable(p)) {
                    String h = new String(Files.readAllBytes(p), StandardCharsets.UTF_8).trim();
                    host = h.isEmpty() ? host : h;
                }
            } catch (IOException ignored) {
                // keep what we have
            }
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
