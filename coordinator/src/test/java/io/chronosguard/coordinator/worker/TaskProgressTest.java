package io.chronosguard.coordinator.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.coordinator.protocol.WorkerReport;
import io.chronosguard.engine.archiver.ArchiverListener;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TaskProgressTest {
    @Test
    void report_countsFileAndTaskProgress() {
        TaskProgress p = new TaskProgress("j", "/srv");
        p.discovered(2, 300);
        p.fileStarted("/srv/a", 200);
        p.bytesRead("/srv/a", 150);
        p.blobSaved(true, true, 100, 60);
        p.blobSaved(true, false, 50, 50);
        WorkerReport r = p.report("worker-0");
        assertEquals(WorkerReport.WORKING, r.state());
        assertEquals("/srv/a", r.currentFile());
        assertEquals(List.of(150L, 200L, 150L, 2L, 300L, 100L, 50L), List.of(r.fileBytesDone(), r.fileBytesTotal(),
                r.bytesDone(), r.filesDiscovered(), r.bytesDiscovered(), r.bytesNew(), r.bytesDeduplicated()));
        p.fileDone("/srv/a", 200, ArchiverListener.Change.NEW);
        p.fileDone("/srv/b", 100, ArchiverListener.Change.UNMODIFIED);
        r = p.report("worker-0");
        assertNull(r.currentFile());
        assertEquals(2, r.filesDone());
        assertEquals(250, r.bytesDone(), "an unmodified file counts as done without being read");
    }

    @Test
    void bytesRead_paused_waitsUntilResumed() throws Exception {
        TaskProgress p = new TaskProgress("j", "/srv");
        p.fileStarted("/srv/a", 1000);
        p.pause(true);
        AtomicLong chunks = new AtomicLong();
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            p.bytesRead("/srv/a", 10);
            chunks.incrementAndGet();
        });
        Thread.sleep(300);
        assertEquals(0, chunks.get(), "a paused task must not get past its chunk");
        assertEquals(WorkerReport.PAUSED, p.report("w").state());
        assertEquals(0.0, p.report("w").fileRate(), "a paused worker reads at 0 B/s");
        p.pause(false);
        reader.get(5, TimeUnit.SECONDS);
        assertEquals(1, chunks.get());
    }

    @Test
    void bytesRead_cancelledWhilePaused_throws() {
        TaskProgress p = new TaskProgress("j", "/srv");
        p.pause(true);
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> p.bytesRead("/srv/a", 10));
        p.cancel();
        Exception e = assertThrows(Exception.class, () -> reader.get(5, TimeUnit.SECONDS));
        assertTrue(e.getCause() instanceof CancellationException, e.toString());
        assertThrows(CancellationException.class, () -> p.fileStarted("/srv/b", 1));
    }
}
