package io.chronosguard.engine.restorer;

import io.chronosguard.engine.repo.format.Node;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A file whose content is being restored by the pack workers. The first write creates it
 * (so file creation, slow on many file systems, is spread over the workers instead of
 * preceding them all), every write of any worker goes through the one open channel at its
 * own position, and the last expected write closes it, sets its size if trailing zeros were
 * left as a hole, and applies its metadata. Thread-safe.
 */
final class RestoredFile {
    private static final ByteBuffer ZERO = ByteBuffer.allocate(1).asReadOnlyBuffer();

    final Path path;
    final String display;
    final Node node;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong end = new AtomicLong();
    private FileChannel channel;
    private boolean created;

    RestoredFile(Path path, String display, Node node) {
        this.path = path;
        this.display = display;
        this.node = node;
    }

    /** Counts one more write (or skip) that {@link #done()} will report. Before any writing. */
    void expect() {
        pending.incrementAndGet();
    }

    int pending() {
        return pending.get();
    }

    /** Writes {@code data} at {@code offset}, creating the file first if needed. */
    void write(byte[] data, long offset) throws IOException {
        FileChannel ch = open();
        ByteBuffer bb = ByteBuffer.wrap(data);
        long pos = offset;
        while (bb.hasRemaining()) {
            pos += ch.write(bb, pos);
        }
        end.accumulateAndGet(pos, Math::max);
    }

    /**
     * One expected write is over (written, left as a hole, or failed). The last one closes the
     * file, extends it to its full size and returns true: the caller then applies metadata.
     */
    boolean done() throws IOException {
        if (pending.decrementAndGet() != 0) {
            return false;
        }
        FileChannel ch = open();
        try {
            long size = node.size();
            if (end.get() < size) {
                ch.write(ZERO.duplicate(), size - 1); // the rest stays a hole that reads as zeros
            }
        } finally {
            synchronized (this) {
                channel = null;
            }
            ch.close();
        }
        return true;
    }

    /**
     * Creates a file that was expected no write at all (its first blob is in no index), at its
     * full size; true if it did, and the caller then applies metadata.
     */
    boolean createIfUnwritten() throws IOException {
        synchronized (this) {
            if (created || pending.get() != 0) {
                return false;
            }
            pending.set(1);
        }
        return done();
    }

    private synchronized FileChannel open() throws IOException {
        if (channel == null) {
            if (created) {
                channel = FileChannel.open(path, StandardOpenOption.WRITE);
            } else {
                // whatever is in the way (a file, a symlink) is replaced, never written through
                Files.deleteIfExists(path);
                channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                created = true;
            }
        }
        return channel;
    }
}
