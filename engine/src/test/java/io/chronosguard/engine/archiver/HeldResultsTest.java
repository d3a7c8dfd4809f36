package io.chronosguard.engine.archiver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.backend.ForwardingBackend;
import io.chronosguard.engine.backend.local.LocalBackend;
import io.chronosguard.engine.crypto.KdfParams;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.RepositoryInit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeldResultsTest {
    static final Instant T0 = Instant.parse("2026-11-22T00:00:00Z");
    static final Duration DELAY = Duration.ofSeconds(1);

    @TempDir
    Path tmp;
    Repository repo;
    BlobSaver saver;
    HeldResults<String> held;
    boolean failPacks;

    @BeforeEach
    void setUp() {
        LocalBackend local = new LocalBackend(tmp.resolve("repo"));
        RepositoryInit.forThisHost().init(local, "pw".toCharArray(), 2, new KdfParams(1024, 8, 1));
        repo = Repository.open(new ForwardingBackend(local) {
            @Override
            public void save(FileType type, String name, byte[] data) throws IOException {
                if (failPacks && type == FileType.DATA) {
                    throw new IOException("disk full");
                }
                inner().save(type, name, data);
            }
        }, "pw".toCharArray());
        saver = new BlobSaver(repo, new IndexSaver(repo), 1 << 20, BlobSaver.Compression.AUTO);
        held = new HeldResults<>(saver, DELAY);
    }

    Id save(String content) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        return saver.save(BlobType.DATA, b, b.length).id();
    }

    @Test
    void release_dataInOpenPack_holdsUntilThePackIsStoredAndIndexed() {
        held.hold("a", Set.of(save("a1"), save("a2")), T0);
        assertEquals(List.of(), held.release().ready());
        saver.flush();
        assertEquals(List.of("a"), held.release().ready());
        assertEquals(List.of(), held.held());
    }

    @Test
    void release_noDataOrDataIndexedBefore_goesAtOnce() {
        Id old = save("old");
        saver.flush();
        held.hold("subdirs only", Set.of(), T0);
        held.hold("dedup", Set.of(old), T0);
        assertEquals(List.of("subdirs only", "dedup"), held.release().ready());
    }

    @Test
    void release_packUploadFailed_reportsTheResultLost() {
        held.hold("a", Set.of(save("a1")), T0);
        failPacks = true;
        assertThrows(RuntimeException.class, saver::flush);
        HeldResults.Released<String> r = held.release();
        assertEquals(List.of(), r.ready());
        assertEquals(List.of("a"), r.lost());
    }

    @Test
    void flushDue_youngResultsOnBusyNode_waitsThenFlushesPacks() {
        held.hold("a", Set.of(save("a1")), T0);
        assertEquals(HeldResults.Flush.NONE, held.flushDue(T0.plusMillis(999), false));
        assertEquals(HeldResults.Flush.PACKS, held.flushDue(T0.plus(DELAY), false));
        assertEquals(HeldResults.Flush.PACKS, held.flushDue(T0.plusMillis(1), true), "an idle node flushes at once");
    }

    @Test
    void flushDue_awaitedPacksAlreadyStored_writesOnlyTheIndex() {
        BlobSaver tiny = new BlobSaver(repo, new IndexSaver(repo), 1, BlobSaver.Compression.AUTO);
        HeldResults<String> h = new HeldResults<>(tiny, DELAY);
        byte[] b = "fills its pack".getBytes(StandardCharsets.UTF_8);
        h.hold("a", Set.of(tiny.save(BlobType.DATA, b, b.length).id()), T0);
        assertEquals(HeldResults.Flush.INDEX, h.flushDue(T0.plus(DELAY), false));
        tiny.flushIndex();
        assertEquals(List.of("a"), h.release().ready());
    }

    @Test
    void flushDue_nothingHeld_flushesLeftoversOnlyWhenIdle() {
        assertEquals(HeldResults.Flush.NONE, held.flushDue(T0, true));
        save("of a superseded attempt");
        assertEquals(HeldResults.Flush.NONE, held.flushDue(T0.plusSeconds(60), false));
        assertEquals(HeldResults.Flush.PACKS, held.flushDue(T0, true));
    }

    @Test
    void expired_heldLongerThanMax_removesAndReturnsIt() {
        held.hold("old", Set.of(save("x")), T0);
        held.hold("new", Set.of(save("y")), T0.plusSeconds(50));
        assertEquals(List.of(), held.expired(T0.plusSeconds(60), Duration.ofSeconds(60)));
        assertEquals(List.of("old"), held.expired(T0.plusSeconds(61), Duration.ofSeconds(60)));
        assertEquals(List.of("new"), held.held());
    }

    @Test
    void constructor_negativeDelay_isRejected() {
        assertThrows(IllegalArgumentException.class, () -> new HeldResults<String>(saver, Duration.ofMillis(-1)));
    }
}
