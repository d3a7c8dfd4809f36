package io.chronosguard.coordinator.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.chronosguard.coordinator.cluster.NodeServices;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.catalog.CheckpointTask;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import io.chronosguard.engine.repo.Snapshots;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFinisherTest {
    @TempDir
    Path dir;
    Repository repo;
    JobFinisher finisher;

    @BeforeEach
    void setUp() {
        repo = new RepositoryInit(new SecureRandom(), Clock.systemUTC(), Host.current()).init(
                new LocalBackend(dir.resolve("repo")), "pw".toCharArray(), 2, new KdfParams(1024, 8, 1));
        NodeServices.Tuning t = NodeServices.Tuning.defaults();
        NodeServices node = new NodeServices(repo, new BlobSaver(repo, new IndexSaver(repo), t.packSize(),
                t.compression()), Runnable::run, Runnable::run, JobTest.caps("n1", "/"), Clock.systemUTC(), t, null);
        finisher = new JobFinisher(node);
    }

    Job job() {
        JobFinisher.TreeSink sink = finisher.treeSink();
        Job j = new Job("j", List.of("/srv/data"), "host", List.of(), JobTest.T0, Optional.empty(), Map.of(),
                sink::save);
        j.treeSink = sink;
        return j;
    }

    // Regression guard: a coordinator that dies after writing the snapshot but before recording
    // it leaves the run resumable; the resumed job must not write the same snapshot twice.
    @Test
    void finish_resumedJobWhoseSnapshotTheDeadCoordinatorWrote_reportsThatOneAndWritesNoSecond() {
        Job interrupted = job();
        List<CheckpointTask> rows = JobResumeTest.run(interrupted, 4);
        JobFinisher.Result first = finisher.finish(interrupted);

        Job resumed = job();
        resumed.replay(rows);
        resumed.resumed = "resuming run 1: 4 of 4 directories already stored";
        assertEquals(first.snapshotId(), finisher.finish(resumed).snapshotId());
        assertEquals(1, Snapshots.all(repo).size());

        Job fresh = job(); // a new job of the same, unchanged data gets a snapshot of its own
        JobResumeTest.run(fresh, 4);
        assertNotEquals(first.snapshotId(), finisher.finish(fresh).snapshotId());
        assertEquals(2, Snapshots.all(repo).size());
    }
}
