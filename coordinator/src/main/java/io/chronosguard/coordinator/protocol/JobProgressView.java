package io.chronosguard.coordinator.protocol;

import java.util.List;

/**
 * The coordinator's side of the live progress: the current (or last) job with the counts of
 * its completed tasks, and the coordinator's recent events and log lines. The progress hub
 * adds the running tasks' counts from the workers' reports.
 *
 * @param job     null when no job ran since the coordinator started
 * @param events  recent events, oldest first
 * @param log     recent log lines of the coordinator, oldest first
 */
public record JobProgressView(Job job, List<Event> events, List<String> log) implements CborSerializable {

    /**
     * @param state  {@code running}, {@code paused}, {@code stopping}, {@code stopped}, {@code succeeded}, {@code failed}
     * @param queue  the next directories waiting for a worker (the first few)
     */
    public record Job(String id, String state, List<String> paths, long startedMillis, long endedMillis,
            String lastCompletedDirectory, List<String> queue, long queued, long running, long tasksDone,
            long filesDone, long bytesDone, long bytesNew, long bytesDeduplicated, long errors, int reassignments,
            String snapshotId, String error) implements CborSerializable {
    }

    /** {@code kind}: job-started, job-finished, directory-completed, task-reassigned, error, ... */
    public record Event(long timeMillis, String kind, String message) implements CborSerializable {
    }
}
