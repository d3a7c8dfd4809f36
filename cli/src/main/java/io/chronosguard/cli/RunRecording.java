package io.chronosguard.cli;

import io.chronosguard.engine.archiver.ArchiverListener;
import io.chronosguard.engine.archiver.BackupStats;
import io.chronosguard.engine.archiver.BackupSummary;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunFinish;
import io.chronosguard.engine.catalog.RunStart;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Records one CLI backup in the catalog: a row when it starts, completed when it ends with
 * its outcome, counts and errors (also for dry runs, failures and Ctrl-C). The catalog is a
 * by-product: when it cannot be opened or written, this warns once on stderr and records
 * nothing more, and the backup carries on. Listens for per-path errors while the backup runs.
 */
final class RunRecording implements ArchiverListener, AutoCloseable {
    private final PrintStream err;
    private final Clock clock;
    private final Instant started;
    private final List<RunError> errors = Collections.synchronizedList(new ArrayList<>());
    private final Thread onInterrupt = new Thread(this::cancelled, "record-cancelled-run");
    private CompletableFuture<Void> opened;
    private volatile Catalog catalog;
    private volatile long runId;
    private volatile BackupStats stats;
    private boolean finished;
    private final AtomicBoolean warned = new AtomicBoolean();

    private RunRecording(PrintStream err, Clock clock) {
        this.err = err;
        this.clock = clock;
        this.started = clock.instant();
    }

    /**
     * Opens the catalog and records the start on a thread of its own, so that the backup does
     * not wait for the database (opening it costs a JVM a good part of a second); never throws.
     * Whatever records the end waits for this first.
     */
    static RunRecording start(CliContext ctx, Clock clock, boolean dryRun, String host, List<String> paths,
            List<String> tags) {
        RunRecording rec = new RunRecording(ctx.err(), clock);
        rec.opened = CompletableFuture.runAsync(() -> {
            try {
                Catalog c = ctx.openCatalog();
                rec.runId = c.startRun(new RunStart(rec.started, dryRun, host, paths, tags, List.of()));
                rec.catalog = c;
                Runtime.getRuntime().addShutdownHook(rec.onInterrupt);
            } catch (RuntimeException e) {
                rec.warn(e);
            }
        }, runnable -> {
            Thread t = new Thread(runnable, "catalog-open");
            t.setDaemon(true);
            t.start();
        });
        return rec;
    }

    /** Waits until the catalog is open and the start recorded (or either failed). */
    void awaitOpen() {
        opened.join();
    }

    /** The counters the failure and cancel records read. */
    void watch(BackupStats s) {
        stats = s;
    }

    @Override
    public void error(String path, String reason) {
        errors.add(new RunError(path, reason));
    }

    /** The backup completed: success, or partial when some paths could not be saved. */
    synchronized void completed(BackupSummary sum, boolean dryRun) {
        record(new RunFinish(clock.instant(), sum.incomplete() ? Outcome.PARTIAL : Outcome.SUCCESS, sum.filesNew(),
                sum.filesChanged(), sum.filesUnmodified(), sum.totalBytesProcessed(), sum.dataAdded(),
                sum.duration().toMillis() / 1000.0, dryRun || sum.snapshotId() == null ? null : sum.snapshotId().hex(),
                0, snapshotErrors()));
    }

    /** The backup stopped with {@code failure}; what it did so far is recorded with it. */
    synchronized void failed(Throwable failure) {
        List<RunError> all = snapshotErrors();
        all.add(new RunError(null, failure.getMessage() == null ? failure.toString() : failure.getMessage()));
        record(sofar(Outcome.FAILED, all));
    }

    /** Ctrl-C (the JVM is shutting down) before the backup ended. */
    synchronized void cancelled() {
        record(sofar(Outcome.CANCELLED, snapshotErrors()));
    }

    private RunFinish sofar(Outcome outcome, List<RunError> all) {
        Instant now = clock.instant();
        double seconds = Duration.between(started, now).toMillis() / 1000.0;
        BackupStats s = stats;
        if (s == null) {
            return new RunFinish(now, outcome, 0, 0, 0, 0, 0, seconds, null, 0, all);
        }
        return new RunFinish(now, outcome, s.filesNew.get(), s.filesChanged.get(), s.filesUnmodified.get(),
                s.bytesProcessed.get(), s.dataAdded.get(), seconds, null, 0, all);
    }

    private List<RunError> snapshotErrors() {
        synchronized (errors) {
            return new ArrayList<>(errors);
        }
    }

    private void record(RunFinish finish) {
        awaitOpen();
        if (catalog == null || finished) {
            return;
        }
        finished = true;
        try {
            catalog.finishRun(runId, finish);
        } catch (RuntimeException e) {
            warn(e);
        }
    }

    private void warn(RuntimeException e) {
        if (warned.compareAndSet(false, true)) {
            err.println("chronosguard: warning: this run is not recorded in the history catalog: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        awaitOpen();
        if (catalog == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(onInterrupt);
        } catch (IllegalStateException shuttingDown) {
            return; // the hook is recording the cancellation and needs the catalog open
        }
        catalog.close();
    }
}
