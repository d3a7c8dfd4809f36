package io.chronosguard.engine.prune;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.MasterIndex;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs restic 0.14's prune against a repository whose exclusive lock the caller holds.
 * {@link #plan} reads every index file (whether superseded or not), walks every snapshot
 * and lists the packs; {@link #execute} then changes the repository in an order that keeps
 * it valid for {@code restic check} if it stops at any point:
 * <ol>
 * <li>delete packs no index names (nothing can refer to them);</li>
 * <li>repack: copy the kept blobs of the packs to repack into new packs, indexed as they go;</li>
 * <li>write a complete new index: the kept packs and the new ones;</li>
 * <li>delete every old index file (now the removed packs are merely unreferenced);</li>
 * <li>delete the unused and the repacked packs.</li>
 * </ol>
 */
public final class Pruner {
    private final Repository repo;
    private final PruneOptions opts;
    private final PruneListener listener;
    private final int threads;
    private MasterIndex index;
    private List<Id> indexFiles;

    /** A pruner that repacks one pack at a time. */
    public Pruner(Repository repo, PruneOptions opts, PruneListener listener) {
        this(repo, opts, listener, 1);
    }

    /**
     * A pruner that repacks {@code threads} packs at once (reading, verifying, compressing and
     * sealing are CPU work); the listener must then take calls from several threads.
     */
    public Pruner(Repository repo, PruneOptions opts, PruneListener listener, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.repo = repo;
        this.opts = opts;
        this.listener = listener;
        this.threads = threads;
    }

    /** Plans a prune that treats the snapshots in {@code ignoreSnapshots} as already gone. */
    public PrunePlan plan(Collection<Id> ignoreSnapshots) {
        if (opts.repackUncompressed() && repo.version() < 2) {
            throw new IllegalArgumentException("--repack-uncompressed needs repository format version 2, this"
                    + " repository has version " + repo.version());
        }
        listener.starting(PrunePhase.LOAD_INDEX);
        indexFiles = repo.list(FileType.INDEX);
        index = new MasterIndex();
        for (Id id : indexFiles) {
            index.addAll(repo.loadIndexFile(id).blobs());
        }
        listener.finished(PrunePhase.LOAD_INDEX);

        listener.starting(PrunePhase.FIND_USED_BLOBS);
        List<Id> snapshots = new ArrayList<>(repo.list(FileType.SNAPSHOT));
        snapshots.removeAll(new HashSet<>(ignoreSnapshots));
        listener.snapshotsToScan(snapshots.size());
        Set<BlobHandle> used = new UsedBlobs(repo, index).collect(snapshots);
        listener.finished(PrunePhase.FIND_USED_BLOBS);

        listener.starting(PrunePhase.PLAN);
        PrunePlan plan = PrunePlanner.plan(index.all(), used, storedPacks(), opts, repo.version());
        plan.missingUnneeded().forEach(listener::missingPackDropped);
        listener.finished(PrunePhase.PLAN);
        return plan;
    }

    private Map<Id, Long> storedPacks() {
        Map<Id, Long> sizes = new HashMap<>();
        for (Id id : repo.list(FileType.DATA)) {
            try {
                sizes.put(id, repo.backend().size(FileType.DATA, id.hex()));
            } catch (IOException e) {
                throw new BackendIOException("cannot read the size of pack " + id.hex() + ": " + e.getMessage(), e);
            }
        }
        return sizes;
    }

    /** Carries out {@code plan}, which {@link #plan} of this pruner made. */
    public void execute(PrunePlan plan) {
        if (index == null) {
            throw new IllegalStateException("plan() must run before execute()");
        }
        if (!plan.unreferenced().isEmpty()) {
            listener.starting(PrunePhase.DELETE_UNREFERENCED_PACKS);
            delete(FileType.DATA, plan.unreferenced());
            listener.finished(PrunePhase.DELETE_UNREFERENCED_PACKS);
        }
        Repacker.Result repacked = new Repacker.Result(List.of(), List.of());
        if (!plan.repack().isEmpty()) {
            listener.starting(PrunePhase.REPACK);
            repacked = new Repacker(repo, index, opts, listener, threads).repack(plan.repack(), plan.keepBlobs(),
                    plan.missingUnneeded());
            listener.finished(PrunePhase.REPACK);
        }
        if (!plan.rewritesIndex()) {
            return;
        }
        Set<Id> gone = new HashSet<>(plan.remove());
        gone.addAll(plan.repack());
        gone.addAll(plan.missingUnneeded());
        List<PackedBlob> entries = new ArrayList<>(repacked.entries());
        for (PackedBlob b : index.all()) {
            if (!gone.contains(b.pack())) {
                entries.add(b);
            }
        }
        listener.starting(PrunePhase.WRITE_NEW_INDEX);
        Set<Id> fresh = new HashSet<>(IndexRewriter.write(repo, entries));
        listener.finished(PrunePhase.WRITE_NEW_INDEX);

        listener.starting(PrunePhase.DELETE_OLD_INDEX);
        Set<Id> old = new LinkedHashSet<>(indexFiles);
        old.addAll(repacked.indexFiles());
        old.removeAll(fresh);
        delete(FileType.INDEX, old);
        listener.finished(PrunePhase.DELETE_OLD_INDEX);

        listener.starting(PrunePhase.DELETE_PACKS);
        Set<Id> packs = new LinkedHashSet<>(plan.remove());
        packs.addAll(plan.repack());
        delete(FileType.DATA, packs);
        listener.finished(PrunePhase.DELETE_PACKS);
    }

    private void delete(FileType type, Collection<Id> ids) {
        for (Id id : ids) {
            try {
                repo.backend().remove(type, id.hex());
            } catch (NoSuchFileException e) {
                // already gone: what we wanted
            } catch (IOException e) {
                throw new BackendIOException("cannot delete " + type.folder() + " file " + id.hex() + ": "
                        + e.getMessage(), e);
            }
        }
    }
}
