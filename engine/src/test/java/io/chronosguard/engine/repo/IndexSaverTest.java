package io.chronosguard.engine.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexSaverTest {
    @TempDir
    Path dir;

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-11-21T12:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
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

    static List<PackedBlob> pack(String name) {
        Id pack = Id.hash(name.getBytes(StandardCharsets.UTF_8));
        return List.of(new PackedBlob(Id.hash((name + "-blob").getBytes(StandardCharsets.UTF_8)), BlobType.DATA, pack,
                0, 100, 0));
    }

    Repository repo() {
        return RepositoryInitTest.init().init(new LocalBackend(dir.resolve("repo")), RepositoryInitTest.PASSWORD, 2,
                KeyRingTest.CHEAP);
    }

    @Test
    void packStored_fewPacksInQuickSuccession_waitsForMore() {
        Repository repo = repo();
        ManualClock clock = new ManualClock();
        IndexSaver saver = new IndexSaver(repo, clock, Duration.ofSeconds(1));
        saver.packStored(pack("a").get(0).pack(), pack("a"));
        clock.now = clock.now.plusMillis(500);
        saver.packStored(pack("b").get(0).pack(), pack("b"));
        assertEquals(0, repo.list(FileType.INDEX).size());
        saver.flush();
        assertEquals(1, repo.list(FileType.INDEX).size());
    }

    // Regression: the index used to be written only every 8 packs (128 MiB by default), so a
    // backup killed after storing 7 packs left all of them unindexed and the rerun
    // uploaded everything again.
    @Test
    void packStored_oldestPendingPackWaitedMaxAge_writesIndexAtOnce() {
        Repository repo = repo();
        ManualClock clock = new ManualClock();
        IndexSaver saver = new IndexSaver(repo, clock, Duration.ofSeconds(1));
        saver.packStored(pack("a").get(0).pack(), pack("a"));
        clock.now = clock.now.plusSeconds(1);
        saver.packStored(pack("b").get(0).pack(), pack("b"));
        assertEquals(1, repo.list(FileType.INDEX).size());
        assertEquals(1, saver.written().size());
        clock.now = clock.now.plusMillis(10);
        saver.packStored(pack("c").get(0).pack(), pack("c"));
        assertEquals(1, repo.list(FileType.INDEX).size(), "a new waiting period starts with the next pack");
    }

    @Test
    void packStored_manyPacksAtOnce_writesIndexEveryFewPacks() {
        Repository repo = repo();
        IndexSaver saver = new IndexSaver(repo, new ManualClock(), Duration.ofHours(1));
        for (int i = 0; i < IndexSaver.PACKS_PER_INDEX * 2; i++) {
            saver.packStored(pack("p" + i).get(0).pack(), pack("p" + i));
        }
        assertEquals(2, repo.list(FileType.INDEX).size());
    }
}
