package io.chronosguard.engine.chunker;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a file into chunks exactly as restic 0.14 does (restic/chunker v0.4.0), so that the
 * same polynomial gives the same chunks, the same blob IDs and deduplication with restic.
 *
 * <p>A chunk of length L ends after byte i when L reaches {@link #MAX_SIZE}, or when L is at
 * least {@link #MIN_SIZE} and the fingerprint of bytes i-63..i has its low 20 bits zero; the
 * last chunk is whatever is left. The first {@code MIN_SIZE - 64} bytes of a chunk cannot
 * decide a cut, so they are copied but not hashed. Each file starts at offset 0.
 *
 * <p>Streaming use, with memory bounded by the read buffer and one chunk buffer:
 * <pre>{@code
 * chunker.reset(in);
 * byte[] buf = new byte[Chunker.MAX_SIZE];
 * for (Chunk c = chunker.next(buf); c != null; c = chunker.next(buf)) { ... }
 * }</pre>
 * Not thread-safe: one chunker per thread. The tables are shared per polynomial.
 */
public final class Chunker {

    public static final int WINDOW_SIZE = 64;
    public static final int MIN_SIZE = 512 * 1024;
    public static final int MAX_SIZE = 8 * 1024 * 1024;
    public static final long SPLIT_MASK = 0xFFFFF;
    /** Bytes of a chunk copied before its first hashed byte. */
    private static final int SKIPPED = MIN_SIZE - WINDOW_SIZE;
    private static final int DEFAULT_READ_SIZE = 512 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final RollingHash hash;
    /** buf[0..64) repeats the 64 stream bytes before the current fill, for the leaving byte. */
    private final byte[] buf;
    private InputStream in;
    private int bpos;
    private int bmax;
    private boolean eof;
    /** File offset of the chunk being built. */
    private long offset;
    /** The chunk being built: count bytes in data; data is null between calls. */
    private byte[] data;
    private int count;

    /**
     * @throws IllegalArgumentException if pol is reducible or its degree is outside 9..56
     *     (restic's are 53)
     */
    public Chunker(Polynomial pol) {
        this(pol, DEFAULT_READ_SIZE);
    }

    /** With a read buffer of {@code readSize} bytes; tests use tiny ones. */
    Chunker(Polynomial pol, int readSize) {
        if (readSize < 1) {
            throw new IllegalArgumentException("read size " + readSize + " is not positive");
        }
        this.hash = new RollingHash(RabinTables.of(Objects.requireNonNull(pol, "pol")));
        this.buf = new byte[WINDOW_SIZE + readSize];
    }

    /** Starts chunking a new file, at offset 0. The caller keeps and closes the stream. */
    public void reset(InputStream in) {
        this.in = Objects.requireNonNull(in, "in");
        bpos = WINDOW_SIZE;
        bmax = WINDOW_SIZE;
        eof = false;
        offset = 0;
    }

    /**
     * Reads the next chunk into {@code reuse}, or into a new array if it is null or too short
     * (then the returned chunk's {@code data} is the new array; pass it back next time). A
     * buffer of {@link #MAX_SIZE} bytes never needs replacing.
     *
     * @return the chunk, or null when the file has no more bytes (an empty file has no chunk)
     * @throws IOException from the stream; the file cannot be chunked further, and
     *     {@code next} then throws IllegalStateException until the next {@code reset}
     * @throws IllegalStateException if {@link #reset(InputStream)} was not called, or the
     *     stream failed since
     */
    public Chunk next(byte[] reuse) throws IOException {
        if (in == null) {
            throw new IllegalStateException("call reset(InputStream) before next(byte[])");
        }
        data = reuse == null ? EMPTY : reuse;
        count = 0;
        try {
            if (copyUnhashed() && warmUp() && (hash.digest() & SPLIT_MASK) != 0) {
                scan();
            }
        } catch (IOException e) {
            // The bytes read so far are lost: going on would shift every later chunk.
            in = null;
            data = null;
            throw e;
        }
        Chunk chunk = count == 0 ? null : new Chunk(offset, count, data);
        offset += count;
        data = null;
        return chunk;
    }

    /**
     * The end offsets of the chunks of a whole file held in memory: the last is
     * {@code data.length}; none for an empty array. Same cuts as {@link #next(byte[])}.
     */
    public static int[] cutPoints(Polynomial pol, byte[] data) {
        RollingHash hash = new RollingHash(RabinTables.of(Objects.requireNonNull(pol, "pol")));
        int[] cuts = new int[data.length / MIN_SIZE + 1];
        int count = 0;
        for (int start = 0; start < data.length; start = cuts[count++]) {
            cuts[count] = data.length - start <= MIN_SIZE ? data.length : nextCut(hash, data, start);
        }
        return Arrays.copyOf(cuts, count);
    }

    private static int nextCut(RollingHash hash, byte[] data, int start) {
        hash.reset();
        hash.warmUp(data, start + SKIPPED, start + MIN_SIZE);
        if ((hash.digest() & SPLIT_MASK) == 0) {
            return start + MIN_SIZE;
        }
        int limit = (int) Math.min(data.length, (long) start + MAX_SIZE);
        int cut = hash.scan(data, start + MIN_SIZE, limit);
        return cut < 0 ? limit : cut + 1;
    }

    /** Copies the bytes that cannot decide a cut; false if the stream ends first. */
    private boolean copyUnhashed() throws IOException {
        while (count < SKIPPED) {
            if (!fill()) {
                return false;
            }
            take(Math.min(SKIPPED - count, bmax - bpos));
        }
        return true;
    }

    /** Hashes the chunk's first window (from zeros); false if the stream ends first. */
    private boolean warmUp() throws IOException {
        hash.reset();
        while (count < MIN_SIZE) {
            if (!fill()) {
                return false;
            }
            int n = Math.min(MIN_SIZE - count, bmax - bpos);
            hash.warmUp(buf, bpos, bpos + n);
            take(n);
        }
        return true;
    }

    /** Slides the window until a content cut, MAX_SIZE or the end of the stream. */
    private void scan() throws IOException {
        while (count < MAX_SIZE && fill()) {
            int limit = bpos + Math.min(MAX_SIZE - count, bmax - bpos);
            int cut = hash.scan(buf, bpos, limit);
            take((cut < 0 ? limit : cut + 1) - bpos);
            if (cut >= 0) {
                return;
            }
        }
    }

    /** Makes bytes available at buf[bpos..bmax); false at the end of the stream. */
    private boolean fill() throws IOException {
        if (bpos < bmax) {
            return true;
        }
        if (eof) {
            return false;
        }
        System.arraycopy(buf, bmax - WINDOW_SIZE, buf, 0, WINDOW_SIZE);
        int wanted = buf.length - WINDOW_SIZE;
        int n = in.readNBytes(buf, WINDOW_SIZE, wanted);
        bpos = WINDOW_SIZE;
        bmax = WINDOW_SIZE + n;
        eof = n < wanted;
        return n > 0;
    }

    /** Moves n bytes from the read buffer to the chunk, growing its array if needed. */
    private void take(int n) {
        if (count + n > data.length) {
            data = Arrays.copyOf(data, Math.max(count + n, Math.min(MAX_SIZE, 2 * data.length)));
        }
        System.arraycopy(buf, bpos, data, count, n);
        bpos += n;
        count += n;
    }
}
