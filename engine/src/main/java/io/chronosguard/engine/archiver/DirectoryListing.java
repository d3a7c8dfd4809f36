package io.chronosguard.engine.archiver;

import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link DirectoryTask} produced. Every blob the leaves reference is stored and
 * indexed before the listing is returned.
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

    public long files() {
        return filesNew + filesChanged + filesUnmodified;
    }
}
