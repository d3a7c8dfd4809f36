package io.chronosguard.engine.backend;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * At most N store calls in flight at once, whatever the number of worker threads: network
 * stores open a connection per call, and servers (or their rate limits) punish a crowd. As
 * restic's {@code -o s3.connections} / {@code sftp.connections}, 5 by default for network
 * stores. Fair, so a waiting call is not overtaken for ever.
 */
public final class ConnectionLimitBackend extends ForwardingBackend {
    /** restic's default for network stores. */
    public static final int DEFAULT_NETWORK_CONNECTIONS = 5;

    private final Semaphore slots;
    private final int limit;

    public ConnectionLimitBackend(Backend inner, int connections) {
        super(inner);
        if (connections < 1) {
            throw new IllegalArgumentException("connections must be at least 1, got " + connections);
        }
        this.limit = connections;
        this.slots = new Semaphore(connections, true);
    }

    public int limit() {
        return limit;
    }

    @Override
    public boolean exists() throws IOException {
        return call(() -> inner().exists());
    }

    @Override
    public List<String> list(FileType type) throws IOException {
        return call(() -> inner().list(type));
    }

    @Override
    public byte[] load(FileType type, String name) throws IOException {
        return call(() -> inner().load(type, name));
    }

    @Override
    public byte[] load(FileType type, String name, long offset, int length) throws IOException {
        return call(() -> inner().load(type, name, offset, length));
    }

    @Override
    public long size(FileType type, String name) throws IOException {
        return call(() -> inner().size(type, name));
    }

    @Override
    public void save(FileType type, String name, byte[] data) throws IOException {
        save(type, name, data, 0, data.length);
    }

    @Override
    public void save(FileType type, String name, byte[] data, int off, int len) throws IOException {
        call(() -> {
            inner().save(type, name, data, off, len);
            return null;
        });
    }

    @Override
    public void remove(FileType type, String name) throws IOException {
        call(() -> {
            inner().remove(type, name);
            return null;
        });
    }

    private <T> T call(IoCall<T> call) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a free connection to " + location());
        }
        try {
            return call.run();
        } finally {
            slots.release();
        }
    }
}
