package io.chronosguard.web.ws;

import io.chronosguard.web.dto.NodeStatus;
import io.chronosguard.web.dto.ProgressUpdate;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The progress of a node that runs no jobs ({@code serve}): state {@code idle} and this
 * node's health. {@code seq} is the uptime in seconds, so clients get a fresh uptime, load
 * and free disk once a second and nothing in between.
 */
public final class IdleProgress implements ProgressSource {
    private final String node;
    private final String address;
    private final Path disk;
    private final List<String> capabilities;
    private final Clock clock;
    private final Instant started;

    public IdleProgress(String node, String address, Path disk, List<String> capabilities, Clock clock) {
        this.node = node;
        this.address = address;
        this.disk = disk;
        this.capabilities = List.copyOf(capabilities);
        this.clock = clock;
        this.started = clock.instant();
    }

    @Override
    public ProgressUpdate current() {
        Instant now = clock.instant();
        long uptime = Duration.between(started, now).toSeconds();
        NodeStatus me = new NodeStatus(node, address, "up", uptime,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), freeDisk(), capabilities);
        return new ProgressUpdate(uptime, now.toString(), "idle", me, null, List.of(), List.of(me), List.of(),
                List.of(), List.of());
    }

    private long freeDisk() {
        try {
            return Files.getFileStore(disk).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return -1;
        }
    }
}
