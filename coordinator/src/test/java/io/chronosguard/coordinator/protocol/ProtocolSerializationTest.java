package io.chronosguard.coordinator.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.chronosguard.coordinator.monitor.NodeMonitor;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.coordinator.worker.DirectoryWorker;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import java.time.OffsetDateTime;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that crosses nodes survives a round trip through the serializer the node
 * config binds it to (Jackson CBOR), with Java serialization switched off as on a node.
 */
class ProtocolSerializationTest {
    static ActorTestKit kit;
    static Serialization serialization;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ser", ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.port = 0
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                pekko.actor.allow-java-serialization = off
                pekko.actor.serialization-bindings {
                  "io.chronosguard.coordinator.protocol.CborSerializable" = jackson-cbor
                }
                """));
        serialization = SerializationExtension.get(Adapter.toClassic(kit.system()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    static Object roundTrip(Object msg) {
        var ser = serialization.findSerializerFor(msg);
        assertEquals("JacksonCborSerializer", ser.getClass().getSimpleName(), msg.getClass() + " is not bound to CBOR");
        byte[] bytes = serialization.serialize(msg).get();
        return serialization.deserialize(bytes, ser.identifier(), Serializers.manifestFor(ser, msg)).get();
    }

    static Node fileNode() {
        return Node.builder("café.txt", NodeType.FILE).mode(0644).mtime(OffsetDateTime.parse("2024-03-01T10:15:30.5Z"))
                .atime(OffsetDateTime.parse("2024-03-01T10:15:30.5Z")).ctime(OffsetDateTime.parse("2024-03-01T10:15:30.5Z"))
                .size(3).content(List.of(Id.hash(new byte[] {1, 2, 3}))).build();
    }

    static Capabilities caps() {
        return new Capabilities("pekko://chronosguard@127.0.0.1:2551", List.of("/srv"), "/repo", true, 2, 1 << 30, 2,
                List.of(Capabilities.BACKUP_PARALLEL, "compress"));
    }

    static TaskOutcome outcome() {
        return new TaskOutcome(NodeCodec.encodeAll(List.of(fileNode())),
                List.of(new TaskOutcome.Subdir(NodeCodec.encode(fileNode()), Id.hash(new byte[0]).hex())),
                List.of("m"), NodeCodec.encode(fileNode()), List.of(NodeCodec.encode(fileNode())), 1, 3, 100,
                List.of("/x: vanished"));
    }

    @Test
    void capabilities_roundTrip_equal() {
        assertEquals(caps(), roundTrip(caps()));
    }

    @Test
    void taskSpec_roundTrip_equalWithNulls() {
        TaskSpec s = new TaskSpec("/srv/a", null, "b", null, true);
        assertEquals(s, roundTrip(s));
    }

    @Test
    void taskOutcome_roundTrip_keepsNodesByteExact() {
        TaskOutcome o = outcome();
        TaskOutcome back = (TaskOutcome) roundTrip(o);
        assertArrayEquals(o.leaves(), back.leaves());
        assertEquals(fileNode(), NodeCodec.decodeAll(back.leaves()).get(0));
        assertArrayEquals(o.subdirs().get(0).node(), back.subdirs().get(0).node());
        assertEquals(o.subdirs().get(0).parentTree(), back.subdirs().get(0).parentTree());
        assertEquals(o.splitPoints(), back.splitPoints());
        assertArrayEquals(o.self(), back.self());
        assertArrayEquals(o.ancestors().get(0), back.ancestors().get(0));
        assertEquals(List.of(o.files(), o.bytes(), o.dataAdded()), List.of(back.files(), back.bytes(), back.dataAdded()));
        assertEquals(o.errors(), back.errors());
    }

    @Test
    void jobViewAndNodeStatus_roundTrip_equal() {
        JobView v = new JobView("j", JobView.SUCCEEDED, null, 3, 0, 0, 10, 20,
                new JobView.Summary("abc", 10, 20, 5, 2, 1, 1.5, List.of("e")));
        assertEquals(v, roundTrip(v));
        JobView resumed = new JobView("j", JobView.RUNNING, null, 1, 2, 1, 10, 20, null, 4,
                "resuming run 3: 4 of 6 directories already stored");
        assertEquals(resumed, roundTrip(resumed));
        NodeStatus s = new NodeStatus(caps(), 5, 1, 7, List.of("/srv/a"), 0.5);
        assertEquals(s, roundTrip(s));
    }

    @Test
    void progressRecords_roundTrip_equal() {
        WorkerReport w = new WorkerReport("worker-0", "j", WorkerReport.WORKING, "/srv", "/srv/a.bin", 10, 100, 5.5,
                4.5, 1, 10, 3, 300, 8, 2, 0);
        NodeProgress p = new NodeProgress(new NodeStatus(caps(), 5, 1, 7, List.of("/srv"), 0.5), 1234,
                List.of(w, WorkerReport.idle("worker-1")));
        assertEquals(p, roundTrip(p));
        JobProgressView v = new JobProgressView(new JobProgressView.Job("j", "paused", List.of("/srv"), 1, 0, "/srv/a",
                List.of("/srv/b"), 1, 1, 2, 3, 4, 5, 6, 7, 8, null, null),
                List.of(new JobProgressView.Event(1, "job-started", "job j started")), List.of("line"));
        assertEquals(v, roundTrip(v));
    }

    @Test
    void actorMessages_roundTrip_equalIncludingActorRefs() {
        TestProbe<StatusReply<String>> ids = kit.createTestProbe();
        TestProbe<JobView> views = kit.createTestProbe();
        TestProbe<DirectoryWorker.Command> worker = kit.createTestProbe();
        TestProbe<NodeStatus> status = kit.createTestProbe();
        ActorRef<DirectoryWorker.Command> w = worker.getRef();
        List<Object> msgs = List.of(
                new BackupCoordinator.StartBackup(List.of("/srv"), "host", List.of("t"), ids.getRef()),
                new BackupCoordinator.StartBackup(List.of("/srv"), "host", List.of("t"), List.of("*.tmp", "/srv/c"),
                        ids.getRef()),
                new BackupCoordinator.GetJob("j", views.getRef()),
                new BackupCoordinator.RequestWork(w, caps()),
                new BackupCoordinator.RenewLease("j", 4, 2),
                new BackupCoordinator.TaskFailed("j", 4, 2, "n", true, "gone"),
                new BackupCoordinator.TaskRejected("j", 4, 2),
                new DirectoryWorker.AssignTask("j", 4, 2, new TaskSpec("/srv", "ab", null, "z", false)),
                new DirectoryWorker.AssignTask("j", 4, 2, new TaskSpec("/srv", null, null, null, true),
                        List.of("**/cache", "*.log")),
                new NodeMonitor.GetStatus(status.getRef()),
                new NodeMonitor.GetProgress(kit.<NodeProgress>createTestProbe().getRef()),
                new BackupCoordinator.GetProgress(kit.<JobProgressView>createTestProbe().getRef()),
                new BackupCoordinator.Control("pause", ids.getRef()),
                new DirectoryWorker.Control("j", DirectoryWorker.Control.STOP));
        for (Object m : msgs) {
            assertEquals(m, roundTrip(m), m.getClass().getSimpleName());
        }
        BackupCoordinator.TaskDone done = new BackupCoordinator.TaskDone("j", 4, 2, "n", outcome());
        BackupCoordinator.TaskDone back = (BackupCoordinator.TaskDone) roundTrip(done);
        assertEquals(List.of("j", 4L, 2, "n"), List.of(back.jobId(), back.taskId(), back.attempt(), back.node()));
        assertArrayEquals(done.outcome().leaves(), back.outcome().leaves());
    }
}
