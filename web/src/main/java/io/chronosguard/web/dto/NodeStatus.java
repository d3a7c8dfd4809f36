package io.chronosguard.web.dto;

import java.util.List;

/**
 * A cluster node as the dashboard shows it.
 *
 * @param status         {@code up} or {@code unreachable}
 * @param load           the system load average over the last minute, or -1 when unknown
 * @param freeDiskBytes  free space where the node keeps its state, or -1 when unknown
 */
public record NodeStatus(String name, String address, String status, long uptimeSeconds, double load,
        long freeDiskBytes, List<String> capabilities) {

    public NodeStatus {
        capabilities = List.copyOf(capabilities);
    }
}
