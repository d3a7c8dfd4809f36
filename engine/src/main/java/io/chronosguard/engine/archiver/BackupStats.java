package io.chronosguard.engine.archiver;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts what a backup did, for its summary and progress, and passes every event on to
 * another listener.
 */
public final class BackupStats implements ArchiverListener {
    private final ArchiverListener next;
    public final AtomicLong filesNew = new AtomicLong();
    public final AtomicLong filesChanged = new AtomicLong();
    public final AtomicLong filesUnmodified = new AtomicLong();
    public final AtomicLong dirsNew = new AtomicLong();
    public final AtomicLong dirsChanged = new AtomicLong();
    public final AtomicLong dirsUnmodified = new AtomicLong();
    public final AtomicLong dataBlobs = new AtomicLong();
    public final AtomicLong treeBlobs = new AtomicLong();
    public final AtomicLong dataAdded = new AtomicLong();
    public final AtomicLong bytesProcessed = new AtomicLong();
    public final AtomicLong bytesRead = new AtomicLong();
    public final AtomicLong filesDiscovered = new AtomicLong();
    public final AtomicLong bytesDiscovered = new AtomicLong();
    public final AtomicLong newPlainBytes = new AtomicLong();
    private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());

    public BackupStats(ArchiverListener next) {
        this.next = next;
    }

    @Override
    public void discovered(long files, long bytes) {
        filesDiscovered.addAndGet(files);
        bytesDiscovered.addAndGet(bytes);
        next.discovered(files, bytes);
    }

    @Override
    public void fileStarted(String path, long size) {
        next.fileStarted(path, size);
    }

    @Override
    public void bytesRead(String path, long n) {
        bytesRead.addAndGet(n);
        next.bytesRead(path, n);
    }

    @Override
    public void fileDone(String path, long size, Change change) {
        (change == Change.NEW ? filesNew : change == Change.CHANGED ? filesChanged : filesUnmodified).incrementAndGet();
        bytesProcessed.addAndGet(size);
        next.fileDone(path, size, change);
    }

    @Override
    public void dirDone(String path, Change change) {
        (change == Change.NEW ? dirsNew : change == Change.CHANGED ? dirsChanged : dirsUnmodified).incrementAndGet();
        next.dirDone(path, change);
    }

    @Override
    public void blobSaved(boolean data, boolean added, long plainBytes, long storedBytes) {
        if (added) {
            (data ? dataBlobs : treeBlobs).incrementAndGet();
            dataAdded.addAndGet(storedBytes);
            newPlainBytes.addAndGet(plainBytes);
        }
        next.blobSaved(data, added, plainBytes, storedBytes);
    }

    @Override
    public void error(String path, String reason) {
        errors.add(path + ": " + reason);
        next.error(path, reason);
    }

    @Override
    public void warning(String path, String message) {
        warnings.add(path + ": " + message);
        next.warning(path, message);
    }

    public List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    public List<String> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    public long filesTotal() {
        return filesNew.get() + filesChanged.get() + filesUnmodified.get();
    }
}
