package io.chronosguard.engine.chunker;

import java.io.InputStream;
import java.util.SplittableRandom;

/** Serves a byte array in short reads of 1 to {@code maxRead} bytes, as a slow pipe would. */
final class TrickleInputStream extends InputStream {

    private final byte[] data;
    private final int maxRead;
    private final SplittableRandom random = new SplittableRandom(42);
    private int pos;

    TrickleInputStream(byte[] data, int maxRead) {
        this.data = data;
        this.maxRead = maxRead;
    }

    @Override
    public int read() {
        return pos < data.length ? data[pos++] & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) {
            return 0;
        }
        if (pos >= data.length) {
            return -1;
        }
        int n = Math.min(Math.min(len, data.length - pos), 1 + random.nextInt(maxRead));
        System.arraycopy(data, pos, b, off, n);
        pos += n;
        return n;
    }
}
