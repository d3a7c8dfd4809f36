package io.chronosguard.engine.copy;

import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.forget.SnapshotFilter;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * restic 0.14's {@code copy}: for each selected source snapshot that the destination does not
 * already hold a copy of ({@link Copies}), copies the blobs its trees reach and the
 * destination lacks ({@link TreeCopier}), writes the destination's index, and only then saves
 * the snapshot, with {@code parent} dropped and {@code original} naming the source snapshot
 * (or keeping the original it already had). Stopping at any point leaves a destination that
 * {@code restic check} accepts: at worst packs no snapshot uses yet. Locking is the caller's.
 */
public final class Copier {
    private final Repository source;
    private final Repository destination;
    private final BlobSaver saver;
    private final CopyListener listener;
    private final TreeCopier trees;

    /**
     * @param packSize    target pack size of the destination, bytes
     * @param compression how data blobs are compressed in the destination (v2 only; v1 stores them plain)
     * @param threads     source packs read and copied at once
     */
    public Copier(Repository source, Repository destination, int packSize, BlobSaver.Compression compression,
            int threads, CopyListener listener) {
        this.source = source;
        this.destination = destination;
        this.saver = new BlobSaver(destination, new IndexSaver(destination), packSize, compression);
        this.listener = listener;
        this.trees = new TreeCopier(source, saver, Math.max(1, threads));
    }

    /**
     * Copies the source snapshots {@code specs} names (ids, unique id prefixes, {@code latest},
     * which honours the filter), or every source snapshot the filter lets through when
     * {@code specs} is empty. The filter also picks which destination snapshots count as
     * copies, as in restic.
     */
    public CopyResult copy(List<String> specs, SnapshotFilter filter) {
        List<Snapshots.Entry> selected = select(specs, filter);
        Copies copies = new Copies(Snapshots.all(destination).stream().filter(e -> filter.matches(e.snapshot())).toList());
        List<CopyResult.Pair> copied = new ArrayList<>();
        List<CopyResult.Pair> skipped = new ArrayList<>();
        for (Snapshots.Entry src : selected) {
            listener.snapshotSelected(src);
            Optional<Snapshots.Entry> existing = copies.copyOf(src);
            if (existing.isPresent()) {
                listener.skipped(src, existing.get().id());
                skipped.add(new CopyResult.Pair(src.id(), existing.get().id()));
                continue;
            }
            listener.copyStarted(src);
            trees.copy(treeOf(src));
            saver.flush();
            Snapshot s = src.snapshot();
            Snapshot copy = new Snapshot(s.time(), null, s.tree(), s.paths(), s.hostname(), s.username(), s.uid(),
                    s.gid(), s.excludes(), s.tags(), Copies.originalOf(src).hex());
            Id saved = destination.saveUnpacked(FileType.SNAPSHOT, ResticJson.write(copy));
            copies.add(new Snapshots.Entry(saved, copy));
            listener.saved(src, saved);
            copied.add(new CopyResult.Pair(src.id(), saved));
        }
        return new CopyResult(copied, skipped, saver.addedBlobs(), saver.addedBytes());
    }

    private static Id treeOf(Snapshots.Entry e) {
        try {
            return Id.parse(e.snapshot().tree());
        } catch (IllegalArgumentException ex) {
            throw new CorruptDataException("snapshot " + e.id().hex() + " has no valid tree id", ex);
        }
    }

    /** As restic's FindFilteredSnapshots: named snapshots in the order given (each once), else all matching. */
    private List<Snapshots.Entry> select(List<String> specs, SnapshotFilter filter) {
        List<Snapshots.Entry> all = Snapshots.all(source);
        if (specs.isEmpty()) {
            return all.stream().filter(e -> filter.matches(e.snapshot())).toList();
        }
        Map<Id, Snapshots.Entry> found = new LinkedHashMap<>();
        for (String spec : specs) {
            if (spec.equals("latest")) {
                List<Snapshots.Entry> matching = all.stream().filter(e -> filter.matches(e.snapshot())).toList();
                if (matching.isEmpty()) {
                    listener.specIgnored(spec, "no snapshot matches the given filter");
                } else {
                    Snapshots.Entry latest = matching.get(matching.size() - 1);
                    found.putIfAbsent(latest.id(), latest);
                }
                continue;
            }
            String prefix = spec.toLowerCase(Locale.ROOT);
            List<Snapshots.Entry> matches = all.stream().filter(e -> e.id().hex().startsWith(prefix)).toList();
            if (matches.size() == 1) {
                found.putIfAbsent(matches.get(0).id(), matches.get(0));
            } else {
                listener.specIgnored(spec, matches.isEmpty() ? "no matching ID found"
                        : "prefix matches " + matches.size() + " snapshots; give more characters");
            }
        }
        return List.copyOf(found.values());
    }
}
