package io.chronosguard.engine.backend;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A decorator that reads through to a store but drops every write and removal, counting
 * what would have been written: {@code --dry-run} for any backend.
 */
public final class DryRunBackend extends ForwardingBackend {
    private final AtomicLong wouldWrite = new AtomicLong();

    public DryRunBackend(Backend inner) {
        super(inner);
    }

    /** Bytes that a real run would have stored. */
    public long wouldWrite() {
        return wouldWrite.get();
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
}
