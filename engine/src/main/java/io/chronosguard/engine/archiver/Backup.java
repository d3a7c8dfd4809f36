package io.chronosguard.engine.archiver;

import io.chronosguard.engine.BackendIOException;
import io.chronosguard.engine.EngineException;
import io.chronosguard.engine.NotFoundException;
import io.chronosguard.engine.backend.FileType;
import io.chronosguard.engine.repo.BlobSaver;
import io.chronosguard.engine.repo.Host;
import io.chronosguard.engine.repo.Id;
import io.chronosguard.engine.repo.IndexSaver;
import io.chronosguard.engine.repo.Repository;
import io.chronosguard.engine.repo.Snapshots;
import io.chronosguard.engine.repo.format.Node;
import io.chronosguard.engine.repo.format.NodeType;
import io.chronosguard.engine.repo.format.ResticJson;
import io.chronosguard.engine.repo.format.ResticTime;
import io.chronosguard.engine.repo.format.Snapshot;
import io.chronosguard.engine.repo.format.Tree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One local backup, start to finish, in the order that keeps the repository valid at every
 * instant: blobs into packs, packs stored, then indexed; the root tree (holding every
 * component of the absolute target paths) after all its children; the snapshot last.
 */
public final class Backup {
    private final Repository repo;
    private final Clock clock;
    private final Host host;

    public Backup(Repository repo, Clock clock, Host host) {
        this.repo = repo;
        this.clock = clock;
        this.host = host;
    }

    public BackupSummary run(BackupRequest req, ArchiverListener listener) {
        return run(req, new BackupStats(listener));
    }

    /** Runs the backup counting into {@code stats} (which the caller may watch for progress). */
    public BackupSummary run(BackupRequest req, BackupStats stats) {
        Instant start = clock.instant();
        OffsetDateTime time = OffsetDateTime.now(clock);
        List<Path> targets = normalize(req.targets());
        for (Path t : targets) {
            if (!java.nio.file.Files.exists(t, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                throw new NotFoundException("backup target " + t + " does not exist");
            }
        }
        List<String> paths = targets.stream().map(Path::toString).toList();
        Optional<Snapshots.Entry> parent = findParent(req, paths);
        BlobSaver saver = new BlobSaver(repo, new IndexSaver(repo), req.packSize(), req.compression());
        ExecutorService pool = daemonPool(req.threads(), "backup-worker");
        // the chunks of large files: hashed, compressed, sealed and packed while their readers read on
        ExecutorService blobPool = daemonPool(req.threads(), "backup-blob");
        Id rootTree;
        try {
            Archiver archiver = new Archiver(repo, saver, pool, blobPool, 2 * req.threads(), stats,
                    new BackupOptions(req.excluder(), Optional.empty(), true));
            Tree parentRoot = parent.map(p -> repo.loadTree(Id.parse(p.snapshot().tree()))).orElse(null);
            rootTree = new RootBuilder(archiver, stats, parentRoot).build(targets);
            saver.flush();
        } finally {
            pool.shutdownNow();
            blobPool.shutdownNow();
        }
        Snapshot snap = new Snapshot(ResticTime.format(time), parent.map(p -> p.id().hex()).orElse(null),
                rootTree.hex(), paths, req.hostname(), host.username(), host.uid(), host.gid(),
                req.excluder().patterns(), req.tags(), null);
        Id snapId = repo.saveUnpacked(FileType.SNAPSHOT, ResticJson.write(snap));
        return new BackupSummary(snapId, parent.map(Snapshots.Entry::id).orElse(null), stats.filesNew.get(),
                stats.filesChanged.get(), stats.filesUnmodified.get(), stats.dirsNew.get(), stats.dirsChanged.get(),
                stats.dirsUnmodified.get(), stats.dataBlobs.get(), stats.treeBlobs.get(), stats.dataAdded.get(),
                stats.filesTotal(), stats.bytesProcessed.get(), Duration.between(start, clock.instant()),
                stats.errors(), stats.warnings());
    }

    private static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Absolute, normalised, de-duplicated; a target inside another target is dropped. */
    static List<Path> normalize(List<Path> targets) {
        List<Path> abs = new ArrayList<>();
        for (Path t : targets) {
            Path a = t.toAbsolutePath().normalize();
            if (!abs.contains(a)) {
                abs.add(a);
            }
        }
        List<Path> out = new ArrayList<>();
        for (Path a : abs) {
            boolean nested = abs.stream().anyMatch(o -> !o.equals(a) && a.startsWith(o));
            if (!nested) {
                out.add(a);
            }
        }
        return out;
    }

    private Optional<Snapshots.Entry> findParent(BackupRequest req, List<String> paths) {
        if (req.forceNoParent()) {
            return Optional.empty();
        }
        if (req.parent().isPresent()) {
            return Optional.of(Snapshots.find(repo, req.parent().get()));
        }
        TreeSet<String> want = new TreeSet<>(paths);
        Snapshots.Entry best = null;
        for (Snapshots.Entry e : Snapshots.all(repo)) {
            if (req.hostname().equals(e.snapshot().hostname()) && want.equals(new TreeSet<>(e.snapshot().paths()))) {
                best = e;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Builds the root tree: every path component from / down to each target. */
    private static final class RootBuilder {
        private final Archiver archiver;
        private final BackupStats stats;
        private final Tree parentRoot;

        RootBuilder(Archiver archiver, BackupStats stats, Tree parentRoot) {
            this.archiver = archiver;
            this.stats = stats;
            this.parentRoot = parentRoot;
        }

        /** A folder on the way to the targets: sub-folders and finished target nodes. */
        private static final class Level {
            final Map<String, Level> dirs = new TreeMap<>();
            final Map<String, CompletableFuture<Node>> targets = new HashMap<>();
        }

        Id build(List<Path> targets) {
            Level root = new Level();
            for (Path t : targets) {
                if (t.getNameCount() == 0) {
                    Node n = await(archiver.backup(t, parentChild(List.of())), t);
                    return n.subtree();
                }
                Level l = root;
                for (int i = 0; i < t.getNameCount() - 1; i++) {
                    l = l.dirs.computeIfAbsent(t.getName(i).toString(), k -> new Level());
                }
                List<String> comps = new ArrayList<>();
                t.forEach(c -> comps.add(c.toString()));
                l.targets.put(t.getFileName().toString(), archiver.backup(t, parentChild(comps)));
            }
            return save(Path.of("/"), root, targets);
        }

        /** The node at {@code comps} in the parent snapshot, if any. */
        private Optional<Node> parentChild(List<String> comps) {
            if (parentRoot == null || comps.isEmpty()) {
                return Optional.empty();
            }
            Tree cur = parentRoot;
            Node found = null;
            for (String c : comps) {
                if (cur == null) {
                    return Optional.empty();
                }
                found = cur.find(c.getBytes(StandardCharsets.UTF_8)).orElse(null);
                if (found == null) {
                    return Optional.empty();
                }
                cur = found.type() == NodeType.DIR && found.subtree() != null ? archiverTree(found.subtree()) : null;
            }
            return Optional.ofNullable(found);
        }

        private Tree archiverTree(Id id) {
            try {
                return archiver.repo().loadTree(id);
            } catch (EngineException e) {
                return null;
            }
        }

        private Id save(Path path, Level level, List<Path> all) {
            List<Node> nodes = new ArrayList<>();
            for (Map.Entry<String, CompletableFuture<Node>> e : level.targets.entrySet()) {
                Node n = await(e.getValue(), path.resolve(e.getKey()));
                if (n != null) {
                    nodes.add(n);
                }
            }
            for (Map.Entry<String, Level> e : level.dirs.entrySet()) {
                Path p = path.resolve(e.getKey());
                Id sub = save(p, e.getValue(), all);
                try {
                    nodes.add(FileInfo.of(p).toNode(e.getKey().getBytes(StandardCharsets.UTF_8)).subtree(sub).build());
                } catch (IOException ex) {
                    throw new BackendIOException("cannot read " + p + ": " + ex.getMessage(), ex);
                }
            }
            return archiver.saveTree(Tree.sorted(nodes));
        }

        private Node await(CompletableFuture<Node> f, Path target) {
            try {
                return f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new BackendIOException("backup interrupted", e);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof NoSuchFileException) {
                    throw new NotFoundException("backup target " + target + " does not exist");
                }
                if (c instanceof IOException io) {
                    stats.error(target.toString(), io.getMessage());
                    return null;
                }
                if (c instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(c);
            }
        }
    }
}
