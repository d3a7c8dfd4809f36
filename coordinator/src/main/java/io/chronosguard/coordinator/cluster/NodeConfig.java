package io.chronosguard.coordinator.cluster;

import java.util.List;

/**
 * How to start one node.
 *
 * @param seeds       {@code host:port} of seed nodes; a node listed among its own seeds may form a new cluster
 * @param sourceRoots folders this node may read (a task outside all of them never comes here)
 * @param downAfter   how long an unreachable node stays before the split-brain resolver downs it
 * @param joinTimeout the node stops when no seed answers within this time
 */
public record NodeConfig(String host, int port, List<String> seeds, int workers, List<String> sourceRoots,
        String repositoryLocation, java.time.Duration downAfter, java.time.Duration joinTimeout,
        NodeServices.Tuning tuning) {

    public NodeConfig {
        seeds = List.copyOf(seeds);
        sourceRoots = List.copyOf(sourceRoots);
        if (workers < 1) {
            throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    public String address() {
        return host + ":" + port;
    }
}
