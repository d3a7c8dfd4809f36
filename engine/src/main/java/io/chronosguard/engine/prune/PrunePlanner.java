package io.chronosguard.engine.prune;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.crypto.Crypto;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.repo.Id;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Decides what prune does, exactly as restic 0.14's {@code planPrune}: pure, from the index
 * entries, the used blobs and the packs the backend holds. A used blob that no index names,
 * a needed pack that is missing, or a needed pack whose size disagrees with its index
 * entries makes it refuse ({@link CorruptDataException}) before anything is changed.
 */
public final class PrunePlanner {
    /** The header's fixed part: the 4-byte length field and the header's IV and MAC. */
    static final long HEADER_OVERHEAD = 4 + Crypto.OVERHEAD;
    static final long PLAIN_ENTRY = 1 + 4 + 32;
    static final long COMPRESSED_ENTRY = 1 + 4 + 4 + 32;
    /** Fewer small, fully used packs than this are not worth repacking (and would repack forever). */
    static final int MIN_SMALL_PACKS = 10;
    private static final int DUPLICATE_COUNT_MAX = 255;

    private final PruneOptions opts;
    private final int repoVersion;
    private final PruneTally t = new PruneTally();

    private PrunePlanner(PruneOptions opts, int repoVersion) {
        this.opts = opts;
        this.repoVersion = repoVersion;
    }

    /**
     * Plans a prune. {@code index}: every index entry (identical entries from several index
     * files count once); {@code used}: the blobs some snapshot reaches; {@code storedPacks}:
     * each pack file in the backend with its size.
     */
    public static PrunePlan plan(Collection<PackedBlob> index, Set<BlobHandle> used, Map<Id, Long> storedPacks,
            PruneOptions opts, int repoVersion) {
        return new PrunePlanner(opts, repoVersion).run(new ArrayList<>(new LinkedHashSet<>(index)), used, storedPacks);
    }

    private PrunePlan run(List<PackedBlob> entries, Set<BlobHandle> used, Map<Id, Long> storedPacks) {
        Set<BlobHandle> keep = new HashSet<>();
        Map<BlobHandle, Integer> duplicates = countBlobs(entries, used, keep);
        Map<Id, PackUsage> packs = packUsage(entries, keep, duplicates);
        Decision d = decide(packs, storedPacks);
        if (!d.repack.isEmpty()) {
            // blobs that a kept pack already holds need no new copy
            for (PackedBlob b : entries) {
                if (!d.remove.contains(b.pack()) && !d.repack.contains(b.pack()) && !d.missing.contains(b.pack())) {
                    keep.remove(handle(b));
                }
            }
        } else {
            keep.clear();
        }
        return new PrunePlan(d.unreferenced, d.repack, d.remove, d.missing, keep, t.stats());
    }

    static BlobHandle handle(PackedBlob b) {
        return new BlobHandle(b.id(), b.type());
    }

    /** Sorts every entry into used, duplicate or unused; fills {@code keep}; returns each duplicate's count. */
    private Map<BlobHandle, Integer> countBlobs(List<PackedBlob> entries, Set<BlobHandle> used, Set<BlobHandle> keep) {
        Set<BlobHandle> notFound = new HashSet<>(used);
        Map<BlobHandle, Integer> duplicates = new HashMap<>();
        for (PackedBlob b : entries) {
            BlobHandle h = handle(b);
            if (notFound.remove(h)) {
                keep.add(h);
                t.usedSize += b.length();
                t.usedBlobs++;
            } else if (keep.contains(h)) {
                duplicates.merge(h, 2, (old, two) -> Math.min(old + 1, DUPLICATE_COUNT_MAX));
                t.duplicateSize += b.length();
                t.duplicateBlobs++;
            } else {
                t.unusedSize += b.length();
                t.unusedBlobs++;
            }
        }
        if (!notFound.isEmpty()) {
            throw new CorruptDataException(notFound.size() + " blobs that snapshots use are not in any index ("
                    + sample(notFound.stream().map(BlobHandle::toString).sorted().toList())
                    + "): data seems to be missing; prune refuses to run to prevent (more) data loss,"
                    + " nothing was changed");
        }
        return duplicates;
    }

    private static Map<Id, PackUsage> packUsage(List<PackedBlob> entries, Set<BlobHandle> keep,
            Map<BlobHandle, Integer> duplicates) {
        Map<Id, PackUsage> packs = new LinkedHashMap<>();
        Map<Id, Long> headers = new HashMap<>();
        for (PackedBlob b : entries) {
            headers.merge(b.pack(), b.compressed() ? COMPRESSED_ENTRY : PLAIN_ENTRY, Long::sum);
        }
        headers.forEach((id, size) -> packs.put(id, new PackUsage(id, HEADER_OVERHEAD + size)));
        for (PackedBlob b : entries) {
            PackUsage p = packs.get(b.pack());
            p.sawType(b.type());
            BlobHandle h = handle(b);
            if (duplicates.containsKey(h)) {
                continue; // decided below, once every pack's other blobs are counted
            } else if (keep.contains(h)) {
                p.usedSize += b.length();
                p.usedBlobs++;
            } else {
                p.unusedSize += b.length();
                p.unusedBlobs++;
            }
            if (!b.compressed()) {
                p.uncompressed = true;
            }
        }
        // one copy of each duplicate is used: preferably in a pack that has used blobs anyway
        for (PackedBlob b : entries) {
            BlobHandle h = handle(b);
            Integer count = duplicates.get(h);
            if (count == null) {
                continue;
            }
            PackUsage p = packs.get(b.pack());
            if (!b.compressed()) {
                p.uncompressed = true;
            }
            if (count == 0) {
                p.unusedSize += b.length();
                p.unusedBlobs++;
            } else if (p.usedBlobs > 0 || count == 1) {
                p.usedSize += b.length();
                p.usedBlobs++;
                duplicates.put(h, 0);
            } else {
                p.unusedSize += b.length();
                p.unusedBlobs++;
                duplicates.put(h, count - 1);
            }
        }
        return packs;
    }

    private static final class Decision {
        final Set<Id> unreferenced = new LinkedHashSet<>();
        final Set<Id> remove = new LinkedHashSet<>();
        final Set<Id> repack = new LinkedHashSet<>();
        final Set<Id> missing = new LinkedHashSet<>();
    }

    private Decision decide(Map<Id, PackUsage> packs, Map<Id, Long> storedPacks) {
        Decision d = new Decision();
        long target = opts.smallPackSize();
        List<PackUsage> candidates = new ArrayList<>();
        List<PackUsage> small = new ArrayList<>();
        Map<Id, PackUsage> notStored = new TreeMap<>(packs);
        for (Map.Entry<Id, Long> e : new TreeMap<>(storedPacks).entrySet()) {
            PackUsage p = notStored.remove(e.getKey());
            if (p == null) {
                d.unreferenced.add(e.getKey());
                t.unreferencedSize += e.getValue();
            } else {
                classify(p, e.getValue(), target, d, candidates, small);
            }
        }
        dropMissing(notStored.values(), d);
        if (small.size() < MIN_SMALL_PACKS) {
            t.packsKeep += small.size();
        } else {
            candidates.addAll(small);
        }
        candidates.sort(repackOrder(target));
        chooseRepacks(candidates, target, d);
        t.packsUnreferenced = d.unreferenced.size();
        t.packsRepack = d.repack.size();
        t.packsRemove = d.remove.size();
        return d;
    }

    /** Decides for a stored pack the index names: delete, keep, or consider for repacking. */
    private void classify(PackUsage p, long size, long target, Decision d, List<PackUsage> candidates,
            List<PackUsage> small) {
        if (p.total() != size && p.usedBlobs != 0) {
            throw new CorruptDataException("pack " + p.id.hex() + " has " + size + " bytes, but its index entries"
                    + " add up to " + p.total() + "; prune refuses to run, nothing was changed"
                    + " (restic rebuild-index repairs the index)");
        }
        if (p.usedBlobs == 0) {
            t.packsUnused++;
        } else if (p.unusedBlobs == 0) {
            t.packsUsed++;
        } else {
            t.packsPartlyUsed++;
        }
        p.mustCompress = repoVersion >= 2 && (p.isTree() || opts.repackUncompressed()) && p.uncompressed;
        if (p.usedBlobs == 0) {
            d.remove.add(p.id);
            t.removeBlobs += p.unusedBlobs;
            t.removeSize += p.unusedSize;
        } else if (opts.repackCacheableOnly() && p.isData()) {
            t.packsKeep++;
        } else if (p.unusedBlobs == 0 && !p.isMixed() && !p.mustCompress) {
            if (size >= target) {
                t.packsKeep++;
            } else {
                small.add(p);
            }
        } else {
            candidates.add(p);
        }
    }

    /** Packs the index names but the backend lacks: dropped when unneeded, else prune refuses. */
    private void dropMissing(Collection<PackUsage> missing, Decision d) {
        List<Id> missingNeeded = new ArrayList<>();
        for (PackUsage p : missing) {
            if (p.usedBlobs == 0) {
                d.missing.add(p.id);
                t.removeBlobs += p.unusedBlobs;
                t.removeSize += p.unusedSize;
            } else {
                missingNeeded.add(p.id);
            }
        }
        if (!missingNeeded.isEmpty()) {
            throw new CorruptDataException("the index names " + missingNeeded.size() + " needed pack files that are"
                    + " missing from the repository (" + sample(missingNeeded.stream().map(Id::hex).toList())
                    + "); prune refuses to run to prevent (more) data loss, nothing was changed");
        }
    }

    /** Trees and mixed packs first, then packs below the small size, then by falling unused/total ratio. */
    static Comparator<PackUsage> repackOrder(long target) {
        return Comparator.comparing((PackUsage p) -> p.isData())
                .thenComparing(p -> p.total() >= target)
                .thenComparing((a, b) -> Double.compare((double) b.unusedSize * a.usedSize,
                        (double) a.unusedSize * b.usedSize));
    }

    private void chooseRepacks(List<PackUsage> candidates, long target, Decision d) {
        long maxUnusedAfter = opts.maxUnused().limit(t.usedSize);
        for (PackUsage p : candidates) {
            boolean reachedUnusedSizeAfter = unusedAfterBelow(maxUnusedAfter);
            boolean reachedRepackSize = p.total() >= opts.maxRepackBytes() - t.repackSize;
            boolean largeEnough = p.total() >= target;
            if (reachedRepackSize) {
                t.packsKeep++;
            } else if (!p.isData() || p.mustCompress) {
                repack(p, d);
            } else if (reachedUnusedSizeAfter && largeEnough) {
                t.packsKeep++;
            } else {
                repack(p, d);
            }
        }
    }

    /**
     * Whether the unused bytes left so far are below {@code limit}, computed as restic does it.
     * Deleting and repacking packs also drops copies of duplicate blobs, which the unused
     * count leaves out, so the difference can go below zero; restic's unsigned arithmetic then
     * wraps to nearly 2^64, which is below no limit but "unlimited". Keep that: a negative
     * difference must not stop the repacking.
     */
    private boolean unusedAfterBelow(long limit) {
        long left = t.unusedSize - t.removeSize - t.repackRemoveSize;
        return left >= 0 ? left < limit : opts.maxUnused().isUnlimited();
    }

    private void repack(PackUsage p, Decision d) {
        d.repack.add(p.id);
        t.repackBlobs += p.unusedBlobs + p.usedBlobs;
        t.repackSize += p.total();
        t.repackRemoveBlobs += p.unusedBlobs;
        t.repackRemoveSize += p.unusedSize;
    }

    private static String sample(List<String> items) {
        String shown = items.stream().limit(5).collect(Collectors.joining(", "));
        return items.size() > 5 ? shown + " and " + (items.size() - 5) + " more" : shown;
    }
}
