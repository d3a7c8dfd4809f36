package io.chronosguard.web.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.coordinator.progress.ClusterProgress;
import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.protocol.NodeProgress;
import io.chronosguard.coordinator.protocol.NodeStatus;
import io.chronosguard.coordinator.protocol.WorkerReport;
import io.chronosguard.web.dto.ProgressUpdate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterProgressSourceTest {
    static final String A = "pekko://chronosguard@127.0.0.1:2551";
    static final String B = "pekko://chronosguard@127.0.0.1:2552";

    static ClusterProgress progress(String jobState) {
        Capabilities caps = new Capabilities(A, List.of("/srv"), "/repo", true, 4, 1, 2,
                List.of(Capabilities.BACKUP_PARALLEL));
        WorkerReport working = new WorkerReport("worker-0", "j", WorkerReport.WORKING, "/srv/a", "/srv/a/x.bin", 10,
                100, 50.0, 40.0, 1, 10, 3, 300, 8, 2, 0);
        NodeProgress np = new NodeProgress(new NodeStatus(caps, 60, 1, 2, List.of("/srv/a"), 0.5), 1000,
                List.of(working, WorkerReport.idle("worker-1")));
        JobProgressView.Job view = new JobProgressView.Job("j", jobState, List.of("/srv"), 1, 0, "/srv/b",
                List.of("/srv/c"), 1, 1, 2, 5, 500, 400, 100, 0, 1, null, null);
        ClusterProgress.Job job = new ClusterProgress.Job(view, 6, 8, 510, 800, 408, 102, 0, 1024.0, 7L);
        return new ClusterProgress(3, 1_700_000_000_000L, job,
                np.workers().stream().map(w -> new ClusterProgress.Worker(A, w)).toList(),
                List.of(new ClusterProgress.Node(A, "up", np), new ClusterProgress.Node(B, "unreachable", null)),
                List.of(new JobProgressView.Event(1_700_000_000_000L, "job-started", "job j started")),
                List.of(), List.of("line"));
    }

    @Test
    void map_runningJob_workersNodesAndJobAsTheDashboardShowsThem() {
        ProgressUpdate u = ClusterProgressSource.map(progress("running"), A);
        assertEquals(3, u.seq());
        assertEquals("running", u.state());
        assertEquals("127.0.0.1:2551", u.node().name());
        assertEquals(1000, u.node().freeDiskBytes());
        assertTrue(u.node().capabilities().containsAll(List.of("read:/srv", "workers:2", "cores:4")), u.node().toString());
        assertEquals("unreachable", u.nodes().get(1).status());
        assertEquals("127.0.0.1:2551/worker-0", u.workers().get(0).id());
        assertEquals("/srv/a/x.bin", u.workers().get(0).currentFile());
        assertEquals(50.0, u.workers().get(0).bytesPerSecond(), "on a file: the file's rate");
        assertEquals("idle", u.workers().get(1).state());
        assertEquals(List.of(6L, 8L, 510L, 800L, 408L, 102L), List.of(u.job().filesDone(), u.job().filesTotal(),
                u.job().bytesDone(), u.job().bytesTotal(), u.job().bytesNew(), u.job().bytesDeduplicated()));
        assertEquals("/srv/b", u.job().lastCompletedDirectory());
        assertEquals(List.of("/srv/c"), u.job().queue());
        assertEquals(7L, u.job().etaSeconds());
        assertEquals(1, u.job().reassignments());
        assertEquals("job-started", u.events().get(0).kind());
    }

    @Test
    void state_jobStates_mappedForThePage() {
        assertEquals("idle", ClusterProgressSource.state(null));
        assertEquals("running", ClusterProgressSource.map(progress("finishing"), A).state());
        assertEquals("finished", ClusterProgressSource.map(progress("succeeded"), A).state());
        assertEquals("paused", ClusterProgressSource.map(progress("paused"), A).state());
        assertEquals("stopped", ClusterProgressSource.map(progress("stopped"), A).state());
    }

    @Test
    void map_nodeNotYetInTheMembership_joining() {
        ProgressUpdate u = ClusterProgressSource.map(ClusterProgress.EMPTY, A);
        assertEquals("idle", u.state());
        assertEquals("joining", u.node().status());
        assertNull(u.job());
    }
}
