package io.chronosguard.coordinator.worker;

import io.chronosguard.coordinator.protocol.WorkerReport;
import io.chronosguard.engine.archiver.ArchiverListener;
import java.util.concurrent.CancellationException;

/**
 * What one task attempt on a worker is doing, written by the scanning thread through the
 * {@link ArchiverListener} hooks and read by the worker actor when it reports (a few times
 * a second). Also the task's brake: {@link #bytesRead} runs after every chunk, so a paused
 * task waits there and a stopped one throws {@link CancellationException} from there.
 */
final class TaskProgress implements ArchiverListener {
    private final String jobId;
    private final String directory;
    private final long startedNanos = System.nanoTime();
    private volatile String currentFile;
    private volatile long fileSize;
    private volatile long fileDone;
    private volatile long fileStartedNanos;
    private volatile long filesDone;
    private volatile long bytesDone;
    private volatile long filesDiscovered;
    private volatile long bytesDiscovered;
    private volatile long bytesNew;
    private volatile long bytesDeduplicated;
    private volatile long errors;
    private boolean paused;
    private boolean cancelled;

    TaskProgress(String jobId, String directory) {
        this.jobId = jobId;
        this.directory = directory;
    }

    String jobId() {
        return jobId;
    }

    @Override
    public void discovered(long files, long bytes) {
        filesDiscovered += files;
        bytesDiscovered += bytes;
    }

    @Override
    public void fileStarted(String path, long size) {
        checkpoint();
        currentFile = path;
        fileSize = size;
        fileDone = 0;
        fileStartedNanos = System.nanoTime();
    }

    @Override
    public void bytesRead(String path, long n) {
        fileDone += n;
        bytesDone += n;
        checkpoint();
    }

    @Override
    public void fileDone(String path, long size, Change change) {
        filesDone++;
        if (change == Change.UNMODIFIED) {
            bytesDone += size; // not read again: its content is the parent snapshot's
            bytesDeduplicated += size;
        }
        currentFile = null;
    }

    @Override
    public void blobSaved(boolean data, boolean added, long plainBytes, long storedBytes) {
        if (data) {
            if (added) {
                bytesNew += plainBytes;
            } else {
                bytesDeduplicated += plainBytes;
            }
        }
    }

    @Override
    public void error(String path, String reason) {
        errors++;
    }

    synchronized void pause(boolean on) {
        paused = on;
        notifyAll();
    }

    synchronized void cancel() {
        cancelled = true;
        notifyAll();
    }

    synchronized boolean paused() {
        return paused;
    }

    /** Waits while paused; throws once cancelled. Called on the scanning thread only. */
    private synchronized void checkpoint() {
        while (paused && !cancelled) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while paused");
            }
        }
        if (cancelled) {
            throw new CancellationException("the backup was stopped");
        }
    }

    long bytesNew() {
        return bytesNew;
    }

    long bytesDeduplicated() {
        return bytesDeduplicated;
    }

    /** A consistent-enough copy for the monitor (fields are read one by one; they only grow). */
    WorkerReport report(String worker) {
        long now = System.nanoTime();
        String file = currentFile;
        double fileSecs = (now - fileStartedNanos) / 1e9;
        double taskSecs = (now - startedNanos) / 1e9;
        boolean stalled = paused();
        return new WorkerReport(worker, jobId, stalled ? WorkerReport.PAUSED : WorkerReport.WORKING, directory, file,
                file == null ? 0 : fileDone, file == null ? 0 : fileSize,
                stalled || file == null || fileSecs <= 0 ? 0 : fileDone / fileSecs,
                stalled || taskSecs <= 0 ? 0 : bytesDone / taskSecs,
                filesDone, bytesDone, filesDiscovered, bytesDiscovered, bytesNew, bytesDeduplicated, errors);
    }
}
