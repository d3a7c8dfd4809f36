package io.chronosguard.engine.backend;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A decorator that reads through to a store but drops every write and removal, counting
 * what would have been written: {@code --dry-run} for any backend.
 */
public final class DryRunBackend implements Backend {
    private final Backend inner;
    private final AtomicLong wouldWrite = new AtomicLong();

    public DryRunBackend(Backend inner) {
        this.inner = inner;
    }

    /** Bytes that a real run would have stored. */
    public long wouldWrite() {
        return wouldWrite.get();
    }

    @Override
    public String location() {
        return inner.location();
    }

    @Override
    public boolean exists() throws IOException {
        return inner.exists();
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        return inner.list(type);
    }

    @Override
    public byte[] load(FileType type, String name) throws IOException {
        return inner.load(type, name);
    }

    @Override
    public byte[] load(FileType type, String name, long offset, int length) throws IOException {
        return inner.load(type, name, offset, length);
    }

    @Override
    public long size(FileType type, String name) throws IOException {
        return inner.size(type, name);
    }

    @Override
    public void save(FileType type, String name, byte[] data) {
        wouldWrite.addAndGet(data.length);
    }

    @Override
    public void save(FileType type, String name, byte[] data, int off, int len) {
        wouldWrite.addAndGet(len);
    }

    @Override
    public void remove(FileType type, String name) {
        // dry run: nothing is removed
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
