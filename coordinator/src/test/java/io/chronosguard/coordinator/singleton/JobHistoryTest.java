package io.chronosguard.coordinator.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.ClusterRunFinish;
import io.chronosguard.engine.catalog.DirectoryResult;
import io.chronosguard.engine.catalog.HistoryQuery;
import io.chronosguard.engine.catalog.NodeRecord;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunRecord;
import io.chronosguard.engine.catalog.RunStart;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobHistoryTest {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    static final String COORD = "pekko://chronosguard@127.0.0.1:2551";

    @TempDir
    Path dir;

    String url() {
        return Catalog.defaultUrl(dir.resolve("state"));
    }

    @Test
    void startedDirectoriesFinished_writtenInOrderOffTheCaller() {
        JobHistory h = new JobHistory(() -> Catalog.open(url()));
        Capabilities caps = new Capabilities(COORD, List.of("/"), "/repo", true, 2, 1024, 2,
                List.of("backup.parallel"));
        h.nodeSeen(caps, T0.minusSeconds(60));
        JobHistory.Run run = h.started(T0, "host", List.of("/src"), List.of("t"), COORD, List.of(caps));
        h.directories(run, List.of(new DirectoryResult("/src", "n1", 0, 0, "reassigned")));
        h.finished(run, new ClusterRunFinish(T0.plusSeconds(3), Outcome.SUCCESS, 4, 40, 20, 3.0, "ab", List.of("n2"),
                1, List.of(), List.of(new DirectoryResult("/src", "n2", 4, 40, "done"))));
        h.close();

        try (Catalog c = Catalog.open(url())) {
            RunRecord r = c.history(HistoryQuery.all()).get(0);
            assertEquals("success", r.outcome());
            assertEquals(List.of("n2"), r.nodes());
            assertEquals(1L, r.reassignedTasks());
            assertEquals(List.of(new DirectoryResult("/src", "n1", 0, 0, "reassigned"),
                    new DirectoryResult("/src", "n2", 4, 40, "done")), c.directoryResults(r.id()));
            NodeRecord n = c.nodes().get(0);
            assertEquals(COORD, n.nodeId());
            assertEquals("127.0.0.1:2551", n.address());
            assertTrue(n.capabilitiesJson().contains("\"source_roots\":[\"/\"]"), n.capabilitiesJson());
            assertTrue(n.capabilitiesJson().contains("\"workers\":2"), n.capabilitiesJson());
            assertEquals(T0.minusSeconds(60), n.firstSeen());
            assertEquals(T0, n.lastSeen(), "a job's start is a sighting of every node known");
        }
    }

    @Test
    void catalogCannotBeOpened_recordsNothingAndNeverThrows() {
        AtomicInteger opens = new AtomicInteger();
        JobHistory h = new JobHistory(() -> {
            opens.incrementAndGet();
            throw new IllegalStateException("catalog down");
        });
        JobHistory.Run run = h.started(T0, "host", List.of("/src"), List.of(), COORD, List.of());
        h.finished(run, new ClusterRunFinish(T0, Outcome.FAILED, 0, 0, 0, 0, null, List.of(), 0,
                List.of(new RunError(null, "x")), List.of()));
        h.close();
        assertEquals(1, opens.get(), "a catalog that failed to open is not retried for every record");
    }

    @Test
    void sweep_runningRunsOfAGoneOrThisCoordinator_endAsUnknown() {
        try (Catalog c = Catalog.open(url())) {
            long gone = c.startRun(new RunStart(T0, false, "h", List.of("/a"), List.of(), List.of("pekko://x@h:1")));
            long mine = c.startRun(new RunStart(T0, false, "h", List.of("/a"), List.of(), List.of(COORD)));
            long live = c.startRun(new RunStart(T0, false, "h", List.of("/a"), List.of(), List.of("pekko://x@h:2")));
            long cli = c.startRun(new RunStart(T0, false, "h", List.of("/a"), List.of(), List.of()));
            JobHistory h = new JobHistory(() -> Catalog.open(url()));
            h.sweep(COORD, Set.of(COORD, "pekko://x@h:2"), T0.plusSeconds(60));
            h.close();
            assertEquals("unknown", c.run(gone).orElseThrow().outcome());
            assertEquals("unknown", c.run(mine).orElseThrow().outcome());
            assertTrue(c.run(mine).orElseThrow().errors().get(0).reason().contains("stopped before the job ended"));
            assertEquals("running", c.run(live).orElseThrow().outcome(), "its coordinator is still a member");
            assertEquals("running", c.run(cli).orElseThrow().outcome(), "a CLI backup is not the cluster's");
        }
    }

    @Test
    void stale_byMembershipAndSelf() {
        assertTrue(JobHistory.stale("a", "a", Set.of("a", "b")));
        assertTrue(JobHistory.stale("c", "a", Set.of("a", "b")));
        assertFalse(JobHistory.stale("b", "a", Set.of("a", "b")));
    }
}
