package io.chronosguard.coordinator.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.engine.catalog.CheckpointTask;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.TreeCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Job#replay}: a job rebuilt from its checkpoint queues only what was not finished. */
class JobResumeTest {
    final JobTest fixtures = new JobTest();

    /** Runs {@code j}'s queued tasks: the target has subdirs a and b; a has c; every dir one file. */
    static TaskOutcome outcomeFor(String path) {
        return switch (path) {
            case "/srv/data" -> JobTest.outcome(JobTest.dir("data"), List.of(JobTest.file("top")),
                    List.of(JobTest.dir("a"), JobTest.dir("b")));
            case "/srv/data/a" -> JobTest.outcome(null, List.of(JobTest.file("fa")), List.of(JobTest.dir("c")));
            default -> JobTest.outcome(null, List.of(JobTest.file("f" + path.charAt(path.length() - 1))), List.of());
        };
    }

    /** Takes and completes tasks until {@code count} are done; returns the checkpoint rows written. */
    static List<CheckpointTask> run(Job j, int count) {
        List<CheckpointTask> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Job.Task t = j.take(JobTest.caps("n1", "/"), JobTest.T0, JobTest.LEASE).orElseThrow();
            assertEquals(Job.Accepted.YES, j.complete(t.id, t.attempt, "n1", outcomeFor(t.spec.path())));
        }
        j.drainCheckpoint().forEach(f -> rows.add(Checkpoints.encode(f)));
        return rows;
    }

    Job fresh(List<Object> saved) {
        return new Job("j", List.of("/srv/data"), "host", List.of(), JobTest.T0, Optional.empty(), Map.of(), t -> {
            saved.add(t);
            return TreeCodec.id(TreeCodec.serialize(t));
        });
    }

    @Test
    void replay_checkpointOfTwoFinishedTasks_queuesOnlyTheRestAndBuildsTheSameRoot() {
        List<Object> trees = new ArrayList<>();
        Job whole = fresh(trees);
        run(whole, 4);
        assertTrue(whole.treesComplete());
        Id expected = whole.buildRoot();

        Job interrupted = fresh(new ArrayList<>());
        List<CheckpointTask> rows = run(interrupted, 2); // the target and /srv/data/a: b and c remain
        assertEquals(List.of("/srv/data", "/srv/data/a"), rows.stream().map(CheckpointTask::path).toList());

        Job resumed = fresh(new ArrayList<>());
        assertEquals(2, resumed.replay(rows));
        assertEquals(2, resumed.view().tasksQueued(), "only b and c are queued again");
        assertEquals(List.of("reused", "reused"), resumed.drainDirectories().stream()
                .map(io.chronosguard.engine.catalog.DirectoryResult::status).toList());
        assertEquals(0, resumed.tasksRun());
        assertFalse(resumed.treesComplete());
        List<CheckpointTask> after = run(resumed, 2);
        assertEquals(List.of(2L, 3L), after.stream().map(CheckpointTask::seq).toList(),
                "new rows continue the checkpoint's sequence");
        assertTrue(resumed.treesComplete());
        assertEquals(expected, resumed.buildRoot(), "the same trees as an uninterrupted run");
        assertEquals(2, resumed.reusedTasks());
        assertEquals(2, resumed.tasksRun());
        resumed.succeed("snap", 0, JobTest.T0.plusSeconds(1));
        assertEquals(4, resumed.summary.files(), "the reused tasks' files count too");
    }

    @Test
    void replay_rowForATaskTheJobDoesNotHave_isSkippedAndRunAgain() {
        Job interrupted = fresh(new ArrayList<>());
        List<CheckpointTask> rows = new ArrayList<>(run(interrupted, 2));
        // the target's row is lost: nothing below it can be matched either
        rows.remove(0);
        Job resumed = fresh(new ArrayList<>());
        assertEquals(0, resumed.replay(rows));
        assertEquals(1, resumed.view().tasksQueued());
    }

    @Test
    void checkpointRow_roundTrip_keepsTheOutcomeByteForByte() {
        TaskOutcome o = outcomeFor("/srv/data");
        CheckpointTask row = Checkpoints.encode(new Job.Finished(7, new io.chronosguard.coordinator.protocol.TaskSpec(
                "/srv/data", null, "a", "m", true), "n1", o));
        assertEquals("a", row.from());
        assertEquals("m", row.to());
        TaskOutcome back = Checkpoints.outcome(row);
        assertTrue(java.util.Arrays.equals(o.leaves(), back.leaves()));
        assertTrue(java.util.Arrays.equals(o.self(), back.self()));
        assertEquals(o.subdirs().size(), back.subdirs().size());
        assertTrue(java.util.Arrays.equals(o.subdirs().get(1).node(), back.subdirs().get(1).node()));
        assertEquals(o.files(), back.files());
        assertEquals(o.dataAdded(), back.dataAdded());
    }
}
