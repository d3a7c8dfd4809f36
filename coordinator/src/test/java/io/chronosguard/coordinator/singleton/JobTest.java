package io.chronosguard.coordinator.singleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.coordinator.protocol.Capabilities;
import io.chronosguard.coordinator.protocol.JobView;
import io.chronosguard.coordinator.protocol.NodeCodec;
import io.chronosguard.coordinator.protocol.TaskOutcome;
import io.chronosguard.engine.catalog.ClusterRunFinish;
import io.chronosguard.engine.catalog.DirectoryResult;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.engine.repo.format.TreeCodec;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JobTest {
    static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
    static final Duration LEASE = Duration.ofSeconds(60);
    final List<Tree> saved = new ArrayList<>();

    Job job() {
        return new Job("j", List.of("/srv/data"), "host", List.of(), T0, Optional.empty(), Map.of(), t -> {
            saved.add(t);
            return TreeCodec.id(TreeCodec.serialize(t));
        });
    }

    static Capabilities caps(String node, String root) {
        return new Capabilities(node, List.of(root), "/repo", true, 2, 1, 2, List.of(Capabilities.BACKUP_PARALLEL));
    }

    static Node dir(String name) {
        OffsetDateTime t = OffsetDateTime.parse("2024-01-01T00:00:00Z");
        return Node.builder(name, NodeType.DIR).mode(Node.goModeOf(NodeType.DIR, 0755)).mtime(t).atime(t).ctime(t)
                .build();
    }

    static Node file(String name) {
        OffsetDateTime t = OffsetDateTime.parse("2024-01-01T00:00:00Z");
        return Node.builder(name, NodeType.FILE).mode(0644).mtime(t).atime(t).ctime(t).size(1)
                .content(List.of(Id.hash(name.getBytes()))).build();
    }

    static TaskOutcome outcome(Node self, List<Node> leaves, List<Node> subdirs) {
        return new TaskOutcome(NodeCodec.encodeAll(leaves),
                subdirs.stream().map(d -> new TaskOutcome.Subdir(NodeCodec.encode(d), null)).toList(), List.of(),
                self == null ? null : NodeCodec.encode(self), List.of(NodeCodec.encode(dir("srv"))), leaves.size(), 1,
                1, List.of());
    }

    @Test
    void take_nodeCannotReadPath_getsNothing() {
        Job j = job();
        assertTrue(j.take(caps("n1", "/home"), T0, LEASE).isEmpty());
        assertTrue(j.take(caps("n2", "/srv"), T0, LEASE).isPresent());
    }

    @Test
    void complete_afterNodeGone_lateResultOfOldAttemptIgnoredAndCountedAsReassigned() {
        Job j = job();
        Job.Task t = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        int first = t.attempt;
        j.leased("n1", T0).forEach(x -> j.requeue(x, true));
        Job.Task again = j.take(caps("n2", "/"), T0, LEASE).orElseThrow();
        assertEquals(t.id, again.id);
        TaskOutcome o = outcome(dir("data"), List.of(file("f")), List.of());
        assertEquals(Job.Accepted.STALE, j.complete(t.id, first, "n1", o));
        assertEquals(Job.Accepted.YES, j.complete(t.id, again.attempt, "n2", o));
        assertEquals(Job.Accepted.STALE, j.complete(t.id, again.attempt, "n2", o), "a duplicate is ignored too");
        assertTrue(j.treesComplete());
        j.buildRoot();
        j.succeed("snap", 0, T0.plusSeconds(3));
        assertEquals(1, j.summary.reassignedTasks());
        assertEquals(1, j.summary.nodes());
        assertEquals(1, j.summary.files());
    }

    @Test
    void take_whilePaused_nothingUntilResumed() {
        Job j = job();
        j.paused = true;
        assertTrue(j.take(caps("n1", "/"), T0, LEASE).isEmpty());
        assertEquals("paused", j.progress(10).state());
        assertEquals(List.of("/srv/data"), j.progress(10).queue(), "the queued task stays queued");
        j.paused = false;
        assertTrue(j.take(caps("n1", "/"), T0, LEASE).isPresent());
        assertEquals("running", j.progress(10).state());
    }

    @Test
    void stop_runningTask_returnsItsWorkerAndLaterResultIsStale() {
        Job j = job();
        Job.Task t = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        assertTrue(j.stop(T0.plusSeconds(1)).isEmpty(), "no worker ref was recorded for this task");
        assertEquals(JobView.STOPPED, j.state);
        assertFalse(j.active());
        assertEquals(Job.Accepted.STALE, j.complete(t.id, t.attempt, "n1", outcome(dir("data"), List.of(), List.of())));
        assertEquals(T0.plusSeconds(1).toEpochMilli(), j.progress(10).endedMillis());
        assertTrue(j.take(caps("n1", "/"), T0, LEASE).isEmpty());
    }

    @Test
    void progress_afterCompletion_countsLastDirectoryAndNewBytes() {
        Job j = job();
        Job.Task t = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        TaskOutcome base = outcome(dir("data"), List.of(file("f"), file("g")), List.of());
        TaskOutcome o = new TaskOutcome(base.leaves(), base.subdirs(), base.splitPoints(), base.self(),
                base.ancestors(), 2, 2, 1, List.of("/srv/data/x: cannot read"), 7, 5);
        assertEquals(Job.Accepted.YES, j.complete(t.id, t.attempt, "n1", o));
        var p = j.progress(10);
        assertEquals("/srv/data", p.lastCompletedDirectory());
        assertEquals(List.of(2L, 2L, 7L, 5L, 1L), List.of(p.filesDone(), p.bytesDone(), p.bytesNew(),
                p.bytesDeduplicated(), p.errors()));
        assertEquals(1, p.tasksDone());
    }

    @Test
    void leased_leaseExpired_returnedUnlessRenewed() {
        Job j = job();
        Job.Task t = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        assertTrue(j.leased(null, T0.plusSeconds(59)).isEmpty());
        j.renew(t.id, t.attempt, T0.plusSeconds(50), LEASE);
        assertTrue(j.leased(null, T0.plusSeconds(100)).isEmpty());
        assertEquals(List.of(t), j.leased(null, T0.plusSeconds(111)));
    }

    @Test
    void complete_subdirectories_treesStoredBottomUpBeforeRoot() {
        Job j = job();
        Job.Task root = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        j.complete(root.id, root.attempt, "n1", outcome(dir("data"), List.of(file("top")), List.of(dir("sub"))));
        assertFalse(j.treesComplete());
        Job.Task sub = j.take(caps("n2", "/"), T0, LEASE).orElseThrow();
        assertEquals("/srv/data/sub", sub.spec.path());
        j.complete(sub.id, sub.attempt, "n2", outcome(null, List.of(file("inner")), List.of()));
        assertTrue(j.treesComplete());
        Id rootId = j.buildRoot();
        // sub's tree, then data's tree (holding sub with its subtree), then /srv, then /
        assertEquals(4, saved.size());
        assertEquals("inner", saved.get(0).nodes().get(0).nameString());
        Node subNode = saved.get(1).find("sub".getBytes()).orElseThrow();
        assertEquals(TreeCodec.id(TreeCodec.serialize(saved.get(0))), subNode.subtree());
        assertEquals(TreeCodec.id(TreeCodec.serialize(saved.get(3))), rootId);
        assertEquals("srv", saved.get(3).nodes().get(0).nameString());
    }

    @Test
    void finishRecord_reassignedThenPartial_directoryRowsNodesAndPathErrors() {
        Job j = job();
        Job.Task t = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        j.leased("n1", T0).forEach(x -> j.requeue(x, true));
        Job.Task again = j.take(caps("n2", "/"), T0, LEASE).orElseThrow();
        TaskOutcome o = outcome(dir("data"), List.of(file("f")), List.of());
        TaskOutcome withError = new TaskOutcome(o.leaves(), o.subdirs(), o.splitPoints(), o.self(), o.ancestors(),
                o.files(), o.bytes(), o.dataAdded(), List.of("/srv/data/g: permission denied"));
        j.complete(again.id, again.attempt, "n2", withError);
        j.buildRoot();
        j.succeed("snap", 10, T0.plusSeconds(4));
        assertTrue(j.endUnrecorded());

        ClusterRunFinish f = j.finishRecord(T0.plusSeconds(5));
        assertEquals(Outcome.PARTIAL, f.outcome(), "a path that could not be read makes the run partial");
        assertEquals(List.of(new DirectoryResult("/srv/data", "n1", 0, 0, "reassigned"),
                new DirectoryResult("/srv/data", "n2", 1, 1, "done")), f.directories());
        assertEquals(List.of(new RunError("/srv/data/g", "permission denied")), f.errors());
        assertEquals(List.of("n2"), f.nodes());
        assertEquals(1, f.reassignedTasks());
        assertEquals("snap", f.snapshotId());
        assertEquals(11, f.dataAdded(), "tree bytes count as data added");
        assertEquals(4.0, f.durationSeconds());
        assertEquals(List.of(), j.drainDirectories(), "rows are handed over once");
    }

    @Test
    void finishRecord_failedJob_failedWithTheJobError() {
        Job j = job();
        Job.Task t = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        j.attemptFailed(t);
        j.fail("target is missing");
        ClusterRunFinish f = j.finishRecord(T0.plusSeconds(2));
        assertEquals(Outcome.FAILED, f.outcome());
        assertEquals(List.of(new RunError(null, "target is missing")), f.errors());
        assertEquals(List.of(new DirectoryResult("/srv/data", "n1", 0, 0, "failed")), f.directories());
        assertEquals(null, f.snapshotId());
        assertEquals(2.0, f.durationSeconds());
    }

    @Test
    void finishRecord_stoppedJob_cancelled() {
        Job j = job();
        j.state = "stopped";
        j.error = "stopped through the API";
        ClusterRunFinish f = j.finishRecord(T0.plusSeconds(1));
        assertEquals(Outcome.CANCELLED, f.outcome());
        assertEquals(List.of(new RunError(null, "stopped through the API")), f.errors());
    }

    @Test
    void abandonRecord_whileWritingTheSnapshot_unknownElseFailed() {
        Job j = job();
        assertEquals(Outcome.FAILED, j.abandonRecord(T0, "coordinator stopped").outcome());
        j.finishing = true;
        ClusterRunFinish f = j.abandonRecord(T0, "coordinator stopped");
        assertEquals(Outcome.UNKNOWN, f.outcome(), "the snapshot may have been written");
        assertEquals(List.of(new RunError(null, "coordinator stopped")), f.errors());
    }

    @Test
    void complete_sliceAskedToSplit_cutsWithinTheSliceBounds() {
        Job j = job();
        Job.Task root = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        TaskOutcome split = new TaskOutcome(NodeCodec.encodeAll(List.of()), List.of(), List.of("m"),
                NodeCodec.encode(dir("data")), List.of(NodeCodec.encode(dir("srv"))), 0, 0, 0, List.of());
        j.complete(root.id, root.attempt, "n1", split);
        Job.Task first = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        Job.Task second = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        assertEquals(List.of("null..m", "m..null"), List.of(first.spec.from() + ".." + first.spec.to(),
                second.spec.from() + ".." + second.spec.to()));
        TaskOutcome again = new TaskOutcome(NodeCodec.encodeAll(List.of()), List.of(), List.of("f"), null, List.of(),
                0, 0, 0, List.of());
        j.complete(first.id, first.attempt, "n1", again);
        Job.Task a = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        Job.Task b = j.take(caps("n1", "/"), T0, LEASE).orElseThrow();
        assertEquals(List.of("null..f", "f..m"), List.of(a.spec.from() + ".." + a.spec.to(),
                b.spec.from() + ".." + b.spec.to()));
        for (Job.Task t : List.of(a, b, second)) {
            String name = t.spec.from() == null ? "a" : t.spec.from() + "x";
            j.complete(t.id, t.attempt, "n1", outcome(null, List.of(file(name)), List.of()));
        }
        assertTrue(j.treesComplete());
        assertEquals(List.of("a", "fx", "mx"), saved.get(0).nodes().stream().map(Node::nameString).toList());
    }
}
