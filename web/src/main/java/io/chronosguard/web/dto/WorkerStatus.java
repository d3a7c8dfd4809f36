package io.chronosguard.web.dto;

/**
 * One directory worker.
 *
 * @param state        {@code idle}, {@code working} or {@code paused}
 * @param currentFile  the full path of the file it reads, or null
 */
public record WorkerStatus(String id, String node, String state, String currentFile, long fileBytesDone,
        long fileBytesTotal, double bytesPerSecond) {
}
