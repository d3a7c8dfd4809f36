package io.chronosguard.coordinator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.config.DiskThreshold;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.engine.alert.Alert;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertRulesTest {
    private static final Instant START = Instant.parse("2026-03-10T14:00:00Z");

    private final AlertRules rules = new AlertRules(Optional.of(Duration.ofHours(1)),
            Optional.of(DiskThreshold.ofPercent(10)), "pekko://chronosguard@127.0.0.1:2551", START);

    private static JobProgressView.Job job(String id, String state, long startedMillis, long endedMillis, String error) {
        return new JobProgressView.Job(id, state, List.of("/srv", "/home"), startedMillis, endedMillis, null, List.of(),
                3, 1, 5, 10, 1000, 500, 500, 2, 0, null, error);
    }

    @Test
    void onJob_failedAfterWatchStarted_oneJobFailedAlertNamingTheError() {
        JobProgressView.Job failed = job("j1", "failed", START.toEpochMilli(), START.plusSeconds(30).toEpochMilli(),
                "cannot write pack: disk full");

        List<Alert> first = rules.onJob(failed, START.plusSeconds(31));
        List<Alert> again = rules.onJob(failed, START.plusSeconds(33));

        assertEquals(1, first.size());
        assertEquals(Alert.Kind.JOB_FAILED, first.get(0).kind());
        assertEquals("backup of /srv /home failed: cannot write pack: disk full", first.get(0).subject());
        assertEquals("j1", first.get(0).job());
        assertEquals(List.of(), again);
    }

    @Test
    void onJob_failedBeforeWatchStarted_nothing() {
        JobProgressView.Job old = job("j0", "failed", START.minusSeconds(60).toEpochMilli(),
                START.minusSeconds(5).toEpochMilli(), "x");

        assertEquals(List.of(), rules.onJob(old, START.plusSeconds(1)));
    }

    @Test
    void onJob_succeeded_nothing() {
        assertEquals(List.of(), rules.onJob(job("j2", "succeeded", START.toEpochMilli(),
                START.plusSeconds(5).toEpochMilli(), null), START.plusSeconds(6)));
    }

    @Test
    void onJob_runningPastMaxDuration_oneJobTooLongAlert() {
        JobProgressView.Job running = job("j3", "running", START.toEpochMilli(), 0, null);

        assertEquals(List.of(), rules.onJob(running, START.plus(Duration.ofMinutes(59))));
        List<Alert> late = rules.onJob(running, START.plus(Duration.ofMinutes(61)));
        List<Alert> later = rules.onJob(running, START.plus(Duration.ofMinutes(90)));

        assertEquals(1, late.size());
        assertEquals(Alert.Kind.JOB_TOO_LONG, late.get(0).kind());
        assertEquals("backup of /srv /home running for more than 1h", late.get(0).subject());
        assertTrue(late.get(0).details().contains("1h1m"), late.get(0).details());
        assertEquals(List.of(), later);
    }

    @Test
    void onDisk_belowThreshold_lowDisk() {
        Optional<Alert> low = rules.onDisk("/srv/repo", 50, 1000, START);

        assertEquals(Alert.Kind.LOW_DISK, low.orElseThrow().kind());
        assertTrue(low.get().subject().contains("/srv/repo"), low.get().subject());
        assertTrue(low.get().details().contains("5.0%"), low.get().details());
        assertEquals(Optional.empty(), rules.onDisk("/srv/repo", 200, 1000, START));
    }

    @Test
    void nodeLeft_namesTheMember() {
        Alert a = rules.nodeLeft("pekko://chronosguard@127.0.0.1:2552", "is unreachable", START);

        assertEquals(Alert.Kind.NODE_LEFT, a.kind());
        assertEquals("node pekko://chronosguard@127.0.0.1:2552 is unreachable", a.subject());
    }
}
