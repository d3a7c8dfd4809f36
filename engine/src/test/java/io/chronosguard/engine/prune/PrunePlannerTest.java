package io.chronosguard.engine.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrunePlannerTest {
    /** Pack size 25,000 makes packs below 1,000 bytes "small", as restic's size/25. */
    static final int PACK_SIZE = 25_000;

    final List<PackedBlob> index = new ArrayList<>();
    final Map<Id, Long> stored = new HashMap<>();
    final Set<BlobHandle> used = new HashSet<>();

    static Id id(String name) {
        return Id.hash(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** One blob spec: name, type, sealed length, compressed, used. */
    record B(String name, BlobType type, int length, boolean compressed, boolean used) {
    }

    static B data(String name, int length, boolean used) {
        return new B(name, BlobType.DATA, length, true, used);
    }

    static B tree(String name, int length, boolean used) {
        return new B(name, BlobType.TREE, length, true, used);
    }

    /** Adds a pack holding {@code blobs} to the index and, with its exact size, to the backend. */
    Id pack(String name, B... blobs) {
        Id pack = id("pack " + name);
        long offset = 0;
        long header = PrunePlanner.HEADER_OVERHEAD;
        for (B b : blobs) {
            index.add(new PackedBlob(id(b.name), b.type, pack, offset, b.length, b.compressed ? b.length * 2 : 0));
            offset += b.length;
            header += b.compressed ? PrunePlanner.COMPRESSED_ENTRY : PrunePlanner.PLAIN_ENTRY;
            if (b.used) {
                used.add(new BlobHandle(id(b.name), b.type));
            }
        }
        stored.put(pack, offset + header);
        return pack;
    }

    PrunePlan plan(String maxUnused) {
        return plan(new PruneOptions(MaxUnused.parse(maxUnused), Long.MAX_VALUE, false, PACK_SIZE,
                BlobSaver.Compression.AUTO), 2);
    }

    PrunePlan plan(PruneOptions opts, int version) {
        return PrunePlanner.plan(index, used, stored, opts, version);
    }

    @Test
    void plan_fullyUsedLargePack_keepsIt() {
        pack("a", data("x", 600, true), data("y", 600, true));

        PrunePlan p = plan("0%");

        assertEquals(Set.of(), p.repack());
        assertEquals(Set.of(), p.remove());
        assertEquals(1, p.stats().packsKeep());
        assertEquals(1, p.stats().packsUsed());
        assertEquals(2, p.stats().usedBlobs());
        assertEquals(1200, p.stats().usedSize());
        assertTrue(!p.changesAnything());
    }

    @Test
    void plan_unusedPack_deletesIt() {
        pack("keep", data("x", 2000, true));
        Id gone = pack("gone", data("y", 700, false), tree("t", 300, false));

        PrunePlan p = plan("5%");

        assertEquals(Set.of(gone), p.remove());
        assertEquals(2, p.stats().removeBlobs());
        assertEquals(1000, p.stats().removeSize());
        assertEquals(1, p.stats().packsUnused());
        assertEquals(0, p.stats().unusedSizeAfter());
        assertTrue(p.keepBlobs().isEmpty(), "nothing repacked, so no blobs to keep");
    }

    @Test
    void plan_partlyUsedDataPackBeyondLimit_repacksKeepingUsedBlobs() {
        Id mixed = pack("p", data("used", 2000, true), data("unused", 1000, false));

        PrunePlan p = plan("0%");

        assertEquals(Set.of(mixed), p.repack());
        assertEquals(Set.of(new BlobHandle(id("used"), BlobType.DATA)), p.keepBlobs());
        assertEquals(2, p.stats().repackBlobs());
        assertEquals(1, p.stats().repackRemoveBlobs());
        assertEquals(1000, p.stats().repackRemoveSize());
        assertEquals(stored.get(mixed), p.stats().repackSize());
        assertEquals(1, p.stats().packsPartlyUsed());
    }

    @Test
    void plan_partlyUsedDataPackUnlimited_keepsIt() {
        pack("p", data("used", 2000, true), data("unused", 1000, false));

        PrunePlan p = plan("unlimited");

        assertEquals(Set.of(), p.repack());
        assertEquals(1, p.stats().packsKeep());
        assertEquals(1000, p.stats().unusedSizeAfter());
    }

    @Test
    void plan_partlyUsedTreePack_repackedEvenWhenUnusedIsTolerated() {
        Id trees = pack("t", tree("a", 2000, true), tree("b", 100, false));

        assertEquals(Set.of(trees), plan("unlimited").repack());
    }

    @Test
    void plan_maxRepackSizeZero_repacksNothing() {
        pack("t", tree("a", 2000, true), tree("b", 100, false));
        pack("d", data("c", 2000, true), data("d", 2000, false));

        PrunePlan p = plan(new PruneOptions(MaxUnused.parse("0%"), 0, false, PACK_SIZE, BlobSaver.Compression.AUTO), 2);

        assertEquals(Set.of(), p.repack());
        assertEquals(2, p.stats().packsKeep());
    }

    @Test
    void plan_maxRepackSize_stopsOnceTheNextPackWouldExceedIt() {
        Id a = pack("a", data("a1", 1000, true), data("a2", 3000, false));
        pack("b", data("b1", 1000, true), data("b2", 1000, false));

        PrunePlan p = plan(new PruneOptions(MaxUnused.parse("0%"), stored.get(a) + 100, false, PACK_SIZE,
                BlobSaver.Compression.AUTO), 2);

        assertEquals(Set.of(a), p.repack());
    }

    /**
     * Used 2000 bytes; pack a has ratio unused/total .75 and is taken first (3000 unused),
     * leaving 1000 unused in pack b. p% tolerates p/(100-p) * used bytes of unused space.
     */
    @Test
    void plan_maxUnused_repacksHighestUnusedRatioFirstUntilTheLimitHolds() {
        Id a = pack("a", data("a1", 1000, true), data("a2", 3000, false));
        Id b = pack("b", data("b1", 1000, true), data("b2", 1000, false));

        assertEquals(Set.of(a), plan("50%").repack(), "50%: 1000 left < 2000 tolerated");
        assertEquals(Set.of(a, b), plan("20%").repack(), "20%: 1000 left >= 500 tolerated");
        assertEquals(Set.of(a), plan("1500").repack(), "1500 bytes: 1000 left is fine");
        assertEquals(Set.of(), plan("4001").repack(), "4001 bytes: all 4000 may stay");
        assertEquals(Set.of(a), plan("4000").repack(), "the limit must be above what stays");
    }

    /**
     * Regression: deleting pack b drops a duplicate copy, which the unused count leaves out, so
     * "unused left" went negative and counted as below the limit, and c stayed although 0% was
     * asked for. restic computes it unsigned: negative wraps to near 2^64, below only "unlimited".
     */
    @Test
    void plan_duplicatesDroppedByDeletion_doNotStopRepacking() {
        pack("a", data("x", 1000, true), data("y", 1000, true));
        pack("b", data("x", 1000, true));
        Id c = pack("c", data("z", 2000, true), data("w", 500, false));

        assertEquals(Set.of(c), plan("0%").repack());
        assertEquals(Set.of(c), plan("5%").repack());
        assertEquals(Set.of(), plan("unlimited").repack());
    }

    @Test
    void plan_duplicateInPackWithUsedBlobs_keepsThatCopyAndDropsTheOther() {
        Id main = pack("main", data("x", 1000, true), data("y", 1000, true));
        Id dup = pack("dup", data("x", 1000, true));

        PrunePlan p = plan("5%");

        assertEquals(Set.of(dup), p.remove(), "the copy alone in its pack is unused");
        assertEquals(1, p.stats().duplicateBlobs());
        assertEquals(1000, p.stats().duplicateSize());
        assertEquals(1, p.stats().packsKeep());
        assertTrue(stored.containsKey(main));
    }

    @Test
    void plan_duplicateOnlyInPacksWithoutOtherUsedBlobs_keepsTheLastCopy() {
        Id first = pack("first", data("x", 1000, true));
        Id second = pack("second", data("x", 1000, true));

        PrunePlan p = plan("5%");

        assertEquals(Set.of(first), p.remove());
        assertEquals(1, p.stats().packsKeep());
        assertTrue(!p.remove().contains(second));
    }

    @Test
    void plan_usedBlobAlsoInKeptPack_isNotCopiedWhenItsOtherPackIsRepacked() {
        pack("kept", data("x", 1000, true), data("k", 1000, true));
        Id repacked = pack("r", data("x", 1000, true), data("w", 1000, true), data("u", 3000, false));

        PrunePlan p = plan("0%");

        assertEquals(Set.of(repacked), p.repack());
        assertEquals(Set.of(new BlobHandle(id("w"), BlobType.DATA)), p.keepBlobs());
    }

    @Test
    void plan_identicalEntriesFromTwoIndexFiles_countOnce() {
        pack("a", data("x", 600, true), data("y", 600, true));
        index.addAll(List.copyOf(index));

        PrunePlan p = plan("0%");

        assertEquals(0, p.stats().duplicateBlobs());
        assertEquals(1, p.stats().packsKeep());
    }

    @Test
    void plan_usedBlobInNoIndex_refuses() {
        pack("a", data("x", 600, true));
        used.add(new BlobHandle(id("lost"), BlobType.DATA));

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> plan("5%"));

        assertTrue(e.getMessage().contains(id("lost").hex()), e.getMessage());
        assertTrue(e.getMessage().contains("nothing was changed"), e.getMessage());
    }

    @Test
    void plan_neededPackMissing_refuses() {
        Id lost = pack("a", data("x", 600, true));
        stored.remove(lost);

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> plan("5%"));

        assertTrue(e.getMessage().contains(lost.hex()), e.getMessage());
    }

    @Test
    void plan_unneededPackMissing_isDroppedFromTheIndex() {
        pack("a", data("x", 2000, true));
        Id lost = pack("b", data("y", 600, false));
        stored.remove(lost);

        PrunePlan p = plan("5%");

        assertEquals(Set.of(lost), p.missingUnneeded());
        assertEquals(1, p.stats().removeBlobs());
        assertTrue(p.rewritesIndex());
    }

    @Test
    void plan_packInNoIndex_isUnreferencedAndDeleted() {
        pack("a", data("x", 2000, true));
        Id orphan = id("orphan");
        stored.put(orphan, 12345L);

        PrunePlan p = plan("5%");

        assertEquals(Set.of(orphan), p.unreferenced());
        assertEquals(12345, p.stats().unreferencedSize());
        assertEquals(1, p.stats().packsUnreferenced());
        assertTrue(p.changesAnything());
        assertTrue(!p.rewritesIndex());
    }

    @Test
    void plan_neededPackOfWrongSize_refuses() {
        Id a = pack("a", data("x", 2000, true));
        stored.put(a, stored.get(a) - 1);

        CorruptDataException e = assertThrows(CorruptDataException.class, () -> plan("5%"));

        assertTrue(e.getMessage().contains(a.hex()), e.getMessage());
    }

    @Test
    void plan_unusedPackOfWrongSize_isSimplyDeleted() {
        pack("a", data("x", 2000, true));
        Id b = pack("b", data("y", 2000, false));
        stored.put(b, 5L);

        assertEquals(Set.of(b), plan("5%").remove());
    }

    @Test
    void plan_uncompressedPacks_repackedWhenV2AsksForIt() {
        Id trees = pack("t", new B("t", BlobType.TREE, 2000, false, true));
        Id data = pack("d", new B("d", BlobType.DATA, 2000, false, true));

        assertEquals(Set.of(trees), plan("5%").repack(), "v2: uncompressed trees are always repacked");
        assertEquals(Set.of(trees, data), plan(new PruneOptions(MaxUnused.parse("5%"), Long.MAX_VALUE, true,
                PACK_SIZE, BlobSaver.Compression.AUTO), 2).repack(), "--repack-uncompressed takes data too");
        assertEquals(Set.of(), plan(new PruneOptions(MaxUnused.parse("5%"), Long.MAX_VALUE, false,
                PACK_SIZE, BlobSaver.Compression.AUTO), 1).repack(), "v1 has no compression");
    }

    @Test
    void plan_smallFullyUsedPacks_repackedOnlyFromTenOn() {
        for (int i = 0; i < 9; i++) {
            pack("small" + i, data("s" + i, 100, true));
        }
        assertEquals(Set.of(), plan("5%").repack());
        assertEquals(9, plan("5%").stats().packsKeep());

        pack("small9", data("s9", 100, true));
        assertEquals(10, plan("5%").repack().size());
    }

    @Test
    void plan_repackCacheableOnly_repacksTreePacksButKeepsDataPacks() {
        Id trees = pack("t", tree("a", 2000, true), tree("b", 1000, false));
        pack("d", data("c", 2000, true), data("d", 2000, false));

        PrunePlan p = plan(new PruneOptions(MaxUnused.parse("0%"), Long.MAX_VALUE, false, PACK_SIZE,
                BlobSaver.Compression.AUTO, true, false), 2);

        assertEquals(Set.of(trees), p.repack());
        assertEquals(1, p.stats().packsKeep());
    }

    @Test
    void plan_repackSmall_countsPacksBelowEightyPercentAsSmall() {
        for (int i = 0; i < 10; i++) {
            pack("p" + i, data("s" + i, 5000, true));
        }
        PruneOptions small = new PruneOptions(MaxUnused.parse("5%"), Long.MAX_VALUE, false, PACK_SIZE,
                BlobSaver.Compression.AUTO, false, true);

        assertEquals(Set.of(), plan("5%").repack(), "5,000 bytes is above 4% of 25,000");
        assertEquals(10, plan(small, 2).repack().size(), "but below 80%");
    }

    @Test
    void plan_packWithDataAndTrees_isRepackedAsMixed() {
        Id mixed = pack("m", data("d", 2000, true), tree("t", 2000, true));

        assertEquals(Set.of(mixed), plan("unlimited").repack());
    }
}
