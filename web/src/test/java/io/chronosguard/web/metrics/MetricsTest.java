package io.chronosguard.web.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunFinish;
import io.chronosguard.engine.catalog.RunStart;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {
    @TempDir
    Path dir;
    private Repository repo;
    private String catalogUrl;

    @BeforeEach
    void open() {
        repo = RepositoryInit.forThisHost().init(new LocalBackend(dir.resolve("repo")), "pw".toCharArray(), 2,
                new KdfParams(1024, 8, 1));
        catalogUrl = Catalog.defaultUrl(dir.resolve("state"));
    }

    @AfterEach
    void close() {
        repo.close();
    }

    @Test
    void scrape_jobEnded_countedByOutcomeWithFiguresAndDuration() {
        try (Metrics m = new Metrics(repo, () -> Catalog.open(catalogUrl), () -> 3, () -> 7, Clock.systemUTC())) {
            m.jobEnded(new Metrics.JobResult("failed", 10, 2048, 1024, Duration.ofSeconds(4), 2));
            m.jobEnded(new Metrics.JobResult("succeeded", 5, 100, 0, Duration.ofSeconds(1), 0));

            String text = m.scrape();

            assertTrue(text.contains("chronosguard_jobs_total{outcome=\"failed\"} 1.0"), text);
            assertTrue(text.contains("chronosguard_jobs_total{outcome=\"succeeded\"} 1.0"), text);
            assertTrue(text.contains("chronosguard_jobs_total{outcome=\"stopped\"} 0.0"), text);
            assertTrue(text.contains("chronosguard_files_processed_total 15.0"), text);
            assertTrue(text.contains("chronosguard_processed_bytes_total 2148.0"), text);
            assertTrue(text.contains("chronosguard_added_bytes_total 1024.0"), text);
            assertTrue(text.contains("chronosguard_errors_total 2.0"), text);
            assertTrue(text.contains("chronosguard_job_duration_seconds_sum{outcome=\"failed\"} 4.0"), text);
            assertTrue(text.contains("chronosguard_workers_busy 3.0"), text);
            assertTrue(text.contains("chronosguard_queue_length 7.0"), text);
        }
    }

    @Test
    void scrape_successesInCatalog_newestPerSource() {
        Instant t1 = Instant.parse("2026-03-10T01:00:00Z");
        Instant t2 = Instant.parse("2026-03-10T02:00:00Z");
        try (Catalog c = Catalog.open(catalogUrl)) {
            success(c, t1, List.of("/srv", "/home"));
            success(c, t2, List.of("/srv", "/home"));
            success(c, t1, List.of("/etc"));
            long failed = c.startRun(new RunStart(t2.plusSeconds(60), false, "h", List.of("/var"), List.of(),
                    List.of()));
            c.finishRun(failed, new RunFinish(t2.plusSeconds(61), Outcome.FAILED, 0, 0, 0, 0, 0, 1, null, 0, List.of()));
        }
        try (Metrics m = new Metrics(repo, () -> Catalog.open(catalogUrl), () -> 0, () -> 0, Clock.systemUTC())) {
            String text = m.scrape();

            assertTrue(text.contains("chronosguard_last_success_timestamp_seconds{source=\"/srv,/home\"} "
                    + (double) t2.getEpochSecond()), text);
            assertTrue(text.contains("chronosguard_last_success_timestamp_seconds{source=\"/etc\"} "
                    + (double) t1.getEpochSecond()), text);
            assertFalse(text.contains("source=\"/var\""), text);
        }
    }

    @Test
    void scrape_catalogCannotOpen_otherMetricsStillThere() {
        try (Metrics m = new Metrics(repo, () -> {
            throw new IllegalStateException("no catalog");
        }, () -> 0, () -> 0, Clock.systemUTC())) {
            String text = m.scrape();

            assertTrue(text.contains("chronosguard_repository_packs 0.0"), text);
            assertFalse(text.contains("chronosguard_last_success_timestamp_seconds{"), text);
        }
    }

    private static void success(Catalog c, Instant at, List<String> paths) {
        long id = c.startRun(new RunStart(at, false, "h", paths, List.of(), List.of()));
        c.finishRun(id, new RunFinish(at.plusSeconds(10), Outcome.SUCCESS, 1, 0, 0, 1, 1, 10, "abcd", 0, List.of()));
    }
}
