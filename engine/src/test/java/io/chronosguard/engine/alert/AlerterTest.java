package io.chronosguard.engine.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AlerterTest {
    private static final Instant T0 = Instant.parse("2026-03-10T14:00:00Z");

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private Instant now = T0;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final class RecordingSink implements AlertSink {
        final List<Alert> got = new CopyOnWriteArrayList<>();
        final String name;
        final boolean fail;

        RecordingSink(String name, boolean fail) {
            this.name = name;
            this.fail = fail;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public void deliver(Alert alert) throws IOException {
            got.add(alert);
            if (fail) {
                throw new IOException("down");
            }
        }
    }

    private static Alert alert(Alert.Kind kind, String subject) {
        return new Alert(kind, subject, "details", T0, "node-1", null);
    }

    @Test
    void raise_twoSinks_eachGetsTheAlert() {
        RecordingSink a = new RecordingSink("a", false);
        RecordingSink b = new RecordingSink("b", false);
        Alerter alerter = Alerter.create(List.of(a, b), new MovableClock(), Duration.ofHours(1));

        assertTrue(alerter.raise(alert(Alert.Kind.JOB_FAILED, "backup of /home failed")));
        assertTrue(alerter.drain(Duration.ofSeconds(10)));

        assertEquals(1, a.got.size());
        assertEquals(1, b.got.size());
        assertEquals("backup of /home failed", b.got.get(0).subject());
    }

    @Test
    void raise_sameKindAndSubjectWithinWindow_sentOnce() {
        RecordingSink a = new RecordingSink("a", false);
        MovableClock clock = new MovableClock();
        Alerter alerter = Alerter.create(List.of(a), clock, Duration.ofHours(1));

        assertTrue(alerter.raise(alert(Alert.Kind.LOW_DISK, "disk low on n1")));
        clock.now = T0.plus(Duration.ofMinutes(59));
        assertFalse(alerter.raise(alert(Alert.Kind.LOW_DISK, "disk low on n1")));
        assertTrue(alerter.raise(alert(Alert.Kind.LOW_DISK, "disk low on n2")));
        assertTrue(alerter.raise(alert(Alert.Kind.NODE_LEFT, "disk low on n1")));
        clock.now = T0.plus(Duration.ofMinutes(61));
        assertTrue(alerter.raise(alert(Alert.Kind.LOW_DISK, "disk low on n1")));
        assertTrue(alerter.drain(Duration.ofSeconds(10)));

        assertEquals(4, a.got.size());
    }

    @Test
    void raise_oneSinkFails_theOtherStillDelivers() {
        RecordingSink broken = new RecordingSink("broken", true);
        RecordingSink ok = new RecordingSink("ok", false);
        Alerter alerter = Alerter.create(List.of(broken, ok), new MovableClock(), Duration.ofHours(1));

        alerter.raise(alert(Alert.Kind.JOB_FAILED, "x"));
        alerter.raise(alert(Alert.Kind.JOB_FAILED, "y"));
        assertTrue(alerter.drain(Duration.ofSeconds(10)));

        assertEquals(2, broken.got.size());
        assertEquals(2, ok.got.size());
    }

    @Test
    void raise_sinkBlocks_callerDoesNotWait() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AlertSink slow = new AlertSink() {
            @Override
            public String name() {
                return "slow";
            }

            @Override
            public void deliver(Alert alert) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ExecutorService ex = Executors.newSingleThreadExecutor();
        Alerter alerter = new Alerter(List.of(slow), ex, new MovableClock(), Duration.ZERO);

        long start = System.nanoTime();
        for (int i = 0; i < 5; i++) {
            assertTrue(alerter.raise(alert(Alert.Kind.JOB_FAILED, "job " + i)));
        }
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        release.countDown();

        assertTrue(tookMs < 5_000, "raise waited " + tookMs + " ms for a blocked sink");
        assertTrue(alerter.drain(Duration.ofSeconds(10)));
    }

    @Test
    void raise_noSinks_dropped() {
        assertFalse(Alerter.none().raise(alert(Alert.Kind.JOB_FAILED, "x")));
    }

    @Test
    void raise_afterClose_droppedWithoutThrowing() {
        RecordingSink a = new RecordingSink("a", false);
        Alerter alerter = Alerter.create(List.of(a), new MovableClock(), Duration.ZERO);
        alerter.close();

        assertFalse(alerter.raise(alert(Alert.Kind.JOB_FAILED, "x")));
    }
}
