package io.chronosguard.web.routes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueueOutputStreamTest {
    static ActorSystem<Void> system;

    @BeforeAll
    static void start() {
        system = ActorSystem.create(Behaviors.empty(), "queue-test");
    }

    @AfterAll
    static void stop() {
        system.terminate();
    }

    static Pair<SourceQueueWithComplete<ByteString>, Source<ByteString, NotUsed>> queue() {
        return Source.<ByteString>queue(Downloads.QUEUE_CHUNKS, OverflowStrategy.backpressure()).preMaterialize(system);
    }

    /** A download is never held whole: with nobody reading, the writer stops after a few chunks. */
    @Test
    void write_nobodyReading_blocksAfterAFewChunks_thenDeliversEveryByte() throws Exception {
        var q = queue();
        QueueOutputStream out = new QueueOutputStream(q.first(), Duration.ofSeconds(30));
        byte[] data = new byte[16 << 20];
        new Random(3).nextBytes(data);
        AtomicLong written = new AtomicLong();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int off = 0; off < data.length; off += 8192) {
                    out.write(data, off, 8192);
                    written.addAndGet(8192);
                }
                out.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        // Asserting that something does not happen needs a pause: the writer would finish
        // 16 MiB of memory copies in far less time than this if nothing held it back.
        Thread.sleep(500);
        // The queue's chunks, the pre-materialised source's input buffer (16), the one being offered.
        long limit = (Downloads.QUEUE_CHUNKS + 16L + 2) * QueueOutputStream.CHUNK;
        assertTrue(written.get() <= limit, "the writer got " + written.get() + " bytes ahead, limit " + limit);

        ByteString all = q.second().runWith(Sink.fold(ByteString.emptyByteString(), ByteString::concat), system)
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
        writer.get(30, TimeUnit.SECONDS);
        assertArrayEquals(data, all.toArray());
    }

    @Test
    void fail_abortsTheStreamForTheReader() throws Exception {
        var q = queue();
        QueueOutputStream out = new QueueOutputStream(q.first(), Duration.ofSeconds(30));
        out.write(new byte[1000]);
        out.flush();
        out.fail(new IOException("pack 1234 is damaged"));
        ExecutionException e = assertThrows(ExecutionException.class, () -> q.second().runWith(Sink.ignore(), system)
                .toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals("pack 1234 is damaged", e.getCause().getMessage());
    }

    @Test
    void write_afterTheClientWentAway_throwsIOException() throws Exception {
        var q = queue();
        QueueOutputStream out = new QueueOutputStream(q.first(), Duration.ofSeconds(30));
        CompletableFuture<?> reader = q.second().take(1).runWith(Sink.ignore(), system).toCompletableFuture();
        IOException e = assertThrows(IOException.class, () -> {
            for (int i = 0; i < 1000; i++) {
                out.write(new byte[QueueOutputStream.CHUNK]);
            }
        });
        assertTrue(e.getMessage().contains("went away") || e.getMessage().contains("cancelled"), e.getMessage());
        reader.get(30, TimeUnit.SECONDS);
    }
}
