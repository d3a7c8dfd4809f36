package io.chronosguard.coordinator.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.coordinator.protocol.TaskSpec;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.ClusterRunFinish;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunStart;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link JobHistory#recover} and the checkpoint's life: written per task, found by the next coordinator, deleted at the end. */
class JobHistoryRecoverTest {
    static final Instant T0 = JobHistoryTest.T0;
    static final String DEAD = "pekko://chronosguard@127.0.0.1:1";
    static final String SELF = JobHistoryTest.COORD;
    static final String REPO = "repo-id";

    @TempDir
    Path dir;

    String url() {
        return Catalog.defaultUrl(dir.resolve("state"));
    }

    static Job.Finished finished(long seq, String path) {
        return new Job.Finished(seq, new TaskSpec(path, null, null, null, seq == 0), "n1",
                JobResumeTest.outcomeFor(path));
    }

    @Test
    void recover_staleRunWithCheckpoint_staysRunningAndIsReturnedWithItsTasksInOrder() throws Exception {
        long resumable;
        long tooOld;
        long noCheckpoint;
        long live;
        try (Catalog c = Catalog.open(url())) {
            resumable = c.startRun(new RunStart(T0, false, "h", List.of("/srv/data"), List.of(), List.of(DEAD)));
            tooOld = c.startRun(new RunStart(T0.minus(Duration.ofDays(2)), false, "h", List.of("/b"), List.of(),
                    List.of(DEAD)));
            noCheckpoint = c.startRun(new RunStart(T0, false, "h", List.of("/c"), List.of(), List.of(DEAD)));
            live = c.startRun(new RunStart(T0, false, "h", List.of("/d"), List.of(), List.of("pekko://x@h:2")));
            c.startCheckpoint(tooOld, "job-old", REPO, null);
            c.startCheckpoint(live, "job-live", REPO, null);
        }
        JobHistory writer = new JobHistory(() -> Catalog.open(url()));
        writer.checkpointStarted(JobHistory.Run.of(resumable), "job-1", REPO, "parent");
        writer.checkpoint(JobHistory.Run.of(resumable), List.of(finished(0, "/srv/data"), finished(1, "/srv/data/a")));
        writer.close();

        JobHistory h = new JobHistory(() -> Catalog.open(url()));
        List<JobHistory.Resumable> found = h.recover(SELF, Set.of(SELF, "pekko://x@h:2"), T0.plusSeconds(60), REPO,
                Duration.ofHours(24)).get(10, TimeUnit.SECONDS);
        assertEquals(1, found.size(), found.toString());
        JobHistory.Resumable r = found.get(0);
        assertEquals(resumable, r.checkpoint().run().id());
        assertEquals("job-1", r.checkpoint().jobId());
        assertEquals("parent", r.checkpoint().parentSnapshot());
        assertEquals(List.of("/srv/data", "/srv/data/a"), r.tasks().stream().map(t -> t.path()).toList());

        // the job ends: counts recorded, checkpoint gone
        h.finished(JobHistory.Run.of(resumable), new ClusterRunFinish(T0.plusSeconds(90), Outcome.SUCCESS, 4, 4, 4,
                90, "snap", List.of("n1"), 0, List.of(), List.of()), 2, 2);
        h.close();
        try (Catalog c = Catalog.open(url())) {
            assertEquals("running", c.run(live).orElseThrow().outcome(), "its coordinator is still a member");
            assertEquals(1, c.checkpoints(REPO).size(), "only the live job's checkpoint is left");
            assertEquals(live, c.checkpoints(REPO).get(0).run().id());
            assertEquals("unknown", c.run(tooOld).orElseThrow().outcome(), "older than the limit: not resumed");
            assertEquals("unknown", c.run(noCheckpoint).orElseThrow().outcome());
            assertEquals("success", c.run(resumable).orElseThrow().outcome());
            assertEquals(List.of(2L, 2L), List.of(c.taskCounts(resumable)));
            assertTrue(c.checkpointTasks(resumable).isEmpty());
        }
    }

    @Test
    void recover_catalogCannotBeOpened_completesWithNothing() throws Exception {
        JobHistory h = new JobHistory(() -> {
            throw new IllegalStateException("catalog down");
        });
        assertEquals(List.of(), h.recover(SELF, Set.of(SELF), T0, REPO, Duration.ofHours(1)).get(10,
                TimeUnit.SECONDS));
        h.close();
    }
}
