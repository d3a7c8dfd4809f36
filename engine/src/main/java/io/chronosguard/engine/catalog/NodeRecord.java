package io.chronosguard.engine.catalog;

import java.time.Instant;
import java.util.Objects;

/** A cluster node the catalog has seen: its address, capabilities (a JSON object) and when. */
public record NodeRecord(String nodeId, String address, String capabilitiesJson, Instant firstSeen, Instant lastSeen) {
    public NodeRecord {
        Objects.requireNonNull(nodeId, "nodeId");
    }
}
