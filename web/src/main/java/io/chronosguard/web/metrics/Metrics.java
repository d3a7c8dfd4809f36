package io.chronosguard.web.metrics;

import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.repo.Repository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The meters of one process and their Prometheus text. Finished jobs are recorded with
 * {@link #jobEnded}; everything else is read when scraped: busy workers and queue length from
 * suppliers, repository size from the index (at most once a minute), last success per source
 * from the catalog (at most every 30 s). No label holds a secret: sources are backup paths.
 */
public final class Metrics implements AutoCloseable {
    /** What the {@code Accept} of a Prometheus scraper asks for first; we answer in this format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private static final Logger LOG = LoggerFactory.getLogger(Metrics.class);
    private static final Duration INDEX_EVERY = Duration.ofMinutes(1);
    private static final Duration CATALOG_EVERY = Duration.ofSeconds(30);
    /** Long ago, yet far enough from Long.MIN_VALUE that {@code now - NEVER} does not overflow. */
    private static final long NEVER = Long.MIN_VALUE / 4;

    /** A finished job, as a metric sees it. */
    public record JobResult(String outcome, long files, long bytes, long bytesAdded, Duration duration, long errors) {
    }

    private record RepoSize(long storedBytes, long blobs, long packs) {
    }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Clock clock;
    private final Supplier<Catalog> catalogOpener;
    private final Repository repository;
    private final MultiGauge lastSuccess;
    private Catalog catalog;
    private long catalogReadAt = NEVER;
    private boolean catalogWarned;
    private RepoSize repoSize = new RepoSize(0, 0, 0);
    private long indexReadAt = NEVER;
    private volatile Map<String, Double> lastSuccessBySource = Map.of();

    /**
     * @param busyWorkers   workers running a task now (the cluster's, on a node)
     * @param queueLength   directory tasks waiting for a worker
     * @param catalog       opens the history catalog, for the last success per source (opened once, on first scrape)
     */
    public Metrics(Repository repository, Supplier<Catalog> catalog, IntSupplier busyWorkers, LongSupplier queueLength,
            Clock clock) {
        this.repository = repository;
        this.catalogOpener = catalog;
        this.clock = clock;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        Gauge.builder("chronosguard.workers.busy", busyWorkers::getAsInt)
                .description("Directory workers running a task now").register(registry);
        Gauge.builder("chronosguard.queue.length", queueLength::getAsLong)
                .description("Directory tasks waiting for a worker").register(registry);
        Gauge.builder("chronosguard.repository.stored", this, m -> m.repoSize().storedBytes()).baseUnit("bytes")
                .description("Bytes of blobs in the repository index (compressed, encrypted)").register(registry);
        Gauge.builder("chronosguard.repository.blobs", this, m -> m.repoSize().blobs())
                .description("Blobs in the repository index").register(registry);
        Gauge.builder("chronosguard.repository.packs", this, m -> m.repoSize().packs())
                .description("Pack files in the repository index").register(registry);
        lastSuccess = MultiGauge.builder("chronosguard.last.success.timestamp").baseUnit("seconds")
                .description("When the last successful backup of a source (its paths) started, Unix time")
                .register(registry);
        for (String outcome : List.of("succeeded", "failed", "stopped")) {
            jobs(outcome); // present from the start, so rate() over a first failure works
        }
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Counts a finished job and its figures. */
    public void jobEnded(JobResult r) {
        jobs(r.outcome()).increment();
        Counter.builder("chronosguard.files.processed").description("Files read by backup jobs")
                .register(registry).increment(r.files());
        Counter.builder("chronosguard.processed").baseUnit("bytes").description("Bytes of file content read")
                .register(registry).increment(r.bytes());
        Counter.builder("chronosguard.added").baseUnit("bytes").description("Bytes added to the repository")
                .register(registry).increment(r.bytesAdded());
        Counter.builder("chronosguard.errors").description("Files or folders that could not be read")
                .register(registry).increment(r.errors());
        Timer.builder("chronosguard.job.duration").description("How long backup jobs took")
                .tags(Tags.of("outcome", r.outcome())).register(registry).record(r.duration());
    }

    private Counter jobs(String outcome) {
        return Counter.builder("chronosguard.jobs").description("Backup jobs finished, by outcome")
                .tags(Tags.of("outcome", outcome)).register(registry);
    }

    /** The text a scraper reads (format 0.0.4), with catalog-fed values refreshed first. */
    public synchronized String scrape() {
        refreshLastSuccess();
        return registry.scrape(CONTENT_TYPE);
    }

    private synchronized RepoSize repoSize() {
        long now = clock.millis();
        if (now - indexReadAt >= INDEX_EVERY.toMillis()) {
            indexReadAt = now;
            long bytes = 0;
            List<PackedBlob> all = repository.index().all();
            for (PackedBlob b : all) {
                bytes += b.length();
            }
            repoSize = new RepoSize(bytes, all.size(), repository.index().packs().size());
        }
        return repoSize;
    }

    private void refreshLastSuccess() {
        long now = clock.millis();
        if (now - catalogReadAt < CATALOG_EVERY.toMillis()) {
            return;
        }
        catalogReadAt = now;
        try {
            if (catalog == null) {
                catalog = catalogOpener.get();
            }
            Map<String, Double> bySource = new LinkedHashMap<>();
            // newest first: the first run seen of a source is its last success
            for (RunRecord r : catalog.history(new HistoryQuery(null, Outcome.SUCCESS.wire(), null, 1000))) {
                bySource.putIfAbsent(String.join(",", r.paths()), r.startedAt().toEpochMilli() / 1000.0);
            }
            lastSuccessBySource = bySource;
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            // through this object: a gauge holds its value only weakly, and a boxed Double would be collected
            bySource.keySet().forEach(source -> rows.add(MultiGauge.Row.of(Tags.of("source", source), this,
                    m -> m.lastSuccessBySource.getOrDefault(source, Double.NaN))));
            lastSuccess.register(rows, true);
        } catch (RuntimeException e) {
            if (!catalogWarned) {
                catalogWarned = true;
                LOG.warn("/metrics has no last-success times: the history catalog cannot be read: {}", e.getMessage());
            }
        }
    }

    @Override
    public synchronized void close() {
        gc.close();
        registry.close();
        if (catalog != null) {
            catalog.close();
            catalog = null;
        }
    }

}
