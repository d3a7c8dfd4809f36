package io.chronosguard.engine.archiver;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link DirectoryTask} produced. The blobs the leaves reference
 * ({@link #dataBlobs()}) may still be on their way into the repository when it is returned.
 *
 * @param leaves      nodes of the non-directory entries, complete with content
 * @param subdirs     subdirectories to back up next, each with its node (without subtree)
 * @param splitPoints non-empty when the directory was too large for one task: nothing was
 *                    saved, and the caller should run one slice per range between the points
 * @param self        for a target: its own node (a directory's without subtree)
 * @param ancestors   for a target: nodes of the folders from {@code /} down to its parent
 */
public record DirectoryListing(List<Node> leaves, List<Subdir> subdirs, List<String> splitPoints,
        Optional<Node> self, List<Node> ancestors, long filesNew, long filesChanged, long filesUnmodified,
        long bytes, long dataAdded, List<String> errors) {

    /** A subdirectory: its node without subtree, and its tree in the parent snapshot. */
    public record Subdir(Node node, Optional<Id> parentTree) {
    }

    public DirectoryListing {
        leaves = List.copyOf(leaves);
        subdirs = List.copyOf(subdirs);
        splitPoints = List.copyOf(splitPoints);
        ancestors = List.copyOf(ancestors);
        errors = List.copyOf(errors);
    }

    /** Every data blob the leaves reference. */
    public Set<Id> dataBlobs() {
        Set<Id> ids = new HashSet<>();
        for (Node n : leaves) {
            if (n.content() != null) {
                ids.addAll(n.content());
            }
        }
        if (self.isPresent() && self.get().content() != null) {
            ids.addAll(self.get().content());
        }
        return ids;
    }

    public long files() {
        return filesNew + filesChanged + filesUnmodified;
    }
}
