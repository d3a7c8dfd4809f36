package io.chronosguard.engine.archiver;

import io.chronosguard.engine.repo.BlobSaver;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One backup to run.
 *
 * @param targets     paths to back up, in command-line order
 * @param parent      explicit parent snapshot (id or prefix); empty = latest with same host and paths
 * @param forceNoParent read every file, ignoring any parent
 * @param packSize    target pack size in bytes
 */
public record BackupRequest(List<Path> targets, List<String> tags, String hostname, Optional<String> parent,
        boolean forceNoParent, Excluder excluder, BlobSaver.Compression compression, int threads, int packSize) {
    public BackupRequest {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("nothing to back up: give at least one path");
        }
        targets = List.copyOf(targets);
        tags = List.copyOf(tags);
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
    }
}
