package io.chronosguard.coordinator.protocol;

import java.nio.file.Path;
import java.util.List;

/**
 * What one node can do, as it advertises it: the source roots it may read, the repository
 * it reaches, its size, and flags ({@code backup.parallel}, {@code compress}, {@code encrypt},
 * {@code monitor}, {@code coordinate}).
 *
 * @param node the node's cluster address
 */
public record Capabilities(String node, List<String> sourceRoots, String repository, boolean repositoryReachable,
        int cores, long freeMemory, int workers, List<String> flags) implements CborSerializable {

    public static final String BACKUP_PARALLEL = "backup.parallel";

    public Capabilities {
        sourceRoots = List.copyOf(sourceRoots);
        flags = List.copyOf(flags);
    }

    /** Whether this node may run a task on {@code path}: it backs up, reaches the repository and reads the path. */
    public boolean canRun(String path) {
        if (!repositoryReachable || !flags.contains(BACKUP_PARALLEL)) {
            return false;
        }
        Path p = Path.of(path);
        return sourceRoots.stream().anyMatch(r -> p.startsWith(Path.of(r)));
    }

    public Capabilities withFreeMemory(long bytes) {
        return new Capabilities(node, sourceRoots, repository, repositoryReachable, cores, bytes, workers, flags);
    }
}
