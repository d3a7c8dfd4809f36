package io.chronosguard.engine.copy;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.CorruptDataException;
import io.chronosguard.engine.Futures;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.index.PackedBlob;
import io.chronosguard.engine.pack.BlobType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.Tree;
import io.chronosguard.engine.repo.format.TreeCodec;
import io.chronosguard.engine.repo.format.TreeFormatException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Copies what one snapshot's trees reach into the destination: walks the trees from the
 * root (each tree once per copy run), stores every tree blob the destination lacks as its
 * raw bytes (so its id stays the same, as restic copies it), gathers the missing data blobs
 * by source pack, and copies them with one range read per pack, several packs at a time.
 * Everything read is verified (MAC, decompression, id) before it is stored again.
 */
final class TreeCopier {
    private final Repository source;
    private final BlobSaver saver;
    private final int threads;
    /** Trees already walked in this run: snapshots share most of them. */
    private final Set<Id> visited = new HashSet<>();

    TreeCopier(Repository source, BlobSaver saver, int threads) {
        this.source = source;
        this.saver = saver;
        this.threads = threads;
    }

    void copy(Id root) {
        Map<Id, List<PackedBlob>> byPack = new HashMap<>();
        Set<Id> queued = new HashSet<>();
        Deque<Id> trees = new ArrayDeque<>(List.of(root));
        while (!trees.isEmpty()) {
            Id treeId = trees.pop();
            if (!visited.add(treeId)) {
                continue;
            }
            byte[] raw = source.loadBlob(treeId, BlobType.TREE);
            if (missing(BlobType.TREE, treeId)) {
                saver.save(BlobType.TREE, treeId, raw, raw.length);
            }
            for (Node n : parse(treeId, raw).nodes()) {
                for (Id data : n.content() == null ? List.<Id>of() : n.content()) {
                    if (missing(BlobType.DATA, data) && queued.add(data)) {
                        PackedBlob b = source.index().lookup(data, BlobType.DATA).orElseThrow(() ->
                                new CorruptDataException("data blob " + data.hex() + " of " + n.nameString()
                                        + " (tree " + treeId.hex() + ") is in no index of the source repository"));
                        byPack.computeIfAbsent(b.pack(), k -> new ArrayList<>()).add(b);
                    }
                }
                if (n.type() == NodeType.DIR && n.subtree() != null) {
                    trees.push(n.subtree());
                }
            }
        }
        copyData(byPack);
    }

    private boolean missing(BlobType type, Id id) {
        return saver.state(type, id) == BlobSaver.State.MISSING;
    }

    private static Tree parse(Id id, byte[] raw) {
        try {
            return TreeCodec.parse(raw);
        } catch (TreeFormatException e) {
            throw new CorruptDataException("tree " + id.hex() + " cannot be parsed: " + e.getMessage(), e);
        }
    }

    private void copyData(Map<Id, List<PackedBlob>> byPack) {
        if (byPack.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, byPack.size()), r -> {
            Thread t = new Thread(r, "copy");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> work = new ArrayList<>();
            for (Map.Entry<Id, List<PackedBlob>> e : byPack.entrySet()) {
                work.add(pool.submit(() -> copyPack(e.getKey(), e.getValue())));
            }
            Futures.awaitAll(work, "copying");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads the span of the pack that holds the wanted blobs once, and stores each blob anew. */
    private void copyPack(Id pack, List<PackedBlob> blobs) {
        blobs.sort(Comparator.comparingLong(PackedBlob::offset));
        long start = blobs.get(0).offset();
        PackedBlob last = blobs.get(blobs.size() - 1);
        int span = Math.toIntExact(last.offset() + last.length() - start);
        byte[] bytes;
        try {
            bytes = source.backend().load(FileType.DATA, pack.hex(), start, span);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new CorruptDataException("pack " + pack.hex() + " of the source repository is missing");
        } catch (IOException e) {
            throw new BackendIOException("cannot read pack " + pack.hex() + " of the source repository: "
                    + e.getMessage(), e);
        }
        if (bytes.length < span) {
            throw new CorruptDataException("pack " + pack.hex() + " of the source repository is truncated");
        }
        for (PackedBlob b : blobs) {
            byte[] plain = source.decodeBlob(b, bytes, (int) (b.offset() - start));
            saver.save(BlobType.DATA, b.id(), plain, plain.length);
        }
    }
}
