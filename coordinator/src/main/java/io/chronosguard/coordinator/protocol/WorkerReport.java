package io.chronosguard.coordinator.protocol;

/**
 * A worker's progress as its node monitor keeps it: the task attempt it runs (counts are
 * for that attempt only) and the file it reads.
 *
 * @param state        {@code idle}, {@code working} or {@code paused}
 * @param jobId        the job of the running task, or null when idle
 * @param currentFile  full path of the file being read, or null between files
 * @param fileRate     bytes per second on the current file
 * @param taskRate     bytes per second over the task so far
 */
public record WorkerReport(String worker, String jobId, String state, String directory, String currentFile,
        long fileBytesDone, long fileBytesTotal, double fileRate, double taskRate, long filesDone, long bytesDone,
        long filesDiscovered, long bytesDiscovered, long bytesNew, long bytesDeduplicated, long errors)
        implements CborSerializable {

    public static final String IDLE = "idle";
    public static final String WORKING = "working";
    public static final String PAUSED = "paused";

    public static WorkerReport idle(String worker) {
        return new WorkerReport(worker, null, IDLE, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    }
}
