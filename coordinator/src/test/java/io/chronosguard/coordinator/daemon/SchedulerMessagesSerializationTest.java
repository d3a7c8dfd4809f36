package io.chronosguard.coordinator.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The scheduler's cross-node messages survive the node's CBOR serializer, Java serialization off. */
class SchedulerMessagesSerializationTest {
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

    @Test
    void sourceChanged_roundTrip_equal() {
        Scheduler.SourceChanged m = new Scheduler.SourceChanged("docs", "pekko://chronosguard@127.0.0.1:2551", 3);
        assertEquals(m, roundTrip(m));
    }

    @Test
    void watching_roundTrip_equal() {
        Scheduler.Watching m = new Scheduler.Watching("docs", "pekko://chronosguard@127.0.0.1:2551", "rescan", 3);
        assertEquals(m, roundTrip(m));
    }

    @Test
    void getStatus_roundTrip_equal() {
        TestProbe<ScheduleStatus> probe = kit.createTestProbe();
        Scheduler.GetStatus m = new Scheduler.GetStatus(probe.getRef());
        assertEquals(m, roundTrip(m));
    }

    @Test
    void scheduleStatus_roundTrip_equal() {
        ScheduleStatus s = new ScheduleStatus(7, List.of(new ScheduleStatus.SourceStatus("docs", List.of("/d"),
                Map.of("pekko://chronosguard@127.0.0.1:2551", "inotify"), "*/5 * * * * *", 1L, null, true, "job",
                "abc", null, "pekko://chronosguard@127.0.0.1:2551", 3)), "0 0 4 * * *", 9L, List.of("e1"));
        assertEquals(s, roundTrip(s));
    }
}
