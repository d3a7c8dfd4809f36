package io.chronosguard.engine.archiver;

import io.chronosguard.engine.repo.Id;
import java.time.Duration;
import java.util.List;

/** What a finished backup did; {@code snapshotId} is null for a dry run. */
public record BackupSummary(Id snapshotId, Id parentId, long filesNew, long filesChanged, long filesUnmodified,
        long dirsNew, long dirsChanged, long dirsUnmodified, long dataBlobs, long treeBlobs, long dataAdded,
        long totalFilesProcessed, long totalBytesProcessed, Duration duration, List<String> errors,
        List<String> warnings) {

    public BackupSummary {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when some paths could not be saved. */
    public boolean incomplete() {
        return !errors.isEmpty();
    }
}
