package io.chronosguard.web.routes;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;

/**
 * An {@link OutputStream} feeding a back-pressured stream queue in 64 KiB chunks, so a
 * blocking writer (the engine's dumper) streams into an HTTP response without the whole
 * download ever being in memory: when the client reads slowly, {@code write} waits. Unlike
 * {@code StreamConverters.asOutputStream}, a failed write can {@link #fail} the stream, so
 * the client sees a broken transfer instead of a complete-looking, truncated file.
 */
final class QueueOutputStream extends OutputStream {
    static final int CHUNK = 64 * 1024;

    private final SourceQueueWithComplete<ByteString> queue;
    private final Duration stallLimit;
    private final byte[] buf = new byte[CHUNK];
    private int n;

    QueueOutputStream(SourceQueueWithComplete<ByteString> queue, Duration stallLimit) {
        this.queue = queue;
        this.stallLimit = stallLimit;
    }

    @Override
    public void write(int b) throws IOException {
        if (n == buf.length) {
            push();
        }
        buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (n == buf.length) {
                push();
            }
            int k = Math.min(len, buf.length - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    @Override
    public void flush() throws IOException {
        push();
    }

    /** Sends what is buffered and ends the stream successfully. */
    @Override
    public void close() throws IOException {
        push();
        queue.complete();
    }

    /** Ends the stream with an error: the response is aborted. */
    void fail(Throwable cause) {
        queue.fail(cause);
    }

    private void push() throws IOException {
        if (n == 0) {
            return;
        }
        ByteString chunk = ByteString.fromArray(buf, 0, n);
        n = 0;
        QueueOfferResult r;
        try {
            r = queue.offer(chunk).toCompletableFuture().get(stallLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending the download", e);
        } catch (ExecutionException e) {
            throw new IOException("the download was cancelled: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("the client read nothing for " + stallLimit.toSeconds() + " s", e);
        }
        if (!QueueOfferResult.enqueued().equals(r)) {
            throw new IOException("the client went away (" + r + ")");
        }
    }
}
