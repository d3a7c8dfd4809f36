package io.chronosguard.engine.archiver;

import java.util.List;

/** Passes every archiver event to several listeners in turn, e.g. progress output and run recording. */
public final class TeeListener implements ArchiverListener {
    private final List<ArchiverListener> listeners;

    public TeeListener(ArchiverListener... listeners) {
        this.listeners = List.of(listeners);
    }

    @Override
    public void discovered(long files, long bytes) {
        listeners.forEach(l -> l.discovered(files, bytes));
    }

    @Override
    public void fileStarted(String path, long size) {
        listeners.forEach(l -> l.fileStarted(path, size));
    }

    @Override
    public void bytesRead(String path, long n) {
        listeners.forEach(l -> l.bytesRead(path, n));
    }

    @Override
    public void fileDone(String path, long size, Change change) {
        listeners.forEach(l -> l.fileDone(path, size, change));
    }

    @Override
    public void dirDone(String path, Change change) {
        listeners.forEach(l -> l.dirDone(path, change));
    }

    @Override
    public void blobSaved(boolean data, boolean added, long plainBytes, long storedBytes) {
        listeners.forEach(l -> l.blobSaved(data, added, plainBytes, storedBytes));
    }

    @Override
    public void error(String path, String reason) {
        listeners.forEach(l -> l.error(path, reason));
    }

    @Override
    public void warning(String path, String message) {
        listeners.forEach(l -> l.warning(path, message));
    }
}
