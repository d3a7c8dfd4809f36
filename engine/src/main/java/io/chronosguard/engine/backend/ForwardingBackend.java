package io.chronosguard.engine.backend;

import java.io.IOException;
import java.util.List;

/**
 * A backend that hands every call to another one: the base of decorators, which override
 * only what they change (dry run drops writes; tests record them).
 */
public abstract class ForwardingBackend implements Backend {
    private final Backend inner;

    protected ForwardingBackend(Backend inner) {
        this.inner = inner;
    }

    /** The backend decorated. */
    protected final Backend inner() {
        return inner;
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
    public void save(FileType type, String name, byte[] data) throws IOException {
        inner.save(type, name, data);
    }

    @Override
    public void remove(FileType type, String name) throws IOException {
        inner.remove(type, name);
    }

    @Override
    public boolean isUnused() throws IOException {
        return inner.isUnused();
    }

    @Override
    public void createLayout() throws IOException {
        inner.createLayout();
    }

    @Override
    public void close() throws IOException {
        inner.close();
    }
}
