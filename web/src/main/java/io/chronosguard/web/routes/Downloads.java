package io.chronosguard.web.routes;

import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.parameterOptional;

import io.chronosguard.engine.dump.ArchiveFormat;
import io.chronosguard.engine.dump.Dumper;
import io.chronosguard.engine.dump.Selection;
import io.chronosguard.engine.repo.BlobLoader;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.web.ApiException;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.ResponseEntity;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.headers.ContentDisposition;
import org.apache.pekko.http.javadsl.model.headers.ContentDispositionTypes;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/snapshots/{id}/download?path=&format=tar|zip|raw}: a file's bytes
 * ({@code raw}, the default for files) or a directory as a tar (default) or zip archive,
 * streamed by the engine's {@link Dumper} through a small back-pressured queue: memory use
 * does not depend on the download's size. The path is resolved before the response starts,
 * so a wrong path or format is a clean 404/400; a failure while streaming aborts the
 * transfer. The repository's shared lock is held until the last byte is sent.
 */
public final class Downloads {
    private static final Logger LOG = LoggerFactory.getLogger(Downloads.class);
    /** Chunks queued ahead of the client (64 KiB each); with the stream's own buffer, about 1 MiB per download. */
    static final int QUEUE_CHUNKS = 4;
    static final Duration STALL_LIMIT = Duration.ofMinutes(5);

    private final RepositoryAccess access;
    private final Executor blocking;
    private final ClassicActorSystemProvider system;

    public Downloads(RepositoryAccess access, Executor blocking, ClassicActorSystemProvider system) {
        this.access = access;
        this.blocking = blocking;
        this.system = system;
    }

    Route route(String snapshot) {
        return parameterOptional("path", path -> parameterOptional("format", format -> completeWithFuture(
                CompletableFuture.supplyAsync(() -> start(snapshot, path.orElse("/"), format), blocking))));
    }

    private HttpResponse start(String snapshot, String path, Optional<String> format) {
        RepositoryAccess.Lease lease = access.open();
        try {
            Snapshots.Entry e = Snapshots.find(lease.repository(), snapshot);
            Dumper dumper = new Dumper(BlobLoader.of(lease.repository()));
            Selection sel = dumper.select(Id.parse(e.snapshot().tree()), path);
            Optional<ArchiveFormat> archive = archiveFormat(sel, format);
            Pair<SourceQueueWithComplete<ByteString>, Source<ByteString, org.apache.pekko.NotUsed>> q =
                    Source.<ByteString>queue(QUEUE_CHUNKS, OverflowStrategy.backpressure()).preMaterialize(system);
            QueueOutputStream out = new QueueOutputStream(q.first(), STALL_LIMIT);
            blocking.execute(() -> write(dumper, sel, archive, out, lease));
            String name = (sel.isRoot() ? "snapshot-" + e.id().shortHex() : sel.name())
                    + archive.map(a -> "." + a.extension()).orElse("");
            ResponseEntity entity = archive.isEmpty()
                    ? HttpEntities.create(ContentTypes.APPLICATION_OCTET_STREAM, sel.node().size(), q.second())
                    : HttpEntities.createChunked(contentType(archive.get()), q.second());
            return HttpResponse.create().withEntity(entity).addHeader(ContentDisposition.create(
                    ContentDispositionTypes.ATTACHMENT, Map.of("filename", name)));
        } catch (RuntimeException ex) {
            lease.close();
            throw ex;
        }
    }

    /** raw for files; tar or zip for directories; anything else is refused before streaming. */
    static Optional<ArchiveFormat> archiveFormat(Selection sel, Optional<String> format) {
        String f = format.filter(s -> !s.isBlank()).map(s -> s.trim().toLowerCase(Locale.ROOT))
                .orElse(sel.isDirectory() ? "tar" : "raw");
        if (!f.equals("raw") && !f.equals("tar") && !f.equals("zip")) {
            throw ApiException.badParameter("format", "must be tar, zip or raw, got \"" + format.get() + "\"");
        }
        if (sel.isDirectory()) {
            if (f.equals("raw")) {
                throw ApiException.badParameter("format", sel.path() + " is a directory: download it as tar or zip");
            }
            return Optional.of(ArchiveFormat.valueOf(f.toUpperCase(Locale.ROOT)));
        }
        if (!sel.isFile()) {
            throw ApiException.badParameter("path", sel.path() + " is a " + sel.kind()
                    + "; only files and directories can be downloaded");
        }
        if (!f.equals("raw")) {
            throw ApiException.badParameter("format", sel.path() + " is a file: download it as raw");
        }
        return Optional.empty();
    }

    private static ContentType contentType(ArchiveFormat f) {
        return f == ArchiveFormat.ZIP ? MediaTypes.APPLICATION_ZIP.toContentType()
                : MediaTypes.APPLICATION_X_TAR.toContentType();
    }

    private static void write(Dumper dumper, Selection sel, Optional<ArchiveFormat> archive, QueueOutputStream out,
            RepositoryAccess.Lease lease) {
        try (lease) {
            if (archive.isPresent()) {
                dumper.writeArchive(sel, archive.get(), out);
            } else {
                dumper.writeFile(sel, out);
            }
            out.close();
        } catch (IOException e) {
            LOG.info("download of {} stopped: {}", sel.path(), e.getMessage());
            out.fail(e);
        } catch (RuntimeException e) {
            LOG.warn("download of {} failed: {}", sel.path(), e.getMessage());
            out.fail(e);
        }
    }
}
