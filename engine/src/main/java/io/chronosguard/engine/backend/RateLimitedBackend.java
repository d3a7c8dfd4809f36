package io.chronosguard.engine.backend;

import java.io.IOException;

/**
 * Limits the bytes a process uploads (saves) and downloads (loads) per second, for
 * {@code --limit-upload} / {@code --limit-download}; one bucket per direction is shared by
 * every thread using this store. The store takes whole files, so the rate is kept per file:
 * a save waits for its bytes before it starts; a whole-file load learns its size only when
 * done and pays afterwards (a range load pays before), so the average over a run holds.
 */
public final class RateLimitedBackend extends ForwardingBackend {
    private final TokenBucket upload;
    private final TokenBucket download;

    /**
     * @param uploadKiBs   upload limit in KiB/s, 0 for none
     * @param downloadKiBs download limit in KiB/s, 0 for none
     */
    public RateLimitedBackend(Backend inner, int uploadKiBs, int downloadKiBs) {
        this(inner, uploadKiBs, downloadKiBs, BackendClock.SYSTEM);
    }

    public RateLimitedBackend(Backend inner, int uploadKiBs, int downloadKiBs, BackendClock clock) {
        super(inner);
        if (uploadKiBs < 0 || downloadKiBs < 0) {
            throw new IllegalArgumentException("bandwidth limits must be at least 0 KiB/s, got upload " + uploadKiBs
                    + ", download " + downloadKiBs);
        }
        this.upload = uploadKiBs == 0 ? null : new TokenBucket(uploadKiBs * 1024L, clock);
        this.download = downloadKiBs == 0 ? null : new TokenBucket(downloadKiBs * 1024L, clock);
    }

    @Override
    public byte[] load(FileType type, String name) throws IOException {
        byte[] data = inner().load(type, name);
        if (download != null) {
            download.take(data.length);
        }
        return data;
    }

    @Override
    public byte[] load(FileType type, String name, long offset, int length) throws IOException {
        if (download != null) {
            download.take(length);
        }
        return inner().load(type, name, offset, length);
    }

    @Override
    public void save(FileType type, String name, byte[] data) throws IOException {
        save(type, name, data, 0, data.length);
    }

    @Override
    public void save(FileType type, String name, byte[] data, int off, int len) throws IOException {
        if (upload != null) {
            upload.take(len);
        }
        inner().save(type, name, data, off, len);
    }
}
