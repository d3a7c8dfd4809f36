package io.chronosguard.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chronosguard.engine.archiver.ArchiverListener;
import io.chronosguard.engine.archiver.BackupStats;
import io.chronosguard.engine.repo.format.ResticJson;
import java.io.PrintStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Shows a running backup: a status line on a terminal about once a second, or JSON status
 * lines with {@code --json}; errors and warnings on stderr as they happen (JSON lines with
 * {@code --json}). Reads the counters of {@link BackupStats}.
 */
final class BackupProgress implements ArchiverListener, AutoCloseable {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean json;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final Set<String> current = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService ticker;
    private BackupStats stats;

    BackupProgress(PrintStream out, PrintStream err, boolean json, boolean terminal) {
        this.out = out;
        this.err = err;
        this.json = json;
        this.terminal = terminal;
    }

    void start(BackupStats s) {
        this.stats = s;
        if (json || terminal) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::tick, 1, 1, TimeUnit.SECONDS);
        }
    }

    @Override
    public void fileStarted(String path, long size) {
        current.add(path);
    }

    @Override
    public void fileDone(String path, long size, Change change) {
        current.remove(path);
    }

    /**
     * Like restic 0.14 (whose JSON errors go to stderr as well), but with the reason in
     * {@code error.message}: stdout keeps only status lines and the summary.
     */
    @Override
    public void error(String path, String reason) {
        report("error", path, reason);
    }

    /** A file that changed while read: saved, but maybe not as one consistent version. */
    @Override
    public void warning(String path, String message) {
        report("warning", path, message);
    }

    private void report(String kind, String path, String message) {
        if (json) {
            ObjectNode o = ResticJson.mapper().createObjectNode();
            o.put("message_type", kind);
            o.putObject(kind).put("message", message);
            o.put("during", "archival");
            o.put("item", path);
            synchronized (err) {
                err.println(o);
            }
        } else {
            synchronized (err) {
                err.println((terminal ? "\r\033[K" : "") + kind + ": " + path + ": " + message);
            }
        }
    }

    private void tick() {
        BackupStats s = stats;
        if (s == null) {
            return;
        }
        double secs = (System.nanoTime() - started) / 1e9;
        long filesDone = s.filesTotal();
        long totalBytes = Math.max(s.bytesDiscovered.get(), 1);
        double pct = Math.min(1.0, (double) s.bytesProcessed.get() / totalBytes);
        if (json) {
            ObjectNode o = ResticJson.mapper().createObjectNode();
            o.put("message_type", "status");
            o.put("seconds_elapsed", (long) secs);
            o.put("percent_done", pct);
            o.put("total_files", s.filesDiscovered.get());
            o.put("files_done", filesDone);
            o.put("total_bytes", s.bytesDiscovered.get());
            o.put("bytes_done", s.bytesProcessed.get());
            o.put("error_count", s.errors().size());
            ArrayNode cur = o.putArray("current_files");
            current.stream().limit(4).forEach(cur::add);
            synchronized (out) {
                out.println(o);
            }
        } else {
            double rate = s.bytesRead.get() / Math.max(secs, 0.001);
            String eta = pct > 0 && pct < 1 && rate > 0
                    ? Units.duration((long) ((s.bytesDiscovered.get() - s.bytesProcessed.get()) / rate)) : "-";
            String cur = current.stream().findFirst().orElse("");
            err.printf("\r[%s] %5.1f%%  %d files %s of %d files %s  %s/s  ETA %s  %s\033[K",
                    Units.duration((long) secs), pct * 100, filesDone, Units.bytes(s.bytesProcessed.get()),
                    s.filesDiscovered.get(), Units.bytes(s.bytesDiscovered.get()), Units.bytes((long) rate), eta,
                    cur.length() > 60 ? "..." + cur.substring(cur.length() - 57) : cur);
            err.flush();
        }
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            if (terminal && !json) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
