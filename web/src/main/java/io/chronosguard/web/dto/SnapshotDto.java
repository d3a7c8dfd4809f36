package io.chronosguard.web.dto;

import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.Snapshot;
import java.util.List;

/** A snapshot as {@code GET /api/snapshots} lists it. */
public record SnapshotDto(String id, String shortId, String time, String hostname, String username,
        List<String> paths, List<String> tags, String parent, String tree) {

    public static SnapshotDto of(Snapshots.Entry e) {
        Snapshot s = e.snapshot();
        return new SnapshotDto(e.id().hex(), e.id().shortHex(), s.time(), s.hostname(), s.username(), s.paths(),
                s.tags(), s.parent(), s.tree());
    }
}
