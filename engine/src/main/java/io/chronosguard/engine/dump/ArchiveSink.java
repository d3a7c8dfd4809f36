package io.chronosguard.engine.dump;

import io.chronosguard.engine.repo.format.Node;
import java.io.IOException;
import java.io.OutputStream;

/**
 * One archive format's writer. Paths are the raw name bytes joined by {@code /}, relative
 * (no leading slash); each sink decides how to encode them. The sink never closes the
 * stream it writes to: {@link #finish()} ends the archive and leaves the stream open.
 */
interface ArchiveSink {
    /** Writes a file's bytes into the entry the sink has just opened. */
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    void directory(byte[] path, Node dir) throws IOException;

    /** A regular file whose {@code content} produces exactly {@code node.size()} bytes. */
    void file(byte[] path, Node file, Content content) throws IOException;

    void symlink(byte[] path, Node link) throws IOException;

    /** Whether {@link #hardLink} works; if not, the dumper writes the content again. */
    boolean supportsHardLinks();

    /** A second name for the file already written at {@code target}. */
    void hardLink(byte[] path, Node file, byte[] target) throws IOException;

    /** A FIFO or device node; returns false when the format cannot hold it. */
    boolean special(byte[] path, Node node) throws IOException;

    /** Ends the archive (trailer, central directory) and flushes; leaves the stream open. */
    void finish() throws IOException;
}
