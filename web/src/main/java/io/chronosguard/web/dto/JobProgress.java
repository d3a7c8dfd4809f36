package io.chronosguard.web.dto;

import java.util.List;

/**
 * A backup job's progress.
 *
 * @param queue       the next directories waiting for a worker
 * @param etaSeconds  estimated seconds left, or null when unknown
 */
public record JobProgress(String id, List<String> paths, String lastCompletedDirectory, List<String> queue,
        long filesDone, long filesTotal, long bytesDone, long bytesTotal, long bytesNew, long bytesDeduplicated,
        double bytesPerSecond, Long etaSeconds, long errors, long reassignments) {

    public JobProgress {
        paths = List.copyOf(paths);
        queue = List.copyOf(queue);
    }
}
