package io.chronosguard.coordinator.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.chronosguard.config.AlertSettings;
import io.chronosguard.config.DiskThreshold;
import io.chronosguard.coordinator.protocol.JobProgressView;
import io.chronosguard.coordinator.singleton.BackupCoordinator;
import io.chronosguard.engine.alert.Alert;
import io.chronosguard.engine.alert.AlertSink;
import io.chronosguard.engine.alert.Alerter;
import io.chronosguard.engine.catalog.Catalog;
import io.chronosguard.engine.catalog.Outcome;
import io.chronosguard.engine.catalog.RunError;
import io.chronosguard.engine.catalog.RunFinish;
import io.chronosguard.engine.catalog.RunStart;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher on a one-node cluster (so it is the oldest member), a probe as coordinator, a shifted clock. */
class AlertWatcherTest {
    static ActorTestKit kit;
    static ExecutorService blocking = Executors.newCachedThreadPool();

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        kit = ActorTestKit.create("watch", ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical.port = 0
                pekko.remote.artery.canonical.hostname = 127.0.0.1
                """));
        Cluster c = Cluster.get(kit.system());
        c.manager().tell(Join.create(c.selfMember().address()));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (c.selfMember().status() != MemberStatus.up() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(MemberStatus.up(), c.selfMember().status());
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
        blocking.shutdownNow();
    }

    @Test
    void watcher_jobTooLongFailedLowDiskAndSummary_eachRaised() throws Exception {
        Instant fake = LocalDateTime.of(2026, 3, 10, 7, 59, 58).toInstant(ZoneOffset.UTC);
        String url = Catalog.defaultUrl(dir.resolve("state"));
        try (Catalog c = Catalog.open(url)) {
            long id = c.startRun(new RunStart(fake.minus(Duration.ofHours(2)), false, "h", List.of("/srv"), List.of(),
                    List.of()));
            c.finishRun(id, new RunFinish(fake.minus(Duration.ofHours(1)), Outcome.FAILED, 0, 0, 0, 0, 0, 3600, null,
                    0, List.of(new RunError(null, "disk full"))));
        }
        // from here the clock reads 07:59:58 UTC: the 08:00 summary is due two seconds later
        Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), fake));
        List<Alert> got = new CopyOnWriteArrayList<>();
        AlertSink sink = new AlertSink() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public void deliver(Alert alert) {
                got.add(alert);
            }
        };
        Alerter alerter = Alerter.create(List.of(sink), clock, Duration.ofHours(1));
        AlertSettings settings = new AlertSettings(Optional.empty(), Optional.empty(), Optional.of(Duration.ofHours(1)),
                Optional.of(DiskThreshold.ofPercent(99.99)), Optional.of(LocalTime.of(8, 0)), Duration.ofHours(1));
        TestProbe<BackupCoordinator.Command> coordinator = kit.createTestProbe();

        kit.spawn(AlertWatcher.create(coordinator.getRef(), alerter, settings, dir, () -> Catalog.open(url), blocking,
                new AlertWatcher.Intervals(Duration.ofMillis(100), Duration.ofSeconds(1))));
        long started = fake.minus(Duration.ofMinutes(90)).toEpochMilli();
        reply(coordinator, job("j1", "running", started, 0));
        reply(coordinator, job("j1", "failed", started, clock.millis()));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (got.size() < 4 && System.nanoTime() < deadline) {
            reply(coordinator, job("j1", "failed", started, clock.millis()));
        }
        List<Alert.Kind> kinds = got.stream().map(Alert::kind).sorted().toList();
        assertEquals(List.of(Alert.Kind.JOB_TOO_LONG, Alert.Kind.LOW_DISK, Alert.Kind.JOB_FAILED,
                Alert.Kind.DAILY_SUMMARY).stream().sorted().toList(), kinds, got.toString());
        Alert summary = got.stream().filter(a -> a.kind() == Alert.Kind.DAILY_SUMMARY).findFirst().orElseThrow();
        assertTrue(summary.subject().endsWith("up to 2026-03-10: 1 failed"), summary.subject());
        assertTrue(summary.details().contains("disk full"), summary.details());
        alerter.close();
    }

    /** Answers the watcher's next poll with {@code job}. */
    private static void reply(TestProbe<BackupCoordinator.Command> coordinator, JobProgressView.Job job) {
        BackupCoordinator.Command m = coordinator.receiveMessage(Duration.ofSeconds(5));
        ((BackupCoordinator.GetProgress) m).replyTo().tell(new JobProgressView(job, List.of(), List.of()));
    }

    private static JobProgressView.Job job(String id, String state, long started, long ended) {
        return new JobProgressView.Job(id, state, List.of("/srv"), started, ended, null, List.of(), 0, 1, 1, 5, 100,
                50, 50, 0, 0, null, "failed".equals(state) ? "cannot write pack" : null);
    }
}
