package io.chronosguard.coordinator.protocol;

import io.chronosguard.engine.archiver.DirectoryListing;
import io.chronosguard.engine.repo.Id;
import java.util.List;
import java.util.Optional;

/**
 * A {@link DirectoryListing} on the wire: nodes as restic tree JSON ({@link NodeCodec}).
 *
 * @param self nullable: a target's own node
 */
public record TaskOutcome(byte[] leaves, List<Subdir> subdirs, List<String> splitPoints, byte[] self,
        List<byte[]> ancestors, long files, long bytes, long dataAdded, List<String> errors, long bytesNew,
        long bytesDeduplicated) implements CborSerializable {

    /** Without the progress counts of new and deduplicated bytes. */
    public TaskOutcome(byte[] leaves, List<Subdir> subdirs, List<String> splitPoints, byte[] self,
            List<byte[]> ancestors, long files, long bytes, long dataAdded, List<String> errors) {
        this(leaves, subdirs, splitPoints, self, ancestors, files, bytes, dataAdded, errors, 0, 0);
    }

    /** A subdirectory to schedule: its node without subtree, and its parent-snapshot tree (hex or null). */
    public record Subdir(byte[] node, String parentTree) implements CborSerializable {
    }

    public static TaskOutcome of(DirectoryListing l) {
        return of(l, 0, 0);
    }

    /** With the bytes the task stored as new data and the bytes it found already stored. */
    public static TaskOutcome of(DirectoryListing l, long bytesNew, long bytesDeduplicated) {
        return new TaskOutcome(NodeCodec.encodeAll(l.leaves()),
                l.subdirs().stream().map(s -> new Subdir(NodeCodec.encode(s.node()),
                        s.parentTree().map(Id::hex).orElse(null))).toList(),
                l.splitPoints(), l.self().map(NodeCodec::encode).orElse(null),
                l.ancestors().stream().map(NodeCodec::encode).toList(), l.files(), l.bytes(), l.dataAdded(),
                l.errors(), bytesNew, bytesDeduplicated);
    }

    public Optional<Id> subdirParent(Subdir s) {
        return Optional.ofNullable(s.parentTree()).map(Id::parse);
    }
}
