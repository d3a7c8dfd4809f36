package io.chronosguard.engine.archiver;

import io.chronosguard.engine.chunker.Chunk;
import io.chronosguard.engine.chunker.Chunker;
import io.chronosguard.engine.chunker.Polynomial;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one file, cuts it into content-defined chunks with the repository's polynomial,
 * and hands each chunk to the blob saver. One chunker and chunk buffer per thread.
 */
final class FileSaver {
    private final BlobSaver saver;
    private final ThreadLocal<Chunker> chunkers;
    private final ThreadLocal<byte[]> buffers = ThreadLocal.withInitial(() -> new byte[Chunker.MAX_SIZE]);

    FileSaver(BlobSaver saver, Polynomial pol) {
        this.saver = saver;
        this.chunkers = ThreadLocal.withInitial(() -> new Chunker(pol));
    }

    /** The file's content blob ids, in order. */
    List<Id> save(Path file, String display, ArchiverListener listener) throws IOException {
        List<Id> content = new ArrayList<>();
        Chunker chunker = chunkers.get();
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            chunker.reset(in);
            byte[] buf = buffers.get();
            Chunk c;
            while ((c = chunker.next(buf)) != null) {
                buf = c.data();
                BlobSaver.Saved s = saver.save(BlobType.DATA, buf, c.length());
                content.add(s.id());
                listener.bytesRead(display, c.length());
                listener.blobSaved(true, s.added(), c.length(), s.storedBytes());
            }
            buffers.set(buf);
        }
        return content;
    }
}
