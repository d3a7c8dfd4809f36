package io.chronosguard.coordinator.protocol;

import java.util.List;

/**
 * A job as the coordinator sees it.
 *
 * @param state   {@code running}, {@code succeeded}, {@code failed}, or {@code unknown} (no such job here)
 * @param error   why it failed, or null
 * @param summary set once it succeeded, else null
 * @param tasksDone   tasks run by this job's current coordinator
 * @param tasksReused tasks taken from the checkpoint of the interrupted run it resumed
 * @param resumed     what resuming said ("resuming run N: ..."), or null for a fresh job
 */
public record JobView(String jobId, String state, String error, long tasksDone, long tasksQueued, long tasksRunning,
        long files, long bytes, Summary summary, long tasksReused, String resumed) implements CborSerializable {

    /** A job that resumed nothing. */
    public JobView(String jobId, String state, String error, long tasksDone, long tasksQueued, long tasksRunning,
            long files, long bytes, Summary summary) {
        this(jobId, state, error, tasksDone, tasksQueued, tasksRunning, files, bytes, summary, 0, null);
    }

    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";
    /** Stopped through the API: no snapshot; what was uploaded stays for the next run. */
    public static final String STOPPED = "stopped";
    public static final String UNKNOWN = "unknown";

    /** What a finished job did. */
    public record Summary(String snapshotId, long files, long bytes, long dataAdded, int nodes, int reassignedTasks,
            double durationS, List<String> errors) implements CborSerializable {
    }

    public static JobView unknown(String jobId) {
        return new JobView(jobId, UNKNOWN, "no such job", 0, 0, 0, 0, 0, null);
    }
}
